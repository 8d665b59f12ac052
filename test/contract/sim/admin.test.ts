// The admin API under /__sim/ (state, counters, speed, advance, suspend, nodes) and the programmatic API.
import * as assert from 'node:assert/strict';
import { DEMO_NODE_A_ID, DEMO_TASK_ID } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { post, raw } from '../../support/simHttp';
import { demoSim, taskStatus } from './harness';

describe('sim: admin API', () => {
  const demo = demoSim();

  it('returns the whole state, passwords included', async () => {
    const r = await raw(demo.sim.url, 'GET', '/__sim/state');
    assert.equal(r.status, 200);
    const node = r.json.nodes.find((n: any) => n.node_id === DEMO_NODE_A_ID);
    const task = node.tasks.find((t: any) => t.task_id === DEMO_TASK_ID);
    const info = (await demo.c.call(`/tasks/${DEMO_TASK_ID}`)).json.message;
    assert.equal(task.login_password, info.login_password);
    assert.equal(task.status, 'running');
    assert.deepEqual(r.json.image_servers.map((s: any) => s.id), ['ID_1', 'ID_2']);
    assert.ok(Array.isArray(r.json.faults));
    assert.equal((await post(demo.sim.url, '/__sim/state', {})).status, 200);
  });

  it('counts requests per route and in total, and resets the counters', async () => {
    await post(demo.sim.url, '/__sim/reset-counters', {});
    await demo.c.call('/tasks');
    await demo.c.call('/tasks');
    await demo.c.call(`/tasks/${DEMO_TASK_ID}`);
    await raw(demo.sim.url, 'GET', '/api/v1/');
    await raw(demo.sim.url, 'POST', '/nowhere', '{}');
    const counters = (await raw(demo.sim.url, 'GET', '/__sim/counters')).json;
    assert.equal(counters.total, 5);
    assert.deepEqual([counters.routes.T1, counters.routes.T2, counters.routes.V, counters.routes.T3, counters.unrouted], [2, 1, 1, 0, 1]);
    const reset = (await post(demo.sim.url, '/__sim/reset-counters', {})).json;
    assert.equal(reset.total, 0);
    assert.equal(demo.sim.admin.counters().total, 0, 'admin calls are not counted');
  });

  it('changes the speed and advances time', async () => {
    assert.deepEqual((await post(demo.sim.url, '/__sim/speed', { speed: 250 })).json, { speed: 250 });
    assert.equal(demo.sim.clock.speed(), 250);
    assert.equal((await post(demo.sim.url, '/__sim/speed', { speed: -1 })).status, 400);
    await post(demo.sim.url, '/__sim/speed', { speed: 0 });
    await demo.c.call(`/tasks/stop/${DEMO_TASK_ID}`);
    assert.deepEqual((await post(demo.sim.url, '/__sim/advance', { ms: DURATIONS_MS.stop })).json, { advanced_ms: DURATIONS_MS.stop });
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'closed');
  });

  it('puts a guest to sleep', async () => {
    assert.deepEqual((await post(demo.sim.url, `/__sim/tasks/${DEMO_TASK_ID}/suspend`, {})).json, { status: 'pmsuspend' });
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'pmsuspend');
    assert.equal((await post(demo.sim.url, `/__sim/tasks/${DEMO_TASK_ID}/suspend`, {})).status, 400);
  });

  it('changes a machine\'s chain status and rent', async () => {
    assert.equal((await post(demo.sim.url, `/__sim/nodes/${DEMO_NODE_A_ID}`, { status: 'online' })).status, 200);
    assert.equal((await demo.c.call('/tasks')).json.message, 'check authority failed: machine is not be rented');
    assert.equal(await (async () => demo.sim.state.nodes.get(DEMO_NODE_A_ID)!.tasks.get(DEMO_TASK_ID)!.status)(), 'closed');
    await post(demo.sim.url, `/__sim/nodes/${DEMO_NODE_A_ID}`, { status: 'rented' });
    assert.equal((await demo.c.call('/tasks')).json.errcode, 0);
    await post(demo.sim.url, `/__sim/nodes/${DEMO_NODE_A_ID}`, { broadcasting: false });
    assert.equal((await demo.c.call('/tasks')).json.message, 'create node request failed');
    assert.equal((await post(demo.sim.url, '/__sim/nodes/ffff', {})).status, 404);
  });

  it('rejects unknown admin routes and bodies that are not objects', async () => {
    assert.equal((await post(demo.sim.url, '/__sim/nope', {})).status, 404);
    assert.equal((await post(demo.sim.url, '/__sim/speed', '[1]')).status, 400);
    assert.equal((await post(demo.sim.url, '/__sim/save', {})).status, 200);
  });
});
