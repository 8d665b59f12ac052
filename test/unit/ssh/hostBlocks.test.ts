import * as assert from 'assert';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { listHostBlocks, removeHostBlock, renderHostBlock, upsertHostBlock, type VmHostEntry } from '../../../src/ssh/core/hostBlocks';
import { assertGolden } from './helpers/fixtures';

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

describe('ssh hostBlocks (~/.ssh/dbc/config)', () => {
  it('renders a password-stage and a key-only block (golden)', () => {
    let text = upsertHostBlock('', entry(NODE_A, '2gYcQ7'));
    text = upsertHostBlock(text, entry(NODE_B, 'vm_check_1', { stage: 'key', hostName: '198.51.100.2', port: 5700 }));
    assertGolden('dbc-config-two-vms.golden', text);
  });

  it('replaces a block in place and is idempotent', () => {
    const a = entry(NODE_A, 'a1');
    const b = entry(NODE_B, 'b1');
    const text = upsertHostBlock(upsertHostBlock('', a), b);
    assert.strictEqual(upsertHostBlock(text, a), text);
    const switched = upsertHostBlock(text, { ...a, stage: 'key' });
    const blocks = listHostBlocks(switched);
    assert.deepStrictEqual(blocks.map((x) => [x.alias, x.stage]), [[hostAliasFor(a.vm), 'key'], [hostAliasFor(b.vm), 'password']]);
  });

  it('lists what it wrote', () => {
    const text = upsertHostBlock('', entry(NODE_A, 'Ab_9', { identityFile: '/p q/id' }));
    assert.deepStrictEqual(listHostBlocks(text), [{
      alias: 'dbc-5ba8c1c0-_ab__9',
      nodeId: NODE_A,
      taskId: 'Ab_9',
      hostName: '203.0.113.7',
      port: 5684,
      user: 'dbc',
      identityFile: '/p q/id',
      stage: 'password',
    }]);
  });

  it('removes a block and leaves the others', () => {
    const a = entry(NODE_A, 'a1');
    const b = entry(NODE_B, 'b1');
    const text = removeHostBlock(upsertHostBlock(upsertHostBlock('', a), b), hostAliasFor(a.vm));
    assert.strictEqual(text, upsertHostBlock('', b));
    assert.strictEqual(removeHostBlock(text, hostAliasFor(b.vm)), upsertHostBlock('', b).split('\nHost ')[0]);
  });

  it('keeps lines added by hand (not dbc aliases) byte for byte, with one blank line between blocks', () => {
    const hand = '# my notes\r\nHost scratch\r\n\tUser=root   # hmm\r\n';
    const text = upsertHostBlock(hand, entry(NODE_A, 'a1'));
    const normalised = '# my notes\r\n\nHost scratch\r\n\tUser=root   # hmm\r\n';
    assert.ok(text.startsWith(`${normalised}\nHost dbc-5ba8c1c0-a1\n`));
    assert.strictEqual(removeHostBlock(text, hostAliasFor({ nodeId: NODE_A, taskId: 'a1' })), normalised);
  });

  it('refuses values that could inject directives', () => {
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { hostName: 'h\n  ProxyCommand x' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { user: 'dbc root' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { identityFile: '/x"\nProxyCommand y' })));
    assert.throws(() => renderHostBlock(entry(NODE_A, 'a', { port: 70000 })));
  });
});
