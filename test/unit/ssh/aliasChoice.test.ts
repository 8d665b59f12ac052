import * as assert from 'assert';
import * as fc from 'fast-check';
import { aliasCandidates, aliasSlug, chooseAlias } from '../../../src/ssh/core/aliasChoice';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { listHostBlocks, upsertHostBlockAs, type VmHostEntry } from '../../../src/ssh/core/hostBlocks';

const NODE = '4e1d95b3a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899';
const OTHER_NODE = 'ffee0011a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978800';
const TASK = '75kU8pAbaC1kZtK1bnvLlE';
const VM = { nodeId: NODE, taskId: TASK };

describe('ssh aliasChoice (readable Host aliases)', () => {
  it('slugs names to lower-case letters, digits, ".", "_" and "-"', () => {
    assert.strictEqual(aliasSlug('Train Box #2'), 'train-box-2');
    assert.strictEqual(aliasSlug('  --my_VM.v1--  '), 'my_vm.v1');
    assert.strictEqual(aliasSlug('训练机'), '', 'nothing readable is left of a name without ASCII letters');
    assert.strictEqual(aliasSlug('gpu 训练 01'), 'gpu-01');
    assert.strictEqual(aliasSlug(`${'a'.repeat(39)} b`), 'a'.repeat(39), 'cut to 40 characters, no "-" at the end');
    assert.strictEqual(aliasSlug('*?!,"\''), '');
  });

  it('the issue\'s task: dbc-<VM name> first, then dbc-<node>-<8, 12, 16 of the task id>, last the reversible form', () => {
    assert.deepStrictEqual(aliasCandidates(VM, { vmName: 'Train', nodeName: 'GPU A', otherVmNames: ['eval'] }), [
      'dbc-train', 'dbc-gpu-a-75ku8pab', 'dbc-gpu-a-75ku8pabac1k', 'dbc-gpu-a-75ku8pabac1kztk1', hostAliasFor(VM),
    ]);
    assert.deepStrictEqual(aliasCandidates(VM).slice(0, 1), ['dbc-4e1d95b3-75ku8pab'], 'no node name: the first 8 of its id');
    assert.strictEqual(hostAliasFor(VM), 'dbc-4e1d95b3-75k_u8p_aba_c1k_zt_k1bnv_ll_e', 'the earlier form, hard to type');
  });

  it('a name another VM of the user has (ignoring case and punctuation) or one without letters is not used', () => {
    assert.strictEqual(aliasCandidates(VM, { vmName: 'Train', otherVmNames: ['train '] })[0], 'dbc-4e1d95b3-75ku8pab');
    assert.strictEqual(aliasCandidates(VM, { vmName: 'my box', otherVmNames: ['My-Box'] })[0], 'dbc-4e1d95b3-75ku8pab');
    assert.strictEqual(aliasCandidates(VM, { vmName: '训练机', otherVmNames: [] })[0], 'dbc-4e1d95b3-75ku8pab');
    assert.strictEqual(aliasCandidates(VM, { vmName: 'Train', nodeName: '节点', otherVmNames: ['训练机'] })[0], 'dbc-train');
    assert.strictEqual(aliasCandidates(VM, { nodeName: '节点' })[0], 'dbc-4e1d95b3-75ku8pab', 'a node name without letters: its id');
  });

  it('takes the first candidate no block and no Host of the user has (ignoring case, not to mix them up)', () => {
    const naming = { vmName: 'Train', nodeName: 'gpu-a', otherVmNames: [] };
    assert.deepStrictEqual(chooseAlias(VM, naming, [], []), { alias: 'dbc-train' });
    assert.deepStrictEqual(chooseAlias(VM, naming, [], ['DBC-Train']), { alias: 'dbc-gpu-a-75ku8pab' });
    const other = { alias: 'dbc-x', names: ['dbc-x', 'dbc-gpu-a-75ku8pab'], vm: { nodeId: OTHER_NODE, taskId: 'x' } };
    assert.deepStrictEqual(chooseAlias(VM, naming, [other], ['dbc-train']), { alias: 'dbc-gpu-a-75ku8pabac1k' }, 'a second name counts as taken');
  });

  it('a VM with a block keeps its alias whatever its name is now (stable beats pretty)', () => {
    const own = { alias: 'dbc-old-name', names: ['dbc-old-name'], vm: { nodeId: NODE.toUpperCase(), taskId: TASK } };
    assert.deepStrictEqual(chooseAlias(VM, { vmName: 'new name' }, [own], []), { alias: 'dbc-old-name' });
    const sameTaskOtherNode = { alias: 'dbc-train', vm: { nodeId: OTHER_NODE, taskId: TASK } };
    assert.deepStrictEqual(chooseAlias(VM, { vmName: 'train' }, [sameTaskOtherNode], []), { alias: 'dbc-4e1d95b3-75ku8pab' });
  });

  it('migrates the earlier alias to a readable one and keeps it as a second name, also on later writes', () => {
    const legacy = hostAliasFor(VM);
    assert.deepStrictEqual(chooseAlias(VM, { vmName: 'train' }, [{ alias: legacy, names: [legacy] }], []), { alias: 'dbc-train', keep: legacy }, 'a block without a marker, by its alias');
    assert.deepStrictEqual(chooseAlias(VM, {}, [{ alias: legacy, names: [legacy], vm: VM }], ['dbc-4e1d95b3-75ku8pab']), { alias: 'dbc-4e1d95b3-75ku8pabac1k', keep: legacy });
    assert.deepStrictEqual(chooseAlias(VM, { vmName: 'renamed' }, [{ alias: 'dbc-train', names: ['dbc-train', legacy], vm: VM }], []), { alias: 'dbc-train', keep: legacy });
  });

  it('when every candidate is taken (task ids that are prefixes of each other) it numbers the first', () => {
    const vm = { nodeId: NODE, taskId: 'abc' };
    const taken = [{ alias: 'dbc-4e1d95b3-abc', vm: { nodeId: NODE, taskId: 'abcZ' } }];
    assert.deepStrictEqual(aliasCandidates(vm), ['dbc-4e1d95b3-abc', 'dbc-4e1d95b3-abc']);
    assert.deepStrictEqual(chooseAlias(vm, {}, taken, ['dbc-4e1d95b3-abc-2']), { alias: 'dbc-4e1d95b3-abc-3' });
  });

  it('any sequence of VMs, names and user Hosts written into one file: distinct lower-case aliases, each VM keeps its own', () => {
    const name = fc.oneof(fc.constantFrom('train', 'Train', 'eval', '训练', '', 'a b', 'A-B'), fc.stringMatching(/^[A-Za-z0-9 _.-]{0,12}$/));
    const task = fc.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{1,22}$/);
    const vms = fc.uniqueArray(fc.record({ node: fc.constantFrom(NODE, OTHER_NODE), task, name, nodeName: fc.constantFrom('gpu-a', 'GPU A', '') }), {
      minLength: 1, maxLength: 8, selector: (v) => `${v.node}/${v.task}`,
    });
    const userHosts = fc.array(fc.constantFrom('dbc-train', 'DBC-EVAL', 'dbc-gpu-a-1', 'work'), { maxLength: 3 });
    fc.assert(fc.property(vms, userHosts, fc.boolean(), (list, hosts, legacyFirst) => {
      const entryOf = (v: (typeof list)[number], naming = true): VmHostEntry => ({
        vm: { nodeId: v.node, taskId: v.task }, hostName: '203.0.113.7', port: 5684, user: 'dbc', identityFile: '/k', knownHostsFile: '/kh', stage: 'key',
        ...(legacyFirst && !naming ? { alias: hostAliasFor({ nodeId: v.node, taskId: v.task }) } : {}),
        ...(naming ? { naming: { vmName: v.name, nodeName: v.nodeName, otherVmNames: list.filter((o) => o !== v).map((o) => o.name) } } : {}),
      });
      let text = hosts.map((h) => `Host ${h}\n  User me\n`).join('');
      if (legacyFirst) for (const v of list) text = upsertHostBlockAs(text, entryOf(v, false)).text;
      const aliases = list.map((v) => {
        const r = upsertHostBlockAs(text, entryOf(v));
        text = r.text;
        return r.alias;
      });
      assert.strictEqual(new Set(aliases).size, aliases.length, `distinct: ${aliases.join(' ')}`);
      for (const a of aliases) {
        assert.match(a, /^dbc-[a-z0-9._-]+$/);
        assert.ok(!hosts.some((h) => h.toLowerCase() === a), `${a} is the user's`);
      }
      const blocks = listHostBlocks(text);
      assert.strictEqual(blocks.length, list.length, 'one block per VM');
      const names = blocks.flatMap((b) => b.names ?? []);
      assert.strictEqual(new Set(names).size, names.length, 'no name on two Host lines');
      list.forEach((v, i) => assert.strictEqual(upsertHostBlockAs(text, { ...entryOf(v), port: 6000 }).alias, aliases[i], 'a rewrite keeps the alias'));
    }), { numRuns: 120 });
  });
});
