import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { listHostBlocks, removeHostBlock, renderHostBlock, SshConfigConflict, upsertHostBlock, upsertHostBlockAs, type VmHostEntry } from '../../../src/ssh/core/hostBlocks';
import { assertGolden, FIXTURES } from './helpers/fixtures';

const NODE_A = '5ba8c1c0a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899';
const NODE_B = 'ffee0011a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978800';

function entry(nodeId: string, taskId: string, overrides: Partial<VmHostEntry> = {}): VmHostEntry {
  return {
    vm: { nodeId, taskId },
    hostName: '203.0.113.7',
    port: 5684,
    user: 'dbc',
    identityFile: '/home/me/.ssh/dbc/id_ed25519',
    knownHostsFile: '/home/me/.ssh/dbc/known_hosts',
    stage: 'password',
    ...overrides,
  };
}

/** The user configs of test/fixtures/ssh/hosts, as the file layer sees them: one character per byte. */
const USER_CONFIGS = fs.readdirSync(path.join(FIXTURES, 'hosts')).filter((n) => n.endsWith('.in')).sort();
const readBytes = (name: string) => fs.readFileSync(path.join(FIXTURES, 'hosts', name), 'latin1');
const A1 = entry(NODE_A, 'a1', { port: 5600, stage: 'key' });

/** Golden files compared byte for byte (UPDATE_GOLDEN=1 rewrites them). */
function assertGoldenBytes(name: string, actual: string): void {
  const file = path.join(FIXTURES, 'hosts', name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual, 'latin1');
  assert.strictEqual(actual, fs.readFileSync(file, 'latin1'), `differs from golden hosts/${name}`);
}

