// The config we write, used by the real OpenSSH client against the simulated VM endpoint.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bootstrapKey } from '../../../src/ssh/core/bootstrap';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { ensureDedicatedKey, generateEd25519Pair } from '../../../src/ssh/core/keys';
import { claimEndpoint, readKnownHostKeys } from '../../../src/ssh/core/knownHosts';
import { ensureUserInclude, upsertVmHost, vmHostEntry, writeVmHost, type AuthStage } from '../../../src/ssh/core/sshConfig';
import { generateHostKey } from '../../../src/sim/ssh/vmSsh';
import { makeClient, startSimVm, type ClientSide, type SimVm } from './helpers/sshHarness';

const VM = { nodeId: '5ba8c1c0a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899', taskId: '2gYcQ7xK' };
/** The readable alias the block gets: the VM's name (aliasChoice.ts). */
const ALIAS = 'dbc-train-box';
const NAMING = { vmName: 'Train Box', otherVmNames: ['eval'] };

describe('ssh contract: OpenSSH client with our config', function () {
  this.timeout(60_000);
  let vm: SimVm;
  let client: ClientSide;

  before(async () => {
    vm = await startSimVm();
    client = makeClient();
  });
  after(async () => {
    await vm.close();
    client.cleanup();
  });

  const writeBlock = async (stage: AuthStage, vmRef = VM) => {
    const { alias } = await writeVmHost(vmHostEntry({ vm: vmRef, naming: NAMING, host: '127.0.0.1', port: vm.server.port, user: 'dbc', stage }, client.paths), { paths: client.paths });
    assert.strictEqual(alias, ALIAS);
  };
  const sshF = (command: string, opts: { password?: string; batch?: boolean } = {}) =>
    client.ssh(['-F', client.paths.config, ...(opts.batch ? ['-o', 'BatchMode=yes'] : []), ALIAS, command], { password: opts.password });

  it('OpenSSH accepts the written config (ssh -G) with the values we set', async () => {
    await writeBlock('password');
    const r = await client.ssh(['-F', client.paths.config, '-G', ALIAS]);
    assert.strictEqual(r.code, 0, r.stderr);
    for (const line of ['hostname 127.0.0.1', `port ${vm.server.port}`, 'user dbc', 'identitiesonly yes', 'stricthostkeychecking accept-new', 'passwordauthentication yes']) {
      assert.ok(r.stdout.split('\n').includes(line), `missing "${line}"`);
    }
  });

  it('logs in with the VM password (askpass, no tty) and runs a command', async () => {
    const r = await sshF('echo hello; echo "$USER $HOME"; pwd', { password: vm.password() });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, `hello\ndbc ${vm.home}\n${vm.home}\n`);
    const known = await readKnownHostKeys('127.0.0.1', vm.server.port, { paths: client.paths });
    assert.strictEqual(known.keys.length, 1, 'accept-new recorded the key in our known_hosts');
  });

  it('carries the exit status and stderr of a command', async () => {
    const r = await sshF('echo to-out; echo to-err >&2; exit 7', { password: vm.password() });
    assert.strictEqual(r.code, 7);
    assert.strictEqual(r.stdout, 'to-out\n');
    assert.match(r.stderr, /to-err/);
  });

  it('fails with a wrong password', async () => {
    const r = await sshF('echo nope', { password: 'wrong-password' });
    assert.strictEqual(r.code, 255);
    assert.match(r.stderr, /Permission denied/);
  });

  it('fails key-only before the key is installed', async () => {
    await ensureDedicatedKey({ paths: client.paths });
    await writeBlock('key');
    const r = await sshF('echo nope', { batch: true });
    assert.strictEqual(r.code, 255);
    assert.match(r.stderr, /Permission denied/);
  });

  it('bootstraps the key with the password, then logs in key-only with BatchMode', async () => {
    const key = await ensureDedicatedKey({ paths: client.paths });
    const first = await bootstrapKey({ host: '127.0.0.1', port: vm.server.port, user: 'dbc', password: vm.password(), publicKey: key.publicKey, env: { paths: client.paths } });
    assert.deepStrictEqual([first.keyAdded, first.hostKey.learned, first.hostKey.type], [true, false, 'ssh-ed25519'], 'host key learned by OpenSSH is accepted');
    const again = await bootstrapKey({ host: '127.0.0.1', port: vm.server.port, user: 'dbc', password: vm.password(), publicKey: key.publicKey, env: { paths: client.paths } });
    assert.strictEqual(again.keyAdded, false);
    await writeBlock('key');
    const r = await sshF('cat ~/.ssh/authorized_keys', { batch: true });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, `${key.publicKey}\n`);
    assert.strictEqual(fs.statSync(path.join(vm.home, '.ssh', 'authorized_keys')).mode & 0o777, 0o600);
  });

  it('refuses an unknown key key-only', async () => {
    const other = generateEd25519Pair();
    const otherKey = path.join(client.home, 'other_key');
    fs.writeFileSync(otherKey, other.private, { mode: 0o600 });
    const cfg = path.join(client.home, 'other.conf');
    fs.writeFileSync(cfg, fs.readFileSync(client.paths.config, 'utf8').replace(client.paths.identity, otherKey), { mode: 0o600 });
    const denied = await client.ssh(['-F', cfg, '-o', 'BatchMode=yes', ALIAS, 'true']);
    assert.strictEqual(denied.code, 255);
    assert.match(denied.stderr, /Permission denied/);
  });

  it('works through the fenced Include in a realistic ~/.ssh/config', async () => {
    fs.mkdirSync(client.paths.sshDir, { recursive: true, mode: 0o700 });
    const userConfig = 'Host github.com\n  User git\n\nMatch host *.internal\n  ForwardAgent no\n\nHost *\n  Port 1\n  User nobody\n  ServerAliveInterval 30';
    fs.writeFileSync(client.paths.userConfig, userConfig, { mode: 0o600 });
    await ensureUserInclude({ paths: client.paths });
    const r = await client.ssh(['-F', client.paths.userConfig, '-o', 'BatchMode=yes', ALIAS, 'echo via-include']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, 'via-include\n');
  });

  it('a block of the earlier alias, migrated: ssh reaches the VM by the readable alias and by the old one', async () => {
    const file = path.join(client.home, 'migrated.conf');
    const paths = { ...client.paths, config: file };
    const legacy = hostAliasFor(VM);
    await upsertVmHost(vmHostEntry({ vm: VM, alias: legacy, host: '127.0.0.1', port: vm.server.port, user: 'dbc', stage: 'key' }, client.paths), { paths });
    const { alias } = await writeVmHost(vmHostEntry({ vm: VM, naming: NAMING, host: '127.0.0.1', port: vm.server.port, user: 'dbc', stage: 'key' }, client.paths), { paths });
    assert.strictEqual(alias, ALIAS);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`^Host ${ALIAS} ${legacy}$`, 'm'));
    for (const name of [ALIAS, legacy]) {
      const r = await client.ssh(['-F', file, '-o', 'BatchMode=yes', name, 'echo reached']);
      assert.strictEqual(r.code, 0, `${name}: ${r.stderr}`);
      assert.strictEqual(r.stdout, 'reached\n');
    }
  });

  it('re-created VM on the same ip:port: ssh refuses the new host key until the endpoint is claimed', async () => {
    await claimEndpoint('127.0.0.1', vm.server.port, VM, { paths: client.paths }); // record the current owner
    await bootstrapKey({ host: '127.0.0.1', port: vm.server.port, user: 'dbc', password: vm.password(), publicKey: (await ensureDedicatedKey({ paths: client.paths })).publicKey, env: { paths: client.paths } });
    await vm.restart(generateHostKey());
    const refused = await sshF('true', { batch: true });
    assert.strictEqual(refused.code, 255);
    assert.match(refused.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    const next = { ...VM, taskId: 'newTask1' };
    assert.strictEqual(await claimEndpoint('127.0.0.1', vm.server.port, next, { paths: client.paths }), true);
    const ok = await sshF('echo relearned', { batch: true });
    assert.strictEqual(ok.code, 0, ok.stderr);
    assert.strictEqual(ok.stdout, 'relearned\n');
  });
});
