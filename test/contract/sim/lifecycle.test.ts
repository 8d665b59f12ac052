// The task state machine (§9) and the node's one task worker per GPU node (TaskManager.cpp
// process_task_thread_func), driven deterministically: a frozen clock (speed 0) moved by admin.advance().
import * as assert from 'node:assert/strict';
import { DEMO_NODE_A_ID, DEMO_TASK_ID } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { newTaskId } from '../../../src/sim/ids';
import { demoSim, createSpec, taskStatus, waitStatus } from './harness';

describe('sim: task state machine', () => {
  const demo = demoSim();

  const act = async (verb: string, id: string, query = ''): Promise<string> => {
    const r = await demo.c.call(`/tasks/${verb}/${id}${query}`);
    return r.json.errcode === 0 ? String(r.json.message) : `${String(r.json.errcode)} ${String(r.json.message)}`;
  };
  const create = async (): Promise<string> => {
    const r = await demo.c.call('/tasks/start', createSpec());
    assert.equal(r.json.errcode, 0, r.text);
    return String(r.json.message.task_id);
  };

  it('creates: replies `creating` at once, defines and starts the domain at once, then waits for the IP', async () => {
    const r = await demo.c.call('/tasks/start', createSpec({ desc: 'train-1' }));
    assert.equal(r.json.errcode, 0);
    const msg = r.json.message;
    assert.deepEqual(Object.keys(msg), ['task_id', 'create_time', 'desc', 'status']);
    assert.match(msg.task_id, /^[1-9A-HJ-NP-Za-km-z]{14,22}$/);
    assert.match(msg.create_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.deepEqual([msg.desc, msg.status], ['train-1', 'creating']);
    assert.equal(await act('start', msg.task_id), '1 task is running', 'the domain runs while the node waits for its IP');
    demo.sim.admin.advance(DURATIONS_MS.create - 1);
    assert.equal(await taskStatus(demo.c, msg.task_id), 'creating');
    demo.sim.admin.advance(1);
    assert.equal(await taskStatus(demo.c, msg.task_id), 'running');
  });

  it('runs every operation of a node on one worker, in order: a create holds the next ones', async () => {
    const first = await create();
    const second = await demo.c.call('/tasks/start', createSpec({ ssh_port: '31023', vnc_port: '5991' }));
    const queued = String(second.json.message.task_id);
    assert.equal(await act('stop', queued), '1 task not exist', 'no domain until the worker reaches it');
    assert.equal(await act('stop', DEMO_TASK_ID), 'ok');
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'being poweroff');
    demo.sim.admin.advance(DURATIONS_MS.create);
    assert.deepEqual([await taskStatus(demo.c, first), await taskStatus(demo.c, queued), await taskStatus(demo.c, DEMO_TASK_ID)],
      ['running', 'creating', 'being poweroff'], 'the second create now holds the stop');
    assert.equal(await act('stop', queued), 'ok', 'its domain is defined now');
    demo.sim.admin.advance(DURATIONS_MS.create);
    assert.equal(await taskStatus(demo.c, queued), 'being poweroff', 'its create ended, its own stop waits behind the other one');
    demo.sim.admin.advance(DURATIONS_MS.stop);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'closed');
    demo.sim.admin.advance(DURATIONS_MS.stop);
    assert.equal(await taskStatus(demo.c, queued), 'closed');
  });

  it('generates task ids of 19 to 22 characters (never assume 22)', () => {
    const lengths = new Set(Array.from({ length: 2000 }, () => newTaskId().length));
    assert.ok(lengths.has(22) && lengths.has(21) && lengths.has(19), [...lengths].join(','));
    assert.ok(!lengths.has(20));
  });

  it('stops, starts, shuts down, restarts and resets through the transitional statuses', async () => {
    const id = DEMO_TASK_ID;
    const steps: [string, string, string, number][] = [
      ['stop', 'being poweroff', 'closed', DURATIONS_MS.stop],
      ['start', 'starting', 'running', DURATIONS_MS.start],
      ['poweroff', 'being poweroff', 'closed', DURATIONS_MS.stop],
      ['restart', 'restarting', 'running', DURATIONS_MS.restart],
      ['shutdown', 'being shutdown', 'closed', DURATIONS_MS.shutdown],
      ['start', 'starting', 'running', DURATIONS_MS.start],
      ['reset', 'resetting', 'running', DURATIONS_MS.reset],
      ['restart', 'restarting', 'running', DURATIONS_MS.restart],
    ];
    for (const [verb, busy, done, ms] of steps) {
      assert.equal(await act(verb, id), 'ok', verb);
      assert.equal(await taskStatus(demo.c, id), busy, verb);
      demo.sim.admin.advance(ms - 1);
      assert.equal(await taskStatus(demo.c, id), busy, `${verb} not done early`);
      demo.sim.admin.advance(1);
      assert.equal(await taskStatus(demo.c, id), done, verb);
    }
  });

  it('answers `task is <vm-state>` when the action does not fit the domain state', async () => {
    const id = DEMO_TASK_ID;
    assert.equal(await act('start', id), '1 task is running');
    await act('stop', id);
    demo.sim.admin.advance(DURATIONS_MS.stop);
    for (const verb of ['stop', 'poweroff', 'shutdown', 'reset']) assert.equal(await act(verb, id), '1 task is shut_off', verb);
    assert.equal(await act('start', 'NoSuchTask000000000000'), '1 task not exist');
  });

  it('takes 3 s longer for a forced reboot, and parses force_reboot like the node', async () => {
    assert.equal(await act('restart', DEMO_TASK_ID, '?force_reboot=1'), 'ok');
    demo.sim.admin.advance(DURATIONS_MS.restart);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'restarting');
    demo.sim.admin.advance(3_000);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'running');
    assert.equal(await act('restart', DEMO_TASK_ID, '?force_reboot=false'), 'ok');
    demo.sim.admin.advance(DURATIONS_MS.restart);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'running');
  });

  it('wakes a sleeping guest with start; restart refuses it', async () => {
    demo.sim.admin.suspend(DEMO_TASK_ID);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'pmsuspend');
    assert.equal(await act('restart', DEMO_TASK_ID), '1 task is suspended');
    assert.equal(await act('start', DEMO_TASK_ID), 'ok');
    demo.sim.admin.advance(2_000);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'running');
  });

  it('deletes: `deleting`, then gone from list, info and logs', async () => {
    const id = await create();
    demo.sim.admin.advance(DURATIONS_MS.create);
    assert.equal(await act('delete', id), 'ok');
    assert.equal(await taskStatus(demo.c, id), 'deleting');
    demo.sim.admin.advance(DURATIONS_MS.delete);
    assert.equal(await taskStatus(demo.c, id), 'errcode -3: task_id not exist');
    const list = await demo.c.call('/tasks');
    assert.ok(!list.json.message.some((t: any) => t.task_id === id));
    assert.equal(await act('start', id), '1 task not exist');
    assert.deepEqual((await demo.c.call(`/tasks/logs/${id}`)).json, { errcode: 1, message: 'task not exist' });
  });

  it('ends a create whose VM gets no IP in `create error` with a shut-off domain: start, restart and delete work', async () => {
    demo.sim.admin.addFault('T3=vm-error,count=1');
    const id = await create();
    demo.sim.admin.advance(DURATIONS_MS.create);
    assert.equal(await taskStatus(demo.c, id), 'create error');
    const lines: string[] = (await demo.c.call(`/tasks/logs/${id}`)).json.message.log_content;
    assert.deepEqual(lines.slice(-2).map((l) => l.split(' | ').pop()), ['get domain local ip failed', 'create task failed']);
    assert.equal(await act('stop', id), '1 task is shut_off');
    assert.equal(await act('restart', id), 'ok');
    demo.sim.admin.advance(DURATIONS_MS.restart);
    assert.equal(await taskStatus(demo.c, id), 'running');
    assert.equal(await act('delete', id), 'ok');
  });

  it('leaves no domain when defining it failed: delete then answers `task not exist`', async () => {
    const r = await demo.c.call('/tasks/start', createSpec({ network_filters: ['sideways,tcp,22,0.0.0.0/0,accept'] }));
    const id = String(r.json.message.task_id);
    assert.equal(await taskStatus(demo.c, id), 'create error');
    assert.equal(await act('start', id), '1 task not exist');
    assert.equal(await act('delete', id), '1 task not exist');
  });

  it('runs the same transitions on wall-clock time when sped up', async () => {
    demo.sim.admin.setSpeed(2000);
    const id = await create();
    await waitStatus(demo.c, id, 'running');
    assert.equal(await act('stop', id), 'ok');
    await waitStatus(demo.c, id, 'closed');
    assert.equal(demo.sim.state.nodes.get(DEMO_NODE_A_ID)?.tasks.get(id)?.vm, 'shut_off');
  });
});
