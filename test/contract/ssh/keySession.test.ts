// Key logins for telemetry and forwarding against a simulated VM endpoint: which key counts as
// installed, host-key rules shared with Remote-SSH, keys with a passphrase, one pooled connection per VM
// (shared, closed when idle, reopened after a drop) and a local port forward through it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type * as net from 'net';
import * as path from 'path';
import { utils } from 'ssh2';
import { SshConnectionPool } from '../../../src/ssh/core/connectionPool';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';
import { connectWithKey, installedKey, type KeyLogin } from '../../../src/ssh/core/keySession';
import { probeGuestPort, startForward } from '../../../src/ssh/core/portForward';
import { execCollect } from '../../../src/ssh/core/sshClient';
import { upsertVmHost, vmHostEntry } from '../../../src/ssh/core/sshConfig';
import { SshError } from '../../../src/ssh/core/sshErrors';
import { generateHostKey } from '../../../src/sim/ssh/vmSsh';
import { makeClient, startSimVm, type ClientSide, type SimVm } from './helpers/sshHarness';

const VM = { nodeId: '9ca18c3054f7c35c894ba78289f6ffa7b422e6945c5e7ef1442ff35420be5369', taskId: 'KeyTask1' };

describe('ssh contract: key sessions, pool and port forward', function () {
  this.timeout(60_000);
  let vm: SimVm;
  let client: ClientSide;
  let keyFile: string;
  let login: KeyLogin & { vm: typeof VM };

  before(async () => {
    vm = await startSimVm();
    client = makeClient();
    const key = generateEd25519Pair('telemetry');
    keyFile = path.join(client.home, 'id_vm');
    fs.writeFileSync(keyFile, key.private, { mode: 0o600 });
    fs.mkdirSync(path.join(vm.home, '.ssh'), { recursive: true });
    fs.writeFileSync(path.join(vm.home, '.ssh', 'authorized_keys'), `${key.public}\n`);
    login = { host: '127.0.0.1', port: vm.server.port, user: 'dbc', identityFile: keyFile, env: { paths: client.paths }, vm: VM };
  });
  after(async () => {
    await vm.close();
    client.cleanup();
  });

  it('counts a key as installed only from a key-only block for the same endpoint and user', async () => {
    const target = { host: '127.0.0.1', port: vm.server.port, user: 'dbc' };
    const env = { paths: client.paths };
    assert.strictEqual(await installedKey(VM, target, env, client.home), undefined);
    await upsertVmHost(vmHostEntry({ vm: VM, ...target, stage: 'password', identityFile: keyFile }, client.paths), env);
    assert.strictEqual(await installedKey(VM, target, env, client.home), undefined);
    await upsertVmHost(vmHostEntry({ vm: VM, ...target, stage: 'key', identityFile: keyFile }, client.paths), env);
    assert.strictEqual(await installedKey(VM, target, env, client.home), keyFile);
    assert.strictEqual(await installedKey(VM, { ...target, port: target.port + 1 }, env, client.home), undefined);
    assert.strictEqual(await installedKey({ ...VM, taskId: 'Other' }, target, env, client.home), undefined);
    await upsertVmHost(vmHostEntry({ vm: VM, ...target, stage: 'key', identityFile: '~/id_vm' }, client.paths), env);
    assert.strictEqual(await installedKey(VM, target, env, client.home), keyFile);
    await upsertVmHost(vmHostEntry({ vm: VM, ...target, stage: 'key', identityFile: '~/missing' }, client.paths), env);
    assert.strictEqual(await installedKey(VM, target, env, client.home), undefined);
  });

  it('logs in with the key, learns the host key, and refuses a changed one unless the VM changed', async () => {
    const first = await connectWithKey(login);
    assert.strictEqual(first.hostKey.learned, true);
    assert.strictEqual((await execCollect(first.client, 'echo ok')).stdout, 'ok\n');
    first.client.end();
    await vm.restart(generateHostKey());
    await assert.rejects(connectWithKey(login), (e: unknown) => e instanceof SshError && e.code === 'host-key-changed');
    // A re-created VM (another task id on the same ip:port) gets its known host reset, as connect does.
    const recreated = await connectWithKey({ ...login, vm: { ...VM, taskId: 'KeyTask2' } });
    assert.strictEqual(recreated.hostKey.learned, true);
    recreated.client.end();
    login.vm = { ...VM, taskId: 'KeyTask2' };
  });

  it('explains a key with a passphrase when no agent is there, and a refused key', async () => {
    const enc = utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 16 });
    const encFile = path.join(client.home, 'id_enc');
    fs.writeFileSync(encFile, enc.private, { mode: 0o600 });
    await assert.rejects(connectWithKey({ ...login, identityFile: encFile }), /has a passphrase: add it to the ssh-agent/);
    const other = path.join(client.home, 'id_other');
    fs.writeFileSync(other, generateEd25519Pair().private, { mode: 0o600 });
    await assert.rejects(connectWithKey({ ...login, identityFile: other }), (e: unknown) => e instanceof SshError && e.code === 'auth-failed' && e.message.includes(`the key ${other}`));
  });

  it('shares one connection per VM, closes it when idle and reconnects after a drop', async () => {
    let connects = 0;
    const connect = () => {
      connects++;
      return connectWithKey(login);
    };
    const pool = new SshConnectionPool(300);
    const outs = await Promise.all([1, 2, 3].map((n) => pool.use('vm', connect, async (c) => (await execCollect(c, `echo ${n}`)).stdout)));
    assert.deepStrictEqual([outs, connects, pool.isOpen('vm')], [['1\n', '2\n', '3\n'], 1, true]);
    await new Promise((r) => setTimeout(r, 600));
    assert.strictEqual(pool.isOpen('vm'), false);
    await pool.use('vm', connect, (c) => execCollect(c, 'true'));
    await vm.restart();
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(pool.isOpen('vm'), false, 'the dropped connection left the pool');
    assert.strictEqual((await pool.use('vm', connect, (c) => execCollect(c, 'echo again'))).stdout, 'again\n');
    assert.strictEqual(connects, 3);
    pool.closeAll();
  });

  it('forwards a local port to a port inside the VM through the pooled connection', async () => {
    const service = http.createServer((req, res) => res.end(`hello ${req.url}`));
    await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
    const guestPort = (service.address() as net.AddressInfo).port;
    const pool = new SshConnectionPool(5_000);
    const lease = () => pool.acquire('vm', () => connectWithKey(login));
    try {
      assert.strictEqual(await probeGuestPort(await lease(), guestPort), true);
      const fwd = await startForward({ remotePort: guestPort, lease });
      assert.match(fwd.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const bodies = await Promise.all(['/a', '/b'].map((p) => new Promise<string>((resolve, reject) => {
        http.get(`${fwd.url.slice(0, -1)}${p}`, { agent: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString())).on('end', () => resolve(body));
        }).on('error', reject);
      })));
      assert.deepStrictEqual(bodies, ['hello /a', 'hello /b']);
      await fwd.close();
      service.close();
      assert.strictEqual(await probeGuestPort(await lease(), guestPort), false);
    } finally {
      pool.closeAll();
      service.close();
    }
  });
});
