// Fault injection: every kind, per route and node, one-shot or persistent, set by options, scenario
// or the admin API.
import * as assert from 'node:assert/strict';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_TASK_ID, demoScenario, type RunningSimulator } from '../../../src/sim';
import { parseFaultFlag } from '../../../src/sim/faults';
import { raw, post, waitFor } from '../../support/simHttp';
import { caller, createSpec, renterPair, startSim, taskStatus, type Caller } from './harness';

const TIMEOUT_TEXTS: [string, string][] = [
  ['/tasks', 'list task timeout'], [`/tasks/${DEMO_TASK_ID}`, 'list task timeout'], ['/tasks/start', 'create task timeout'],
  [`/tasks/start/${DEMO_TASK_ID}`, 'start task timeout'], [`/tasks/stop/${DEMO_TASK_ID}`, 'stop task timeout'],
  [`/tasks/poweroff/${DEMO_TASK_ID}`, 'stop task timeout'], [`/tasks/shutdown/${DEMO_TASK_ID}`, 'shutdown task timeout'],
  [`/tasks/restart/${DEMO_TASK_ID}`, 'restart task timeout'], [`/tasks/reset/${DEMO_TASK_ID}`, 'reset task timeout'],
  [`/tasks/delete/${DEMO_TASK_ID}`, 'delete task timeout'], [`/tasks/logs/${DEMO_TASK_ID}`, 'task logs timeout'],
  [`/tasks/modify/${DEMO_TASK_ID}`, 'modify task timeout'], [`/tasks/passwd/${DEMO_TASK_ID}`, 'set task user password timeout'],
  ['/mining_nodes', 'query node info timeout'], ['/mining_nodes/session_id', 'get session_id timeout'],
  [`/snapshot/list/${DEMO_TASK_ID}`, 'list snapshot timeout'], [`/snapshot/create/${DEMO_TASK_ID}`, 'create snapshot timeout'],
  [`/snapshot/delete/${DEMO_TASK_ID}/x`, 'delete snapshot timeout'], ['/images', 'list images timeout'],
  ['/images/upload', 'upload image timeout'], ['/images/download', 'download image timeout'],
  ['/images/downloadprogress', 'query download image progress timeout'], ['/images/download_stop', 'download image timeout'],
  ['/images/uploadprogress', 'query upload image progress timeout'], ['/images/upload_stop', 'upload image timeout'],
  ['/images/delete', 'upload image timeout'],
  ['/disk/list/X', 'list disk timeout'], ['/disk/resize/X', 'resize disk timeout'], ['/disk/add/X', 'add disk timeout'],
  ['/disk/delete/X', 'delete disk timeout'], ['/mining_nodes/free_memory', 'free memory timeout'],
  ['/monitor', 'list monitor server timeout'], ['/monitor/set', 'set monitor server timeout'],
  ['/lan/create', 'create local area network timeout'], ['/lan/delete/abcdef', 'delete local area network timeout'],
  ['/rent_orders', 'query node rent orders timeout'],
];

