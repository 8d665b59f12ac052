// bootstrapKey against the simulated VM: host-key policy, wrong password, cancel and timeout.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import { bootstrapKey, SshError, type BootstrapOptions } from '../../../src/ssh/core/bootstrap';
import { ensureDedicatedKey } from '../../../src/ssh/core/keys';
import { readKnownHostKeys, resetHost } from '../../../src/ssh/core/knownHosts';
import { generateHostKey } from '../../../src/sim/ssh/vmSsh';
import { makeClient, startSimVm, type ClientSide, type SimVm } from './helpers/sshHarness';

describe('ssh contract: bootstrapKey', function () {
  this.timeout(60_000);
  let vm: SimVm;
  let client: ClientSide;
  let publicKey: string;

  before(async () => {
    vm = await startSimVm();
    client = makeClient();
    publicKey = (await ensureDedicatedKey({ paths: client.paths })).publicKey;
  });
  after(async () => {
    await vm.close();
    client.cleanup();
  });

  const opts = (over: Partial<BootstrapOptions> = {}): BootstrapOptions => ({
    host: '127.0.0.1', port: vm.server.port, user: 'dbc', password: vm.password(), publicKey, env: { paths: client.paths }, ...over,
  });
  const rejectsWith = async (p: Promise<unknown>, code: string): Promise<SshError> => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SshError, `expected SshError, got ${String(err)}`);
    assert.strictEqual(err.code, code, err.message);
    return err;
  };

  it('learns an unknown host key, installs the key, then finds it present', async () => {
    const first = await bootstrapKey(opts());
    assert.strictEqual(first.keyAdded, true);
    assert.strictEqual(first.hostKey.learned, true);
    assert.match(first.hostKey.fingerprint, /^SHA256:/);
    assert.strictEqual((await readKnownHostKeys('127.0.0.1', vm.server.port, { paths: client.paths })).keys.length, 1);
    const second = await bootstrapKey(opts());
    assert.deepStrictEqual([second.keyAdded, second.hostKey.learned], [false, false]);
    assert.strictEqual(fs.readFileSync(`${vm.home}/.ssh/authorized_keys`, 'utf8'), `${publicKey}\n`);
  });

  it('fails clearly on a wrong password, without echoing it', async () => {
    const err = await rejectsWith(bootstrapKey(opts({ password: 'not-the-password' })), 'auth-failed');
    assert.ok(!err.message.includes('not-the-password'));
  });

  it('refuses a changed host key and accepts it after a reset', async () => {
    await vm.restart(generateHostKey());
    const err = await rejectsWith(bootstrapKey(opts()), 'host-key-changed');
    assert.match(err.message, /\[127\.0\.0\.1\]:\d+ has changed/);
    await resetHost('127.0.0.1', vm.server.port, { paths: client.paths });
    assert.strictEqual((await bootstrapKey(opts())).hostKey.learned, true);
  });

  it('stops on cancel', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await rejectsWith(bootstrapKey(opts({ signal: ctl.signal })), 'aborted');
    const late = new AbortController();
    const p = bootstrapKey(opts({ signal: late.signal }));
    setTimeout(() => late.abort(), 5);
    const outcome = await p.then(() => 'done', (e: unknown) => (e instanceof SshError ? e.code : String(e)));
    assert.ok(outcome === 'done' || outcome === 'aborted', outcome);
  });

  it('times out against a port that never speaks SSH', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      await rejectsWith(bootstrapKey(opts({ port, timeoutMs: 400, totalTimeoutMs: 5000 })), 'timeout');
      await rejectsWith(bootstrapKey(opts({ port, timeoutMs: 5000, totalTimeoutMs: 400 })), 'timeout');
      assert.ok(Date.now() - started < 4000);
    } finally {
      silent.close();
    }
  });

  it('reports a refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    await rejectsWith(bootstrapKey(opts({ port })), 'connect-failed');
  });
});
