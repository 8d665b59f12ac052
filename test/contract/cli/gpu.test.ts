// `dbc vm gpu`, `dbc vm forward` and `dbc vm ports` against a simulated VM with a real SSH endpoint:
// the key DBC installed logs in, nvidia-smi's answers become the table and the JSON of the issue,
// a guest HTTP port is reached through a local forward, and the ports list the recorded custom ports.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../../src/sim';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';
import { raw } from '../../support/simHttp';
import { admin, createFlags, dbc, ensureBuilt, freePort, LiveDbc, startSim, walletEnv } from './harness';

async function get(url: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const r = await raw(u.origin, 'GET', u.pathname);
  return { status: r.status, body: r.text };
}

describe('cli contract: vm gpu, vm forward, vm ports', function () {
  this.timeout(90_000);
  let sim: RunningSimulator;
  let home: string;
  let env: Record<string, string>;
  let task: string;
  let bare: string;
  let sshPort: number;
  let jupyterHostPort: number;

  const createVm = async (desc: string, vnc: number, extra: string[] = []): Promise<{ id: string; port: number }> => {
    const port = await freePort();
    const r = await dbc(['vm', 'create', ...createFlags(port, vnc, desc), ...extra, '--wait'], env);
    assert.equal(r.code, 0, r.stderr);
    return { id: r.stdout.trim(), port };
  };

  before(async () => {
    ensureBuilt();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-gpu-'));
    sim = await startSim({ ssh: true, dataDir: path.join(home, 'sim-data') });
    env = walletEnv(sim, { HOME: home });
    jupyterHostPort = await freePort();
    const vm = await createVm('cli-gpu', 5996, ['--custom-port', `tcp,${jupyterHostPort}:8888`, '--custom-port', 'udp,26000-26010']);
    task = vm.id;
    sshPort = vm.port;
    bare = (await createVm('cli-gpu-bare', 5995)).id;
    const key = generateEd25519Pair('cli-gpu');
    const keyFile = path.join(home, 'id_gpu');
    await fs.writeFile(keyFile, key.private, { mode: 0o600 });
    await fs.writeFile(`${keyFile}.pub`, `${key.public}\n`);
    const r = await dbc(['ssh', 'bootstrap', task, '--identity', keyFile, '--file', path.join(home, '.ssh', 'dbc', 'config')], env);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await sim?.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  it('vm gpu --json prints the issue\'s shape, read with the installed key', async () => {
    const r = await dbc(['vm', 'gpu', task, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['gpus', 'processes']);
    assert.equal(out.gpus.length, 1);
    assert.deepEqual(Object.keys(out.gpus[0]), ['index', 'name', 'utilization', 'memory_used_mib', 'memory_total_mib', 'temperature_c', 'power_w']);
    assert.equal(out.gpus[0].name, 'NVIDIA GeForce RTX 4090');
    assert.equal(out.gpus[0].memory_total_mib, 24564);
    for (const k of ['utilization', 'memory_used_mib', 'temperature_c', 'power_w']) assert.equal(typeof out.gpus[0][k], 'number', k);
  });

  it('vm gpu prints pinned readings and processes as a table', async () => {
    await admin(sim, 'POST', `tasks/${task}/guest`, { gpus: [{ utilization: 87, memory_used_mib: 21000, temperature_c: 65, power_w: '[N/A]' }], processes: [{ gpu: 0, pid: 4242, name: 'python3 train.py', used_memory_mib: 20480 }] });
    const r = await dbc(['vm', 'gpu', task], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^GPU\s+NAME\s+UTIL\s+MEMORY\s+TEMP\s+POWER$/);
    assert.match(lines[1]!, /^0\s+NVIDIA GeForce RTX 4090\s+87 %\s+21000 \/ 24564 MiB\s+65 °C\s+n\/a$/);
    assert.match(lines[4]!, /^0\s+4242\s+20480 MiB\s+python3 train\.py$/);
    await admin(sim, 'POST', `tasks/${task}/guest`, { gpus: null, processes: null });
  });

  it('vm gpu --watch samples on until Ctrl+C, one JSON line each time', async () => {
    const live = new LiveDbc(['vm', 'gpu', task, '--json', '--watch', '0.2'], env);
    await live.waitFor(/(\{.*\}\n){3}/);
    assert.equal(await live.stop(), 0);
    const samples = live.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(samples.every((s) => typeof s.time === 'string' && s.gpus.length === 1));
  });

  it('vm gpu says what is missing: no installed key, no nvidia-smi', async () => {
    const noKey = await dbc(['vm', 'gpu', bare], env);
    assert.equal(noKey.code, 6);
    assert.match(noKey.stderr, new RegExp(`no SSH key is installed on ${bare} yet`));
    await admin(sim, 'POST', `tasks/${task}/guest`, { nvidia_smi: false });
    const missing = await dbc(['vm', 'gpu', task], env);
    assert.equal(missing.code, 6);
    assert.match(missing.stderr, /has no nvidia-smi .*: bash: line 1: nvidia-smi: command not found/);
    await admin(sim, 'POST', `tasks/${task}/guest`, { nvidia_smi: null });
  });

  it('vm forward prints a local URL that reaches the guest\'s port 8888 until Ctrl+C', async () => {
    const live = new LiveDbc(['vm', 'forward', task, '--remote', '8888'], env);
    await live.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/\n/);
    const url = live.stdout.trim();
    const page = await get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`Guest port 8888 of ${task}`));
    assert.equal((await get(`${url}api/status`)).body, JSON.stringify({ service: 'dbc-sim guest http', task_id: task, port: 8888, method: 'GET', path: '/api/status' }));
    assert.match(live.stderr, /forwarding http:\/\/127\.0\.0\.1:\d+\/ to port 8888 inside/);
    assert.equal(await live.stop(), 0);
    await assert.rejects(get(url));
  });

  it('vm forward on a given local port; a taken one is refused, an empty guest port noted', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const refused = await dbc(['vm', 'forward', task, '--remote', '8888', '--local', String(taken)], env);
    blocker.close();
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, new RegExp(`local port ${taken} is in use`));
    const local = await freePort();
    const empty = await freePort();
    const live = new LiveDbc(['vm', 'forward', task, '--remote', String(empty), '--local', String(local)], env);
    await live.waitFor(new RegExp(`^http://127\\.0\\.0\\.1:${local}/\\n`));
    assert.match(live.stderr, new RegExp(`nothing answers on port ${empty} inside`));
    assert.equal(await live.stop(), 0);
  });

  it('vm ports lists ssh, vnc and the custom ports recorded at create', async () => {
    const r = await dbc(['vm', 'ports', task], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      `ssh 22 → 127.0.0.1:${sshPort}`,
      'vnc → 127.0.0.1:5996',
      `tcp 8888 → 127.0.0.1:${jupyterHostPort}  http://127.0.0.1:${jupyterHostPort}`,
      'udp 26000-26010 → 127.0.0.1:26000-26010',
    ].join('\n') + '\n');
    const modified = await dbc(['vm', 'modify', task, '--clear-custom-ports'], env);
    assert.equal(modified.code, 0, modified.stderr);
    assert.doesNotMatch((await dbc(['vm', 'ports', task], env)).stdout, /tcp 8888/);
  });
});
