// `dbc ssh config` and `dbc ssh bootstrap` against a simulated VM with a real SSH endpoint (ssh2 on
// 127.0.0.1): the Host block is written, the key is installed with the VM password, then a key-only
// login works.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ssh2';
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

  it('ssh config writes the Host block and prints the readable alias dbc-<VM name>; a second run keeps it', async () => {
    const file = path.join(home, 'ssh-config');
    const r = await dbc(['ssh', 'config', task, '--file', file], env);
    assert.equal(r.code, 0, r.stderr);
    const alias = 'dbc-cli-ssh';
    assert.equal(r.stdout, `${alias}\n`);
    const text = await fs.readFile(file, 'utf8');
    assert.match(text, new RegExp(`^Host ${alias}\\n(  .*\\n)*  Port ${sshPort}\\n`, 'm'));
    const again = await dbc(['ssh', 'config', task, '--file', file, '--json'], env);
    assert.equal(JSON.parse(again.stdout).alias, alias);
    assert.equal(await fs.readFile(file, 'utf8'), text, 'nothing changed');
  });

  it('ssh config: a second VM of the same name gets dbc-<node name or id>-<task 8>, not the first one\'s alias', async () => {
    const created = await dbc(['vm', 'create', ...createFlags(await freePort(), 5996, 'cli-ssh'), '--wait'], env);
    assert.equal(created.code, 0, created.stderr);
    const twin = created.stdout.trim();
    try {
      const file = path.join(home, 'twin-config');
      const r = await dbc(['ssh', 'config', twin, '--file', file], env);
      assert.equal(r.code, 0, r.stderr);
      const node = JSON.parse((await dbc(['node', 'list', '--json'], env)).stdout) as Array<{ node_id: string; name?: string }>;
      const nodeName = node.find((n) => n.node_id === env.DBC_NODE)?.name;
      const prefix = nodeName ? nodeName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-') : env.DBC_NODE!.slice(0, 8);
      assert.equal(r.stdout, `dbc-${prefix}-${twin.slice(0, 8).toLowerCase()}\n`);
    } finally {
      await dbc(['vm', 'delete', twin, '--wait'], env);
    }
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