describe('ssh hostBlocks (our fenced Host blocks in any ssh config)', () => {
  it('renders a password-stage and a key-only block (golden): dbc-<VM name>, dbc-<node name>-<task 8>', () => {
    let text = upsertHostBlock('', entry(NODE_A, '2gYcQ7', { naming: { vmName: 'Train Box', otherVmNames: ['eval'] } }));
    text = upsertHostBlock(text, entry(NODE_B, 'vm_check_1', { stage: 'key', hostName: '198.51.100.2', port: 5700, naming: { nodeName: 'GPU-B', vmName: 'eval', otherVmNames: ['Eval'] } }));
    assertGolden('dbc-config-two-vms.golden', text);
  });

  for (const name of USER_CONFIGS) {
    it(`adds a block to ${name} without changing a byte outside it, and removing it gives the file back (golden)`, () => {
      const original = readBytes(name);
      const out = upsertHostBlock(original, A1);
      assertGoldenBytes(name.replace(/\.in$/, '.golden'), out);
      assert.strictEqual(upsertHostBlock(out, A1), out, 'a second run changes nothing');
      const removed = removeHostBlock(out, hostAliasFor(A1.vm));
      if (/legacy|ours-in-middle/.test(name)) assert.strictEqual(removed, removeHostBlock(original, hostAliasFor(A1.vm)));
      else assert.strictEqual(removed, original);
    });
  }

  it('appends a new block after everything the user wrote, in the file\'s line ending', () => {
    const original = readBytes('crlf-no-eol.in');
    const out = upsertHostBlock(original, A1);
    assert.ok(out.startsWith(`${original}\r\n# >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>\r\nHost dbc-5ba8c1c0-a1\r\n`));
    assert.ok(!out.endsWith('\n'), 'a file without a final newline stays without one');
    assert.ok(!/[^\r]\n/.test(out), 'CRLF only');
  });

  it('replaces our block in place, between the user\'s blocks', () => {
    const original = readBytes('ours-in-middle.in');
    const out = upsertHostBlock(original, A1);
    const [before, after] = original.split(/# >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>\n[^]*<<<\n/);
    assert.ok(out.startsWith(before!) && out.endsWith(after!));
    assert.match(out, /Port 5600\n {2}User dbc\n[^]*PasswordAuthentication no\n# <<< dbc-vscode host dbc-5ba8c1c0-a1 <<<\n\nHost after/);
  });

  it('fences a block written unfenced by an earlier version, in place, and keeps its header', () => {
    const original = readBytes('legacy-dbc.in');
    assert.deepStrictEqual(listHostBlocks(original).map((b) => [b.alias, b.nodeId, b.taskId, b.stage]), [['dbc-5ba8c1c0-a1', NODE_A, 'a1', 'key']]);
    const out = upsertHostBlock(original, { ...A1, port: 5601 });
    assert.ok(out.startsWith('# Managed by the DBC extension (dbc-vscode): one Host block per VM.\n# Included from ~/.ssh/config. Changes to these blocks are overwritten.\n\n# >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>\n'));
    assert.ok(out.endsWith('# <<< dbc-vscode host dbc-5ba8c1c0-a1 <<<\n\nHost scratch\n  User root\n'));
    assert.strictEqual(listHostBlocks(out)[0]!.port, 5601);
  });

  it('a new block avoids the user\'s Host names (any case); the user\'s block stays byte for byte', () => {
    const hand = 'Host work\n  User me\n\nHost DBC-Train dbc-5ba8c1c0-a1\n  HostName 10.1.1.1\n  ProxyCommand ssh -W %h:%p jump\n';
    const { text, alias } = upsertHostBlockAs(hand, { ...A1, naming: { vmName: 'train' } });
    assert.strictEqual(alias, 'dbc-train-2', 'dbc-train and the other candidates are the user\'s: the first, numbered');
    assert.ok(text.startsWith(hand));
    assert.deepStrictEqual(listHostBlocks(text).map((b) => b.alias), [alias]);
    assert.strictEqual(upsertHostBlockAs(text, { ...A1, naming: { vmName: 'train' } }).text, text, 'a second run changes nothing');
  });

  it('never replaces a block of a given alias that it did not write, and names its line', () => {
    const hand = 'Host work\n  User me\n\nHost dbc-5ba8c1c0-a1\n  HostName 10.1.1.1\n  ProxyCommand ssh -W %h:%p jump\n';
    const fixed = { ...A1, alias: 'dbc-5ba8c1c0-a1' };
    assert.throws(() => upsertHostBlock(hand, fixed), (err: unknown) => err instanceof SshConfigConflict && err.line === 4 && /:4: a "Host dbc-5ba8c1c0-a1" block that dbc did not write/.test(err.message));
    const withMarker = hand.replace('  HostName', '  # dbc-vscode node=5ba8c1c0 task=a1\n  HostName');
    assert.throws(() => upsertHostBlock(withMarker, fixed), SshConfigConflict, 'our marker plus a directive we never write is not ours');
    assert.throws(() => upsertHostBlock('Host other dbc-5ba8c1c0-a1\n  User root\n', fixed), /:1: a "Host dbc-5ba8c1c0-a1" block/);
    assert.strictEqual(removeHostBlock(hand, 'dbc-5ba8c1c0-a1'), hand, 'remove leaves it too');
    assert.deepStrictEqual(listHostBlocks(hand), []);
  });

  it('keeps an existing block\'s alias when the user later writes a Host of that name: a conflict, never a silent rename', () => {
    const ours = upsertHostBlock('', { ...A1, naming: { vmName: 'train' } });
    const later = `Host dbc-train\n  User me\n${ours}`;
    assert.throws(() => upsertHostBlock(later, A1), (err: unknown) => err instanceof SshConfigConflict && err.line === 1 && err.alias === 'dbc-train');
  });

  it('refuses a fence whose end line is missing instead of guessing', () => {
    const broken = '# >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>\nHost dbc-5ba8c1c0-a1\n  Port 1\nHost mine\n  User me\n';
    assert.throws(() => upsertHostBlock(broken, A1), /:1: dbc's block for dbc-5ba8c1c0-a1 has no end line/);
    assert.throws(() => removeHostBlock(broken, 'dbc-5ba8c1c0-a1'), SshConfigConflict);
  });

  it('lists what it wrote, a given alias too (node and task from the marker)', () => {
    let text = upsertHostBlock('', entry(NODE_A, 'Ab_9', { identityFile: '/p q/id' }));
    text = upsertHostBlock(text, entry(NODE_B, 'Zz9', { alias: 'train-box' }));
    assert.deepStrictEqual(listHostBlocks(text), [{
      alias: 'dbc-5ba8c1c0-ab_9', names: ['dbc-5ba8c1c0-ab_9'], nodeId: NODE_A, taskId: 'Ab_9', hostName: '203.0.113.7', port: 5684, user: 'dbc', identityFile: '/p q/id', stage: 'password',
    }, {
      alias: 'train-box', names: ['train-box'], nodeId: NODE_B, taskId: 'Zz9', hostName: '203.0.113.7', port: 5684, user: 'dbc', identityFile: '/home/me/.ssh/dbc/id_ed25519', stage: 'password',
    }]);
  });

  it('migrates a block with the earlier alias in place: the readable alias first, the old one kept as a second name', () => {
    const legacy = hostAliasFor({ nodeId: NODE_A, taskId: '2gYcQ7' });
    const old = upsertHostBlock('Host mine\n  User me\n\n', entry(NODE_A, '2gYcQ7', { alias: legacy }));
    const out = upsertHostBlockAs(old, entry(NODE_A, '2gYcQ7', { naming: { vmName: 'Train' } }));
    assert.strictEqual(out.alias, 'dbc-train');
    assert.ok(out.text.startsWith('Host mine\n  User me\n\n# >>> dbc-vscode host dbc-train >>>\nHost dbc-train dbc-5ba8c1c0-2g_yc_q7\n'));
    assert.deepStrictEqual(listHostBlocks(out.text).map((b) => [b.alias, b.names, b.taskId]), [['dbc-train', ['dbc-train', legacy], '2gYcQ7']]);
    const renamed = upsertHostBlockAs(out.text, entry(NODE_A, '2gYcQ7', { port: 6000, naming: { vmName: 'eval' } }));
    assert.strictEqual(renamed.alias, 'dbc-train', 'a renamed VM keeps its alias');
    assert.match(renamed.text, /^Host dbc-train dbc-5ba8c1c0-2g_yc_q7\n[^]*Port 6000\n/m, 'and its second name');
    assert.strictEqual(upsertHostBlockAs(renamed.text, entry(NODE_A, '2gYcQ7', { port: 6000 })).text, renamed.text, 'stable');
    assert.strictEqual(removeHostBlock(renamed.text, 'dbc-train'), 'Host mine\n  User me\n\n', 'removing it gives the user\'s text back');
  });

  it('migrates an unfenced block of an earlier version too, keeping the text around it', () => {
    const original = readBytes('legacy-dbc.in');
    const out = upsertHostBlockAs(original, { ...A1, naming: { vmName: 'a-box' } });
    assert.strictEqual(out.alias, 'dbc-a-box');
    assert.match(out.text, /\n# >>> dbc-vscode host dbc-a-box >>>\nHost dbc-a-box dbc-5ba8c1c0-a1\n/);
    assert.ok(out.text.endsWith('# <<< dbc-vscode host dbc-a-box <<<\n\nHost scratch\n  User root\n'));
    assert.deepStrictEqual(listHostBlocks(out.text).map((b) => [b.alias, b.nodeId]), [['dbc-a-box', NODE_A]]);
  });

  it('removes one block and leaves the others; removing the last gives the empty file back', () => {
    const a = entry(NODE_A, 'a1');
    const b = entry(NODE_B, 'b1');
    const both = upsertHostBlock(upsertHostBlock('', a), b);
    assert.strictEqual(removeHostBlock(both, hostAliasFor(a.vm)), upsertHostBlock('', b));
    assert.strictEqual(removeHostBlock(removeHostBlock(both, hostAliasFor(b.vm)), hostAliasFor(a.vm)), '');
  });

  it('refuses values that could inject directives', () => {
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { hostName: 'h\n  ProxyCommand x' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { user: 'dbc root' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { identityFile: '/x"\nProxyCommand y' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { port: 70000 })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { alias: 'x\nProxyCommand y' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a b')));
  });
});
