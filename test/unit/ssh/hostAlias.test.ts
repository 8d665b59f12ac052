import * as assert from 'assert';
import * as fc from 'fast-check';
import { aliasMatchesVm, hostAliasFor, isDbcHostAlias, parseHostAlias } from '../../../src/ssh/core/hostAlias';

const NODE = '5ba8c1c0a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899';

describe('ssh hostAlias', () => {
  it('builds dbc-<node8>-<escaped task>', () => {
    assert.strictEqual(hostAliasFor({ nodeId: NODE, taskId: 'abc123' }), 'dbc-5ba8c1c0-abc123');
    assert.strictEqual(hostAliasFor({ nodeId: NODE.toUpperCase(), taskId: '2gYcQ' }), 'dbc-5ba8c1c0-2g_yc_q');
    assert.strictEqual(hostAliasFor({ nodeId: NODE, taskId: 'vm_check_17' }), 'dbc-5ba8c1c0-vm__check__17');
  });

  it('parses back, including case', () => {
    assert.deepStrictEqual(parseHostAlias('dbc-5ba8c1c0-2g_yc_q'), { nodePrefix: '5ba8c1c0', taskId: '2gYcQ' });
    assert.ok(aliasMatchesVm('dbc-5ba8c1c0-2g_yc_q', { nodeId: NODE, taskId: '2gYcQ' }));
    assert.ok(!aliasMatchesVm('dbc-5ba8c1c0-2g_yc_q', { nodeId: NODE, taskId: '2gycQ' }));
  });

  it('rejects foreign or malformed aliases', () => {
    for (const a of ['github.com', 'dbc-5ba8c1c-x', 'dbc-5BA8C1C0-x', 'dbc-5ba8c1c0-', 'dbc-5ba8c1c0-a_', 'dbc-5ba8c1c0-a_1', 'dbc-5ba8c1c0-A']) {
      assert.strictEqual(isDbcHostAlias(a), false, a);
    }
  });

  it('refuses ids that cannot make a safe Host token', () => {
    assert.throws(() => hostAliasFor({ nodeId: 'xyz', taskId: 'a' }));
    assert.throws(() => hostAliasFor({ nodeId: NODE, taskId: 'a b' }));
    assert.throws(() => hostAliasFor({ nodeId: NODE, taskId: 'a*' }));
    assert.throws(() => hostAliasFor({ nodeId: NODE, taskId: '' }));
  });

  it('round-trips any valid task id into an all-lower-case ssh token', () => {
    const taskId = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);
    fc.assert(fc.property(taskId, (t) => {
      const alias = hostAliasFor({ nodeId: NODE, taskId: t });
      assert.strictEqual(alias, alias.toLowerCase());
      assert.match(alias, /^[a-z0-9_.-]+$/);
      assert.deepStrictEqual(parseHostAlias(alias), { nodePrefix: NODE.slice(0, 8), taskId: t });
    }));
  });

  it('never maps two task ids to one alias', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), (a, b) => {
      fc.pre(a !== b);
      assert.notStrictEqual(hostAliasFor({ nodeId: NODE, taskId: a }), hostAliasFor({ nodeId: NODE, taskId: b }));
    }));
  });
});
