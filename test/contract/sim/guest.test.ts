// Inside a simulated VM, seen through a real SSH login: nvidia-smi's answers (time-varying readings for
// the VM's GPU count, pins from the scenario and the admin API, a missing command, no GPU, a failed
// driver, CSV format details) and the HTTP service behind `ssh -L`.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Client } from 'ssh2';
import { readGpuStatus } from '../../../src/core/gpu/gpuStatus';
import { GPU_QUERY } from '../../../src/core/gpu/smiQuery';
import { DEMO_NODE_A_ID, type RunningSimulator } from '../../../src/sim';
import { execCollect, type ExecResult } from '../../../src/ssh/core/passwordSession';
import { post, raw, waitFor } from '../../support/simHttp';
import { caller, renterPair, startSim } from './harness';
import { get as httpGet } from 'node:http';

const U4090 = 'NVIDIA GeForce RTX 4090';
const QUERY = 'nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Vm { id: string; port: number; password: string }

async function login(vm: Vm): Promise<Client> {
  return waitFor(() => new Promise<Client | undefined>((resolve) => {
    const client = new Client();
    client.on('ready', () => resolve(client)).on('error', () => resolve(undefined));
    client.connect({ host: '127.0.0.1', port: vm.port, username: 'dbc', password: vm.password, readyTimeout: 10_000 });
  }), (c) => c !== undefined, 15_000, `ssh login to ${vm.id}`) as Promise<Client>;
}

