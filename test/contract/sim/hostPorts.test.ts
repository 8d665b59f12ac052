// VM SSH endpoints share 127.0.0.1 with everything else on the machine (a demo, another test's simulator,
// any program). The simulator refuses a create or a start whose SSH port is taken there, as the node does
// for a port another running VM holds (TaskManager.cpp check_port_conflict / check_resource), and logs
// the port. With freeSshPorts the scenario's VMs take ports the OS has free.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_TASK_ID, DEMO_TASK_SSH_PORT, type RunningSimulator } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { waitFor } from '../../support/simHttp';
import { caller, createSpec, renterPair, startSim, type Caller } from './harness';

/** A server that holds a free port on 127.0.0.1, as another program would. */
async function occupy(port = 0): Promise<net.Server & { port: number }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as net.AddressInfo).port });
}

const release = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

describe('sim: SSH ports taken on the host', function () {
  this.timeout(30_000);
  let dataDir: string;
  let sim: RunningSimulator;
  let logs: string[];
  let a: Caller;
  let b: Caller;
  const demoPort = (s: RunningSimulator): number => Number(s.state.nodes.get(DEMO_NODE_A_ID)!.tasks.get(DEMO_TASK_ID)!.sshPort);
  const tasksOn = async (c: Caller): Promise<string[]> => ((await c.call('/tasks')).json.message as { task_id: string }[]).map((t) => t.task_id);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbc-hostports-'));
    logs = [];
    sim = await startSim({ speed: 0, ssh: true, freeSshPorts: true, dataDir, log: (l) => logs.push(l) });
    a = caller(sim, renterPair(), DEMO_NODE_A_ID);
    b = caller(sim, renterPair(), DEMO_NODE_B_ID);
  });
  afterEach(async () => {
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives the scenario VMs free ports with freeSshPorts, and T2 reports the port that listens', async () => {
    const port = demoPort(sim);
    assert.notEqual(port, Number(DEMO_TASK_SSH_PORT));
    assert.equal((await a.call(`/tasks/${DEMO_TASK_ID}`)).json.message.ssh_port, String(port));
    await waitFor(() => listening(port), Boolean, 5000, 'the demo VM endpoint');
    assert.ok(logs.some((l) => l.includes(`uses the free port ${port} instead of ${DEMO_TASK_SSH_PORT}`)), logs.join('\n'));
  });

  it('refuses a create whose ssh_port another program listens on, naming the port in its log', async () => {
    const other = await occupy();
    try {
      const before = await tasksOn(a);
      const r = await a.call('/tasks/start', createSpec({ ssh_port: String(other.port) }));
      assert.deepEqual([r.json.errcode, r.json.message], [1, `port conflict, exist ssh_port = ${other.port}`]);
      assert.deepEqual(await tasksOn(a), before, 'no task was recorded');
      assert.ok(logs.some((l) => l.includes(`refused, ssh_port ${other.port} is in use on this host (another process on this machine)`)),
        logs.join('\n'));
    } finally {
      await release(other);
    }
    const again = await a.call('/tasks/start', createSpec({ ssh_port: String(other.port) }));
    assert.equal(again.json.errcode, 0, again.text);
  });

  it('refuses to start a stopped VM whose port was taken meanwhile (check ssh_port failed)', async () => {
    const port = demoPort(sim);
    await waitFor(() => listening(port), Boolean, 5000, 'the demo VM endpoint');
    assert.equal((await a.call(`/tasks/stop/${DEMO_TASK_ID}`)).json.errcode, 0);
    sim.admin.advance(DURATIONS_MS.stop);
    await waitFor(() => listening(port), (open) => !open, 5000, 'the endpoint to close');
    const other = await occupy(port);
    try {
      const r = await a.call(`/tasks/start/${DEMO_TASK_ID}`);
      assert.deepEqual([r.json.errcode, r.json.message], [1, 'check ssh_port failed']);
      assert.ok(logs.some((l) => l.includes(`start ${DEMO_TASK_ID}: refused, ssh_port ${port} is in use on this host`)), logs.join('\n'));
    } finally {
      await release(other);
    }
    assert.equal((await a.call(`/tasks/start/${DEMO_TASK_ID}`)).json.errcode, 0);
    sim.admin.advance(DURATIONS_MS.start);
    await waitFor(() => listening(port), Boolean, 5000, 'the endpoint to reopen');
  });

  it('refuses a port that a VM of another node is still being created on (its endpoint is not open yet)', async () => {
    const free = await occupy();
    await release(free);
    const first = await a.call('/tasks/start', createSpec({ ssh_port: String(free.port) }));
    assert.equal(first.json.errcode, 0, first.text);
    const second = await b.call('/tasks/start', createSpec({ ssh_port: String(free.port), vnc_port: '5991' }));
    assert.deepEqual([second.json.errcode, second.json.message], [1, `port conflict, exist ssh_port = ${free.port}`]);
    assert.ok(logs.some((l) => l.includes(`(VM ${String(first.json.message.task_id)} of this simulator)`)), logs.join('\n'));
  });

  it('a second simulator refuses the port of the first one\'s running VM', async () => {
    const port = demoPort(sim);
    await waitFor(() => listening(port), Boolean, 5000, 'the demo VM endpoint');
    const dir2 = await mkdtemp(join(tmpdir(), 'dbc-hostports-'));
    const sim2 = await startSim({ speed: 0, ssh: true, freeSshPorts: true, dataDir: dir2 });
    try {
      const r = await caller(sim2, renterPair(), DEMO_NODE_B_ID).call('/tasks/start', createSpec({ ssh_port: String(port) }));
      assert.deepEqual([r.json.errcode, r.json.message], [1, `port conflict, exist ssh_port = ${port}`]);
    } finally {
      await sim2.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });

  it('checks nothing on the host when the simulator runs without SSH endpoints', async () => {
    const other = await occupy();
    const quiet = await startSim({ speed: 0 });
    try {
      const r = await caller(quiet, renterPair(), DEMO_NODE_B_ID).call('/tasks/start', createSpec({ ssh_port: String(other.port) }));
      assert.equal(r.json.errcode, 0, r.text);
    } finally {
      await quiet.close();
      await release(other);
    }
  });
});
