// `dbc ssh config` and `dbc ssh bootstrap` against a simulated VM with a real SSH endpoint (ssh2 on
// 127.0.0.1): the Host block is written, the key is installed with the VM password, then a key-only
// login works.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ssh2';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import type { RunningSimulator } from '../../../src/sim';
import { createFlags, dbc, ensureBuilt, freePort, startSim, walletEnv } from './harness';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';

function keyLogin(port: number, privateKey: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('ready', () => c.exec('echo logged-in-with-key', (err, stream) => {
      if (err) return reject(err);
      let out = '';
      stream.on('data', (d: Buffer) => (out += d.toString())).on('close', () => {
        c.end();
        resolve(out.trim());
      });
    }));
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port, username: 'dbc', privateKey, readyTimeout: 10_000 });
  });
}

describe('cli contract: ssh config and bootstrap', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let home: string;
  let env: Record<string, string>;
  let task: string;
  let sshPort: number;

  before(async () => {
    ensureBuilt();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-sshc-'));
    sim = await startSim({ ssh: true, freeSshPorts: true, dataDir: path.join(home, 'sim-data') });
    env = walletEnv(sim, { HOME: home });
    sshPort = await freePort();
    const r = await dbc(['vm', 'create', ...createFlags(sshPort, 5997, 'cli-ssh'), '--wait'], env);
    assert.equal(r.code, 0, r.stderr);
    task = r.stdout.trim();
  });
  after(async () => {
    await sim?.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  it('ssh config writes the Host block and prints the alias', async () => {
    const file = path.join(home, 'ssh-config');
    const r = await dbc(['ssh', 'config', task, '--file', file], env);
    assert.equal(r.code, 0, r.stderr);
    const alias = hostAliasFor({ nodeId: env.DBC_NODE!, taskId: task });
    assert.equal(r.stdout, `${alias}\n`);
    const text = await fs.readFile(file, 'utf8');
    assert.match(text, new RegExp(`^Host ${alias}\\n(  .*\\n)*  Port ${sshPort}\\n`, 'm'));
  });

  it('ssh bootstrap installs KEYFILE.pub with the VM password; the key then logs in', async () => {
    const key = generateEd25519Pair('cli-contract');
    const keyFile = path.join(home, 'id_test');
    await fs.writeFile(keyFile, key.private, { mode: 0o600 });
    await fs.writeFile(`${keyFile}.pub`, `${key.public}\n`);
    const file = path.join(home, 'ssh-config');
    const r = await dbc(['ssh', 'bootstrap', task, '--identity', keyFile, '--file', file], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${task}: key installed for dbc@127\\.0\\.0\\.1:${sshPort}\\n`));
    assert.match(r.stderr, /learned the host key of 127\.0\.0\.1:\d+: ssh-ed25519 SHA256:/);
    const authorized = await fs.readFile(path.join(home, 'sim-data', task, 'home', '.ssh', 'authorized_keys'), 'utf8');
    assert.ok(authorized.includes(key.public.split(' ')[1]!));
    assert.match(await fs.readFile(file, 'utf8'), /PasswordAuthentication no/);
    assert.equal(await keyLogin(sshPort, key.private), 'logged-in-with-key');
    const again = await dbc(['ssh', 'bootstrap', task, '--identity', keyFile], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /key was already installed/);
    const password = JSON.parse((await dbc(['vm', 'info', task, '--json', '--show-password'], env)).stdout).login_password as string;
    assert.ok(!(r.stdout + r.stderr + again.stdout + again.stderr).includes(password));
  });
});