async function setGuest(sim: RunningSimulator, id: string, body: unknown): Promise<any> {
  const r = await post(sim.url, `/__sim/tasks/${id}/guest`, body);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('sim: inside a VM (nvidia-smi and forwarded HTTP)', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  const vms: Record<'two' | 'none' | 'plain' | 'debian', Vm> = {} as never;
  const clients: Client[] = [];
  const run = async (vm: Vm, command: string): Promise<ExecResult> => {
    const client = await login(vm);
    clients.push(client);
    return execCollect(client, command);
  };

  before(async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const task = (id: string, port: number, extra: Record<string, unknown>) => ({ task_id: id, ssh_port: port, login_password: `Pw-${id}`, ...extra });
    sim = await startSim({
      speed: 0, ssh: true,
      scenario: {
        nodes: [{
          node_id: DEMO_NODE_A_ID, renter: renterPair().address, gpu_count: 8, gpu_model: U4090, images: ['ubuntu.qcow2', 'debian12.qcow2'],
          tasks: [
            task('TwoGpus', ports[0]!, { gpu_count: 2 }), task('NoGpu', ports[1]!, { gpu_count: 0 }), task('Plain', ports[2]!, { gpu_count: 1 }),
            task('Debian', ports[3]!, { gpu_count: 1, image_name: 'debian12.qcow2' }),
          ],
        }],
        guest: {
          images_without_nvidia_smi: ['debian12.qcow2'],
          tasks: { Plain: { gpus: [{ utilization: 87, memory_used_mib: 21000 }], processes: [{ gpu: 0, pid: 4242, name: 'python3 train.py', used_memory_mib: 20480 }] } },
        },
      },
    });
    const ids = { two: 'TwoGpus', none: 'NoGpu', plain: 'Plain', debian: 'Debian' } as const;
    (Object.keys(ids) as (keyof typeof ids)[]).forEach((k, i) => (vms[k] = { id: ids[k], port: ports[i]!, password: `Pw-${ids[k]}` }));
  });
  after(async () => {
    for (const c of clients) c.end();
    await sim.close();
  });

  it('answers the issue\'s query with one row per GPU of the VM, values varying with time', async () => {
    const first = await run(vms.two, QUERY);
    assert.equal(first.code, 0, first.stderr);
    const rows = first.stdout.trim().split('\n').map((l) => l.split(', '));
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[4]]), [['0', U4090, '24564'], ['1', U4090, '24564']]);
    for (const r of rows) {
      assert.match(r[2]!, /^\d+$/);
      assert.ok(Number(r[2]) <= 100);
      assert.match(r[6]!, /^\d+\.\d\d$/);
    }
    assert.equal((await run(vms.two, QUERY)).stdout, first.stdout, 'a frozen clock gives the same reading');
    sim.admin.advance(20_000);
    assert.notEqual((await run(vms.two, QUERY)).stdout, first.stdout);
  });

  it('serves the client core end to end: pinned readings and processes from the scenario', async () => {
    const client = await login(vms.plain);
    clients.push(client);
    const status = await readGpuStatus((command) => execCollect(client, command));
    assert.equal(status.kind, 'ok');
    if (status.kind !== 'ok') return;
    assert.deepEqual([status.gpus[0]!.utilization, status.gpus[0]!.memoryUsedMib, status.gpus[0]!.memoryTotalMib], [87, 21000, 24564]);
    assert.deepEqual(status.processes.map((p) => [p.gpuIndex, p.pid, p.name, p.usedMemoryMib]), [[0, 4242, 'python3 train.py', 20480]]);
  });

  it('pins readings and processes through the admin API, including [N/A]', async () => {
    const reply = await setGuest(sim, 'TwoGpus', { gpus: [null, { utilization: '[N/A]', power_w: '[Not Supported]' }], processes: [] });
    assert.equal(reply.gpus[1].utilization, '[N/A]');
    const out = await run(vms.two, 'nvidia-smi --query-gpu=index,utilization.gpu,power.draw --format=csv,noheader,nounits -i 1');
    assert.equal(out.stdout, '1, [N/A], [Not Supported]\n');
    assert.equal((await run(vms.two, 'nvidia-smi --query-compute-apps=pid --format=csv,noheader')).stdout, '');
    await setGuest(sim, 'TwoGpus', { gpus: null, processes: null });
    const apps = await run(vms.two, 'nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv,noheader,nounits');
    assert.match(apps.stdout, /^GPU-[0-9a-f-]+, \d+, \/usr\/bin\/python3, \d+\n/);
  });

  it('prints the header and units unless told not to, as nvidia-smi does', async () => {
    const out = await run(vms.plain, 'nvidia-smi --query-gpu=index,utilization.gpu,memory.used,temperature.gpu,power.draw --format=csv');
    const [header, row] = out.stdout.trim().split('\n');
    assert.equal(header, 'index, utilization.gpu [%], memory.used [MiB], temperature.gpu, power.draw [W]');
    assert.match(row!, /^0, 87 %, 21000 MiB, \d+, \d+\.\d\d W$/);
    assert.match((await run(vms.plain, 'nvidia-smi -L')).stdout, /^GPU 0: NVIDIA GeForce RTX 4090 \(UUID: GPU-[0-9a-f-]{36}\)\n$/);
    assert.match((await run(vms.plain, 'nvidia-smi')).stdout, /python3 train\.py/);
  });

  it('answers like the real tool for bad fields, no GPU, a missing command and a failed driver', async () => {
    assert.deepEqual(await run(vms.plain, 'nvidia-smi --query-gpu=index,bogus --format=csv'), { code: 2, signal: undefined, stdout: 'Field "bogus" is not a valid field to query.\n\n', stderr: '' });
    assert.deepEqual(await run(vms.none, QUERY), { code: 6, signal: undefined, stdout: 'No devices were found\n', stderr: '' });
    assert.deepEqual(await run(vms.debian, QUERY), { code: 127, signal: undefined, stdout: '', stderr: 'bash: line 1: nvidia-smi: command not found\n' });
    await setGuest(sim, 'Plain', { nvidia_smi: 'driver-failed' });
    const failed = await run(vms.plain, QUERY);
    assert.equal(failed.code, 9);
    assert.match(failed.stdout, /^NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/);
    await setGuest(sim, 'Plain', { nvidia_smi: null });
    assert.equal((await run(vms.plain, GPU_QUERY)).code, 0);
  });

  it('leaves any other command to the shell', async () => {
    assert.equal((await run(vms.plain, 'echo "nvidia-smi"; echo two')).stdout, 'nvidia-smi\ntwo\n');
  });

  it('serves forwarded connections to its HTTP ports, and refuses other unused ports', async () => {
    const client = await login(vms.plain);
    clients.push(client);
    const get = (port: number, path: string): Promise<string> => new Promise((resolve, reject) => {
      client.forwardOut('127.0.0.1', 40000, '127.0.0.1', port, (err, ch) => {
        if (err) return reject(err);
        let text = '';
        ch.on('data', (d: Buffer) => (text += d.toString()));
        ch.on('close', () => resolve(text));
        ch.end(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      });
    });
    const page = await get(8888, '/');
    assert.match(page, /^HTTP\/1\.1 200 OK/);
    assert.match(page, /Guest port 8888 of Plain/);
    const status = await get(6006, '/api/status');
    assert.deepEqual(JSON.parse(status.slice(status.indexOf('\r\n\r\n') + 4)), { service: 'dbc-sim guest http', task_id: 'Plain', port: 6006, method: 'GET', path: '/api/status' });
    const unused = await freePort();
    await assert.rejects(get(unused, '/'));
  });

  it('publishes custom_port rules to its HTTP ports on the host, following modify at once', async () => {
    const host = await freePort();
    const c = caller(sim, renterPair());
    const fetchPage = (): Promise<string> => new Promise((resolve, reject) => {
      httpGet(`http://127.0.0.1:${host}/api/status`, { agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString())).on('end', () => resolve(body));
      }).on('error', reject);
    });
    assert.equal((await c.call('/tasks/modify/Plain', { new_custom_port: [`tcp,${host}:8888`, 'udp,6006'] })).json.errcode, 0);
    const body = await waitFor(() => fetchPage().catch(() => ''), (b) => b !== '', 5000, 'the published port');
    assert.equal(JSON.parse(body).port, 8888);
    assert.equal((await c.call('/tasks/modify/Plain', { new_custom_port: [] })).json.errcode, 0);
    await waitFor(() => fetchPage().then(() => false, () => true), Boolean, 5000, 'the port to close');
  });

  it('checks admin input and names the task it does not know', async () => {
    const bad = await post(sim.url, '/__sim/tasks/Plain/guest', { gpus: [{ utilization: 130 }] });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /guest\.gpus\[0\]\.utilization must be at most 100/);
    assert.match((await post(sim.url, '/__sim/tasks/Plain/guest', { nvidia_smi: 'yes' })).json.error, /nvidia_smi must be true, false or "driver-failed"/);
    assert.equal((await raw(sim.url, 'POST', '/__sim/tasks/Nope/guest', '{}')).status, 404);
  });
});
