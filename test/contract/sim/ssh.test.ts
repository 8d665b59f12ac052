// SSH endpoints of running Linux VMs: opened on `running`, closed when the VM leaves it, reopened on
// a new port; bind failures are logged. One test logs in for real through ssh2.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'ssh2';
import { DEMO_NODE_A_ID, DEMO_TASK_ID, DEMO_TASK_SSH_PORT, type RunningSimulator } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import type { SshBackend } from '../../../src/sim/sshHost';
import type { VmSshOptions } from '../../../src/sim/ssh/vmSsh';
import { waitFor } from '../../support/simHttp';
import { caller, renterPair, startSim, type Caller } from './harness';

/** Records the endpoints of the demo VM DEMO_TASK_ID (the demo world runs another Linux VM on node C). */
interface Fake extends SshBackend { started: VmSshOptions[]; closed: number[]; failPorts: Set<number> }

function fakeBackend(): Fake {
  const fake: Fake = {
    started: [], closed: [], failPorts: new Set(),
    generateHostKey: () => 'HOST KEY',
    start: async (opts) => {
      if (fake.failPorts.has(opts.port)) throw new Error('listen EADDRINUSE');
      if (!opts.homeDir.includes(DEMO_TASK_ID)) return { port: opts.port, close: async () => undefined }; // the demo's other VM
      fake.started.push(opts);
      return { port: opts.port, close: async () => { fake.closed.push(opts.port); } };
    },
  };
  return fake;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('sim: SSH endpoints of VMs', () => {
  let sim: RunningSimulator;
  let c: Caller;
  let fake: Fake;
  const logs: string[] = [];
  beforeEach(async () => {
    fake = fakeBackend();
    sim = await startSim({ speed: 0, sshBackend: fake, log: (l) => logs.push(l) });
    c = caller(sim, renterPair());
  });
  afterEach(() => sim.close());

  it('opens the running demo VM\'s endpoint with its user, live password and home folder', async () => {
    await waitFor(async () => fake.started.length, (n) => n === 1, 2000);
    const opts = fake.started[0];
    assert.deepEqual([opts.port, opts.user, opts.hostKey], [Number(DEMO_TASK_SSH_PORT), 'dbc', 'HOST KEY']);
    assert.equal(opts.homeDir, join(sim.options.dataDir, DEMO_TASK_ID, 'home'));
    assert.ok(existsSync(opts.homeDir));
    assert.equal(opts.password(), sim.state.nodes.get(DEMO_NODE_A_ID)!.tasks.get(DEMO_TASK_ID)!.loginPassword);
    await c.call(`/tasks/passwd/${DEMO_TASK_ID}`, { username: 'dbc', password: 'Changed-1' });
    assert.equal(opts.password(), 'Changed-1');
  });

  it('closes it when the VM stops and reopens it when the VM runs again or changes port', async () => {
    await waitFor(async () => fake.started.length, (n) => n === 1, 2000);
    await c.call(`/tasks/stop/${DEMO_TASK_ID}`);
    await waitFor(async () => fake.closed.length, (n) => n === 1, 2000);
    sim.admin.advance(DURATIONS_MS.stop);
    assert.equal((await c.call(`/tasks/start/${DEMO_TASK_ID}`)).json.message, 'ok');
    sim.admin.advance(DURATIONS_MS.start);
    await waitFor(async () => fake.started.length, (n) => n === 2, 2000);
    await c.call(`/tasks/modify/${DEMO_TASK_ID}`, { new_ssh_port: '24022' });
    await waitFor(async () => fake.started.map((o) => o.port), (p) => p.length === 3 && p[2] === 24022, 2000);
    assert.deepEqual(fake.closed, [Number(DEMO_TASK_SSH_PORT), Number(DEMO_TASK_SSH_PORT)]);
  });

  it('logs a port it cannot bind instead of failing', async () => {
    fake.failPorts.add(25022);
    await c.call(`/tasks/modify/${DEMO_TASK_ID}`, { new_ssh_port: '25022' });
    await waitFor(async () => logs.some((l) => l.includes('could not listen on 127.0.0.1:25022')), Boolean, 2000);
    assert.equal((await c.call('/tasks')).json.errcode, 0);
  });
});

describe('sim: real SSH login to a simulated VM', () => {
  it('accepts the password from T2 and stops listening when the VM stops', async function () {
    this.timeout(30_000);
    const port = await freePort();
    const renter = renterPair();
    const sim = await startSim({
      speed: 0, ssh: true,
      scenario: { nodes: [{ node_id: DEMO_NODE_A_ID, renter: renter.address, images: ['ubuntu.qcow2'], tasks: [{ task_id: DEMO_TASK_ID, ssh_port: port }] }] },
    });
    try {
      const c = caller(sim, renter);
      const info = (await c.call(`/tasks/${DEMO_TASK_ID}`)).json.message;
      const login = (): Promise<void> => new Promise((resolve, reject) => {
        const client = new Client();
        client.on('ready', () => { client.end(); resolve(); }).on('error', reject);
        client.connect({ host: info.ssh_ip, port: Number(info.ssh_port), username: info.user_name, password: info.login_password, readyTimeout: 10_000 });
      });
      await waitFor(() => login().then(() => true, () => false), Boolean, 10_000, 'ssh login');
      await c.call(`/tasks/stop/${DEMO_TASK_ID}`);
      await waitFor(() => login().then(() => false, () => true), Boolean, 10_000, 'ssh endpoint to close');
    } finally {
      await sim.close();
    }
  });
});
