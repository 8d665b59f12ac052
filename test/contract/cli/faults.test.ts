// Exit codes and fault handling against the simulator: validation sends nothing, GPU-side and
// client-node errors, the client node's timeout, and a create that times out although the VM exists.
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_NODE_ONLINE_ID, DEMO_TASK_ID } from '../../../src/sim';
import { admin, createFlags, dbc, ensureBuilt, freePort, startSim, walletEnv } from './harness';

describe('cli contract: errors and faults', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let env: Record<string, string>;

  before(async () => {
    ensureBuilt();
    sim = await startSim({ clientTimeoutMs: 500 });
    env = walletEnv(sim);
  });
  after(() => sim?.close());
  afterEach(() => admin(sim, 'POST', 'faults/clear', {}));

  const total = async (): Promise<number> => (await admin(sim, 'GET', 'counters')).total;

  it('a validation failure exits 2 and sends nothing', async () => {
    const before = await total();
    const r = await dbc(['vm', 'create', '--image', 'ubuntu.img', '--vnc-port', '22', '--gpus', '1', '--cpus', '0', '--mem', '8', '--disk', '50'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dbc: vm create: nothing was sent, because:\n/);
    assert.match(r.stderr, /--image must be an image file name ending in \.qcow2/);
    assert.match(r.stderr, /--cpus must be a whole number greater than 0/);
    assert.equal(await total(), before);
  });

  it('a GPU-side error exits 1 with one line', async () => {
    const r = await dbc(['vm', 'start', DEMO_TASK_ID], env);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'dbc: tasks.start failed: errcode 1: task is running\n');
    const rented = await dbc(['vm', 'list', '--node', DEMO_NODE_ONLINE_ID], env);
    assert.equal(rented.code, 1);
    assert.equal(rented.stderr, 'dbc: tasks.list failed: errcode -3: check authority failed: machine is not be rented\n');
  });

  it('a client-node rejection (unknown node) exits 3', async () => {
    const r = await dbc(['vm', 'list', '--node', 'ab'.repeat(32)], env);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'dbc: tasks.list failed: errcode -32701: create node request failed (client node, HTTP 400)\n');
  });

  it('the client node\'s timeout exits 4', async () => {
    await admin(sim, 'POST', 'faults', { route: 'T1', kind: 'timeout', count: 1 });
    const r = await dbc(['vm', 'list'], env);
    assert.equal(r.code, 4);
    assert.equal(r.stderr, 'dbc: tasks.list failed: errcode -1: list task timeout (client node, HTTP 500)\n');
  });

  it('an unparsable GPU reply exits 5', async () => {
    await admin(sim, 'POST', 'faults', { route: 'T1', kind: 'parse-error', count: 1 });
    const r = await dbc(['vm', 'list'], env);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /^dbc: tasks\.list failed: /);
  });

  it('a refused connection exits 4', async () => {
    const port = await freePort();
    const r = await dbc(['vm', 'list'], { ...env, DBC_ENDPOINT: `http://127.0.0.1:${port}` });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /connection refused by http:\/\/127\.0\.0\.1:\d+: is the DBC client node running there\?/);
  });

  it('a create that times out although the VM exists is reconciled, never sent twice', async () => {
    await admin(sim, 'POST', 'reset-counters', {});
    await admin(sim, 'POST', 'faults', { route: 'T3', kind: 'timeout-applied', count: 1 });
    const r = await dbc(['vm', 'create', ...createFlags(31023, 5991, 'cli-timeout'), '--wait'], env);
    assert.equal(r.code, 4, r.stderr);
    const ids = r.stdout.trim().split('\n');
    assert.equal(ids.length, 1);
    const task = ids[0]!;
    assert.match(r.stderr, /create task timeout/);
    assert.match(r.stderr, new RegExp(`a new VM appeared: ${task} \\(\\w+\\)\\. Check with: dbc vm info ${task} — do not create again`));
    const counters = await admin(sim, 'GET', 'counters');
    assert.equal(counters.routes.T3, 1, 'exactly one create request');
    const state = JSON.stringify(await admin(sim, 'GET', 'state'));
    assert.ok(state.includes(task));
    assert.ok(state.includes('cli-timeout'));
    assert.equal((await dbc(['vm', 'delete', task, '--wait'], env)).code, 0);
  });

  it('a create that times out and did not happen: exit 4, no new VM, still one create', async () => {
    await admin(sim, 'POST', 'reset-counters', {});
    await admin(sim, 'POST', 'faults', { route: 'T3', kind: 'timeout', count: 1 });
    const r = await dbc(['vm', 'create', ...createFlags(31024, 5992, 'cli-lost'), '--json'], env);
    assert.equal(r.code, 4, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { outcome: 'unknown', new_tasks: [] });
    assert.match(r.stderr, /no new VM is listed yet/);
    assert.equal((await admin(sim, 'GET', 'counters')).routes.T3, 1);
  });

  it('--wait on a VM that fails exits 1', async () => {
    await admin(sim, 'POST', 'faults', { route: 'T3', kind: 'vm-error', count: 1 });
    const r = await dbc(['vm', 'create', ...createFlags(31025, 5993, 'cli-error'), '--wait'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /tasks\.create failed: task \S+ ended in status "create error"\n$/);
    const task = r.stdout.trim();
    assert.equal((await dbc(['vm', 'delete', task], env)).code, 0);
  });
});
