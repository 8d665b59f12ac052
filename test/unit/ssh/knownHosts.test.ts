import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { judgeHostKey, preferredHostKeyAlgorithms } from '../../../src/ssh/core/hostKeyCheck';
import {
  addKnownHost,
  claimEndpoint,
  endpointOwner,
  findHostKeys,
  hashHostPattern,
  knownHostsPattern,
  readKnownHostKeys,
  releaseEndpoint,
  removeKnownHost,
  resetHost,
} from '../../../src/ssh/core/knownHosts';
import { makeTempHome, modeOf, type TempHome } from './helpers/tempHome';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPtOV96NSKWaGY3NWhFv2dhFRMmkyauVpN9q3Nh9+lDo';
const ED2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIDpMaRwFXzj8P4J9s+BrXWbKZ6cJ8B2l4E7nA7q9sR7q';

describe('ssh knownHosts', () => {
  it('writes [ip]:port for ports other than 22', () => {
    assert.strictEqual(knownHostsPattern('203.0.113.7', 5684), '[203.0.113.7]:5684');
    assert.strictEqual(knownHostsPattern('Host.Example', 22), 'host.example');
  });

  it('removes plain, hashed and listed entries of one endpoint only', () => {
    const hashed = hashHostPattern('[203.0.113.7]:5684', randomBytes(20));
    const text = [
      '# my comment',
      `[203.0.113.7]:5684 ssh-ed25519 ${ED}`,
      `${hashed} ssh-ed25519 ${ED2}`,
      `[203.0.113.7]:5685 ssh-ed25519 ${ED}`,
      `other.example,[203.0.113.7]:5684 ssh-ed25519 ${ED} comment here`,
      `@cert-authority [203.0.113.7]:5684 ssh-ed25519 ${ED}`,
      '203.0.113.7 ssh-ed25519 ' + ED,
      '',
    ].join('\r\n');
    const { text: out, removed } = removeKnownHost(text, '203.0.113.7', 5684);
    assert.strictEqual(removed, 4);
    assert.strictEqual(out, [
      '# my comment',
      `[203.0.113.7]:5685 ssh-ed25519 ${ED}`,
      `other.example ssh-ed25519 ${ED} comment here`,
      '203.0.113.7 ssh-ed25519 ' + ED,
      '',
    ].join('\r\n'));
    assert.strictEqual(removeKnownHost(out, '203.0.113.7', 5684).text, out);
  });

  it('finds known and revoked keys, hashed or not', () => {
    const text = `${hashHostPattern('[h]:2', randomBytes(20))} ssh-ed25519 ${ED}\n@revoked [h]:2 ssh-ed25519 ${ED2}\n`;
    assert.deepStrictEqual(findHostKeys(text, 'h', 2), { keys: [{ type: 'ssh-ed25519', data: ED }], revoked: [{ type: 'ssh-ed25519', data: ED2 }] });
  });

  it('judges a presented key with accept-new semantics', () => {
    const known = { keys: [{ type: 'ssh-ed25519', data: ED }], revoked: [] };
    assert.strictEqual(judgeHostKey({ keys: [], revoked: [] }, { type: 'ssh-ed25519', data: ED }), 'new');
    assert.strictEqual(judgeHostKey(known, { type: 'ssh-ed25519', data: ED }), 'known');
    assert.strictEqual(judgeHostKey(known, { type: 'ssh-ed25519', data: ED2 }), 'changed');
    assert.strictEqual(judgeHostKey({ keys: [], revoked: [{ type: 'ssh-ed25519', data: ED }] }, { type: 'ssh-ed25519', data: ED }), 'revoked');
    assert.deepStrictEqual(preferredHostKeyAlgorithms([{ type: 'ssh-rsa', data: '' }]), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });

  describe('files', () => {
    let t: TempHome;
    beforeEach(() => (t = makeTempHome()));
    afterEach(() => t.cleanup());

    it('adds a key once (600) and resets the endpoint', async () => {
      const env = { paths: t.paths };
      assert.strictEqual(await addKnownHost('127.0.0.1', 2222, { type: 'ssh-ed25519', data: ED }, env), true);
      assert.strictEqual(await addKnownHost('127.0.0.1', 2222, { type: 'ssh-ed25519', data: ED }, env), false);
      assert.strictEqual(modeOf(t.paths.knownHosts), 0o600);
      assert.strictEqual((await readKnownHostKeys('127.0.0.1', 2222, env)).keys.length, 1);
      assert.strictEqual(await resetHost('127.0.0.1', 2222, env), 1);
      assert.strictEqual(fs.readFileSync(t.paths.knownHosts, 'utf8'), '');
      assert.strictEqual(await resetHost('127.0.0.1', 9, { paths: { ...t.paths, knownHosts: `${t.paths.knownHosts}.none` } }), 0);
    });

    it('resets when another VM claims an ip:port, not when the same VM comes back', async () => {
      const env = { paths: t.paths };
      const vm1 = { nodeId: 'ab'.repeat(32), taskId: 'first' };
      const vm2 = { nodeId: 'ab'.repeat(32), taskId: 'second' };
      const learn = (data: string) => addKnownHost('10.0.0.9', 5684, { type: 'ssh-ed25519', data }, env);
      assert.strictEqual(await claimEndpoint('10.0.0.9', 5684, vm1, env), true, 'first sight resets');
      await learn(ED);
      assert.strictEqual(await claimEndpoint('10.0.0.9', 5684, vm1, env), false);
      assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5684, env)).keys.length, 1);
      assert.strictEqual(await claimEndpoint('10.0.0.9', 5684, vm2, env), true);
      assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5684, env)).keys.length, 0);
      assert.deepStrictEqual(await endpointOwner('10.0.0.9', 5684, env), vm2);
      await learn(ED2);
      await releaseEndpoint('10.0.0.9', 5684, env);
      assert.strictEqual(await endpointOwner('10.0.0.9', 5684, env), undefined);
      assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5684, env)).keys.length, 0);
    });

    it('treats a corrupt sidecar as empty', async () => {
      fs.mkdirSync(t.paths.dbcDir, { recursive: true });
      fs.writeFileSync(t.paths.endpoints, '{not json');
      assert.strictEqual(await claimEndpoint('h', 2, { nodeId: 'ab'.repeat(32), taskId: 't' }, { paths: t.paths }), true);
      assert.strictEqual(JSON.parse(fs.readFileSync(t.paths.endpoints, 'utf8')).version, 1);
    });
  });
});
