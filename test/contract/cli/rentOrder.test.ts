// A renter of two GPUs of an eight-GPU machine uses `dbc` without ever typing the rent order: the CLI
// finds it with `POST /api/v1/rent_orders` and sends it with every request, as the node requires —
// list, logs, stop, disk resize, start and ssh alike.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator, Scenario } from '../../../src/sim';
import { DEMO_OTHER_ADDRESS, DEMO_RENTER_ADDRESS } from '../../../src/sim';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';
import { admin, dbc, ensureBuilt, freePort, LiveDbc, startSim, walletEnv } from './harness';

const NODE = 'e0'.repeat(32);
const WHOLE = 'e1'.repeat(32);

const scenario = (): Scenario => ({
  nodes: [{
    node_id: NODE, name: 'per-gpu', gpu_count: 8, cpu_cores: 64, mem_gb: 256, images: ['ubuntu.qcow2'],
    rent_orders: [
      { id: '4412', renter: DEMO_RENTER_ADDRESS, gpu_index: [2, 3] },
      { id: '4413', renter: DEMO_OTHER_ADDRESS, gpu_index: [4] },
    ],
  }, {
    node_id: WHOLE, name: 'whole', gpu_count: 2, images: ['ubuntu.qcow2'], renter: DEMO_RENTER_ADDRESS,
    tasks: [{ task_id: 'WholeMachineTask000001', desc: 'whole-vm', status: 'closed' }], // closed: no SSH endpoint
  }],
});