describe('sim: faults', () => {
  let sim: RunningSimulator;
  let c: Caller;
  beforeEach(async () => {
    sim = await startSim({ clientTimeoutMs: 40 });
    c = caller(sim, renterPair());
  });
  afterEach(() => sim.close());

  const status = (id: string): Promise<string> => taskStatus(c, id);

  it('times out with the per-route `<op> timeout` texts after the client timeout', async () => {
    for (const [path, text] of TIMEOUT_TEXTS) {
      sim.admin.addFault({ route: '*', kind: 'timeout', count: 1 });
      const started = Date.now();
      const r = await c.call(path, { image_server: 'ID_1' });
      assert.ok(Date.now() - started >= 35, `${path} waited the client timeout`);
      assert.deepEqual([r.status, r.text], [500, `${JSON.stringify({ errcode: -1, message: text }, null, 4)}\r\n`], path);
    }
    assert.equal((await c.call('/tasks')).status, 200, 'the one-shot faults are used up');
  });

  it('loses a timed-out create, but `timeout-applied` still creates the VM', async () => {
    sim.admin.addFault('T3=timeout,count=1');
    assert.equal((await c.call('/tasks/start', createSpec())).status, 500);
    assert.equal((await c.call('/tasks')).json.message.length, 1);
    sim.admin.addFault('tasks.create=timeout-applied,count=1');
    const r = await c.call('/tasks/start', createSpec());
    assert.deepEqual([r.status, r.json.message], [500, 'create task timeout']);
    const list = await waitFor(() => c.call('/tasks'), (x) => x.json.message.length === 2, 5000, 'the late VM');
    const late = list.json.message.find((t: any) => t.task_id !== DEMO_TASK_ID);
    assert.equal(await waitFor(() => status(late.task_id), (s) => s === 'running', 5000), 'running');
  });

  it('answers an unparsable GPU reply with 500, after the GPU node acted', async () => {
    sim.admin.addFault({ route: 'T5', kind: 'parse-error', count: 1 });
    const r = await c.call(`/tasks/stop/${DEMO_TASK_ID}`);
    assert.deepEqual([r.status, r.json.errcode, r.json.message], [500, -1, 'response parse error']);
    await waitFor(() => status(DEMO_TASK_ID), (s) => s === 'closed', 5000);
    sim.admin.addFault({ route: 'I5', kind: 'parse-error', count: 1 });
    assert.equal((await c.call('/images/downloadprogress', { image_filename: 'x' })).json.message, 'http response parse error');
  });

  it('resets the connection', async () => {
    sim.admin.addFault({ route: 'V', kind: 'reset', count: 1 });
    await assert.rejects(raw(sim.url, 'GET', '/api/v1/'));
    assert.equal((await raw(sim.url, 'GET', '/api/v1/')).status, 200);
  });

  it('makes a node unknown to the client node, optionally only one node', async () => {
    sim.admin.addFault({ kind: 'unknown-node', node: DEMO_NODE_A_ID });
    const body = (node: string): unknown => ({ peer_nodes_list: [node], additional: {} });
    const a = await post(sim.url, '/api/v1/mining_nodes', body(DEMO_NODE_A_ID));
    assert.deepEqual([a.status, a.json.errcode, a.json.message], [400, -32701, 'create node request failed']);
    assert.equal((await post(sim.url, '/api/v1/mining_nodes', body(DEMO_NODE_B_ID))).status, 200);
    assert.equal(sim.admin.clearFaults({ kind: 'unknown-node' }), 1);
    assert.equal((await post(sim.url, '/api/v1/mining_nodes', body(DEMO_NODE_A_ID))).status, 200);
  });

  it('refuses create, start and restart while foreign VMs keep running', async () => {
    sim.admin.addFault({ kind: 'foreign-vms' });
    assert.deepEqual((await c.call('/tasks/start', createSpec())).json, { errcode: -3, message: 'create task failed, please try again in a minute' });
    assert.deepEqual((await c.call(`/tasks/restart/${DEMO_TASK_ID}`)).json, { errcode: -3, message: 'restart task failed, please try again in a minute' });
    assert.deepEqual((await c.call(`/tasks/start/${DEMO_TASK_ID}`)).json, { errcode: -3, message: 'start task failed, please try again in a minute' });
    assert.equal((await c.call(`/tasks/stop/${DEMO_TASK_ID}`)).json.message, 'ok', 'other routes are unaffected');
  });

  it('never escapes GPU replies (the unescaped-json fault is kept but changes nothing): a quote in desc breaks create and list', async () => {
    sim.admin.addFault({ route: 'T1', kind: 'unescaped-json' });
    const r = await c.call('/tasks/start', createSpec({ desc: 'say "hi"' }));
    assert.deepEqual([r.status, r.json], [500, { errcode: -1, message: 'response parse error' }], 'the VM was created all the same');
    const list = await c.call('/tasks');
    assert.deepEqual([list.status, list.json.message], [500, 'response parse error']);
    sim.admin.clearFaults();
    assert.equal((await c.call('/tasks')).status, 500, 'until that VM is gone');
  });

  it('ends the next transition in its error status', async () => {
    sim.admin.addFault('T7=vm-error,count=1');
    assert.equal((await c.call(`/tasks/shutdown/${DEMO_TASK_ID}`)).json.message, 'ok');
    await waitFor(() => status(DEMO_TASK_ID), (s) => s === 'shutdown error', 5000);
    assert.equal((await c.call(`/tasks/shutdown/${DEMO_TASK_ID}`)).json.message, 'ok');
    await waitFor(() => status(DEMO_TASK_ID), (s) => s === 'closed', 5000);
  });

  it('adds latency, fires `count` times, and is managed over the admin API', async () => {
    const added = await post(sim.url, '/__sim/faults', { route: '*', kind: 'latency', ms: 120, count: 2 });
    assert.equal(added.json.added[0].remaining, 2);
    for (let i = 0; i < 2; i++) {
      const t = Date.now();
      await raw(sim.url, 'GET', '/api/v1/');
      assert.ok(Date.now() - t >= 110);
    }
    assert.deepEqual((await raw(sim.url, 'GET', '/__sim/faults')).json.faults, []);
    await post(sim.url, '/__sim/faults', { faults: ['T1=timeout', { route: 'T2', kind: 'timeout' }] });
    assert.equal((await raw(sim.url, 'GET', '/__sim/faults')).json.faults.length, 2);
    assert.deepEqual((await post(sim.url, '/__sim/faults/clear', {})).json, { cleared: 2 });
    assert.equal((await post(sim.url, '/__sim/faults', { kind: 'nope' })).status, 400);
  });

  it('parses the CLI syntax and rejects unknown kinds or routes', () => {
    assert.deepEqual(parseFaultFlag('T3=timeout-applied,count=1,node=ab'), { route: 'T3', kind: 'timeout-applied', count: 1, node: 'ab' });
    assert.deepEqual(parseFaultFlag('*=latency,ms=200'), { route: '*', kind: 'latency', ms: 200 });
    assert.throws(() => parseFaultFlag('T3=explode'), /unknown fault kind/);
    assert.throws(() => parseFaultFlag('T99=timeout'), /unknown route/);
  });
});

describe('sim: faults from options and scenario', () => {
  it('applies latency-ms and scenario faults from the start', async () => {
    const sim = await startSim({ latencyMs: 80, scenario: { ...demoScenario(), faults: ['nodes.info=unknown-node'] } });
    try {
      const t = Date.now();
      const r = await post(sim.url, '/api/v1/mining_nodes', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {} });
      assert.ok(Date.now() - t >= 75);
      assert.equal(r.json.message, 'create node request failed');
    } finally {
      await sim.close();
    }
  });
});