describe('cli contract: a per-GPU rental without typing the rent order', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let home: string;
  let env: Record<string, string>;
  let task = '';
  let sshPort = 0;

  before(async () => {
    ensureBuilt();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-rent-'));
    sim = await startSim({ scenario: scenario(), ssh: true, dataDir: path.join(home, 'sim-data') });
    env = walletEnv(sim, { DBC_NODE: NODE, HOME: home });
    sshPort = await freePort();
  });
  after(async () => {
    await sim?.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  const ok = async (args: string[], e = env) => {
    const r = await dbc(args, e);
    assert.equal(r.code, 0, `dbc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  };

  it('creates a VM on the leased GPUs, then lists it and shows its rent order', async () => {
    const r = await ok(['vm', 'create', '--image', 'ubuntu.qcow2', '--ssh-port', String(sshPort), '--vnc-port', '5990', '--gpus', '2',
      '--cpus', '16', '--mem', '64', '--disk', '50', '--desc', 'per-gpu', '--wait']);
    task = r.stdout.trim();
    assert.match((await ok(['vm', 'list'])).stdout, new RegExp(`${task} +running`));
    const info = JSON.parse((await ok(['vm', 'info', task, '--json'])).stdout);
    assert.deepEqual([info.rent_order, info.gpu_count], ['4412', 2]);
  });

  it('follows the logs, stops, resizes its data disk and starts the VM', async () => {
    const live = new LiveDbc(['vm', 'logs', task, '--follow', '-n', '5', '--min-interval', '0.1', '--max-interval', '0.3'], env);
    await live.waitFor(new RegExp(task));
    await admin(sim, 'POST', `tasks/${task}/log`, { lines: ['per-gpu follow line'] });
    await live.waitFor(/per-gpu follow line\n/);
    assert.equal(await live.stop(), 0, live.stderr);
    assert.match((await ok(['vm', 'stop', task, '--wait'])).stdout, /: closed\n$/);
    assert.match((await ok(['vm', 'disk', 'resize', task, '--disk', 'vdb', '--size', '25', '--wait'])).stdout, /disk resize done: vdb 75G\n$/);
    assert.match((await ok(['vm', 'start', task, '--wait'])).stdout, /: running\n$/);
  });

  it('connects: ssh bootstrap installs a key with the VM password and writes the Host alias', async () => {
    const key = generateEd25519Pair('cli-rent');
    const keyFile = path.join(home, 'id_rent');
    await fs.writeFile(keyFile, key.private, { mode: 0o600 });
    await fs.writeFile(`${keyFile}.pub`, `${key.public}\n`);
    const file = path.join(home, 'ssh-config');
    const r = await ok(['ssh', 'bootstrap', task, '--identity', keyFile, '--file', file]);
    assert.match(r.stdout, new RegExp(`^${task}: key installed for dbc@127\\.0\\.0\\.1:${sshPort}\\n`));
    assert.match(r.stdout, /\ndbc-per-gpu\n$/, 'the readable alias: the VM\'s name');
    assert.match(await fs.readFile(file, 'utf8'), /^Host dbc-per-gpu$/m);
  });

  it('asks the node once per run, and fails without the order exactly as the node does', async () => {
    await admin(sim, 'POST', 'reset-counters');
    await ok(['vm', 'stop', task, '--wait']);
    const counters = await admin(sim, 'GET', 'counters');
    assert.equal(counters.routes.R1, 1);
    const wrong = await dbc(['vm', 'list', '--rent-order', '4413'], env);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /check authority failed: wallet not rented/);
  });

  it('names the wallet\'s orders and acts on none when it rents several; DBC_RENT_ORDER picks one', async () => {
    await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4420', renter: DEMO_RENTER_ADDRESS, gpu_index: [6] });
    await admin(sim, 'POST', 'prune'); // the node fetches the machine's new orders from the chain
    try {
      await admin(sim, 'POST', 'reset-counters');
      const several = await dbc(['vm', 'stop', task], env);
      assert.equal(several.code, 2, several.stderr);
      assert.match(several.stderr, /rents 2 orders on node e0e0.*: 4412 \(GPUs 2,3; ends at block \d+\), 4420 \(GPUs 6; .*--rent-order ID or DBC_RENT_ORDER/);
      const counters = await admin(sim, 'GET', 'counters');
      assert.deepEqual([counters.routes.R1, counters.total], [1, 1], 'only the rent list was asked');
      assert.match((await ok(['vm', 'list'], { ...env, DBC_RENT_ORDER: '4412' })).stdout, new RegExp(`${task} `));
      await ok(['vm', 'list'], { ...env, DBC_RENT_ORDER: '4420' });
    } finally {
      await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4420', rent_status: 'rentExpired' });
    }
  });

  it('a new order the node has not fetched yet: the hint says to name it, naming it works, then it is found', async () => {
    // Frozen: at speed 1000 the node's prune cycle (every 900 simulated s) would fetch the order within a second.
    await admin(sim, 'POST', 'speed', { speed: 0 });
    await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4412', rent_status: 'rentExpired' });
    await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4430', renter: DEMO_RENTER_ADDRESS, gpu_index: [0, 1] });
    try {
      const unknown = await dbc(['vm', 'list'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /wallet not rented \(the wallet does not rent this machine, or on a per-GPU rental not under the rent order sent: .*--rent-order ID/);
      assert.match((await ok(['vm', 'list', '--rent-order', '4430'])).stdout, new RegExp(`${task} `));
      assert.match((await ok(['node', 'rent-orders', '--mine'])).stdout, /^4430 /m, 'the request that named it made the node fetch it');
      await ok(['vm', 'list']);
    } finally {
      await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4430', rent_status: 'rentExpired' });
      await admin(sim, 'POST', `nodes/${NODE}/rent_orders`, { id: '4412', rent_status: 'renting' });
      await admin(sim, 'POST', 'speed', { speed: 1000 });
    }
  });

  it('sends no rent order to a machine the wallet rents as a whole', async () => {
    const r = await ok(['vm', 'list'], { ...env, DBC_NODE: WHOLE });
    assert.match(r.stdout, /WholeMachineTask000001 /);
    const wrong = await dbc(['vm', 'list', '--rent-order', '4412'], { ...env, DBC_NODE: WHOLE });
    assert.match(wrong.stderr, /check authority failed: wallet not rented/, 'an order id there would fail');
  });
});
