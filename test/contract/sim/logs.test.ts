// T11 logs (§7): query rules, head/tail, the byte cap (8192 source / 1024 seed), trickle, admin append.
import * as assert from 'node:assert/strict';
import { DEMO_TASK_ID, type RunningSimulator } from '../../../src/sim';
import { TRICKLE_MS } from '../../../src/sim/gpu/logs';
import { post } from '../../support/simHttp';
import { caller, renterPair, startSim, type Caller } from './harness';

const bytes = (lines: string[]): number => lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);

describe('sim: task logs', () => {
  let sim: RunningSimulator;
  let c: Caller;
  const append = (lines: string[]): Promise<unknown> => post(sim.url, `/__sim/tasks/${DEMO_TASK_ID}/log`, { lines });
  const logs = async (query = ''): Promise<string[]> => {
    const r = await c.call(`/tasks/logs/${DEMO_TASK_ID}${query}`);
    assert.equal(r.json.errcode, 0, r.text);
    assert.equal(r.json.message.task_id, DEMO_TASK_ID);
    return r.json.message.log_content;
  };

  describe('with the source cap (8192)', () => {
    beforeEach(async () => {
      sim = await startSim({ speed: 0 });
      c = caller(sim, renterPair());
    });
    afterEach(() => sim.close());

    it('appends lines through the admin API', async () => {
      const r = await post(sim.url, `/__sim/tasks/${DEMO_TASK_ID}/log`, { lines: ['hello "world"', 'second'] });
      assert.deepEqual([r.status, r.json.appended], [200, 2]);
      assert.deepEqual((await logs()).slice(-2), ['hello "world"', 'second']);
      assert.equal((await post(sim.url, '/__sim/tasks/NoSuchTask/log', { lines: ['x'] })).status, 404);
      assert.equal((await post(sim.url, `/__sim/tasks/${DEMO_TASK_ID}/log`, { lines: 'x' })).status, 400);
    });

    it('applies the query rules: default tail 100, head/tail, >100 → 99, bad values rejected', async () => {
      await append(Array.from({ length: 150 }, (_, i) => `line ${i}`));
      const all = sim.state.nodes.values().next().value!.tasks.get(DEMO_TASK_ID)!.logs;
      assert.deepEqual(await logs(), all.slice(-100));
      assert.deepEqual(await logs('?line_num=5'), all.slice(-100), 'line_num is ignored without flag');
      assert.deepEqual(await logs('?flag=head&line_num=3'), all.slice(0, 3));
      assert.deepEqual(await logs('?flag=tail&line_num=3'), ['line 147', 'line 148', 'line 149']);
      assert.equal((await logs('?flag=tail&line_num=500')).length, 99);
      assert.equal((await logs('?flag=tail&line_num=100')).length, 100);
      assert.equal((await logs('?flag=head')).length, 100);
      for (const q of ['?flag=tail&line_num=0', '?flag=head&line_num=abc', '?flag=tail&line_num=-4']) {
        const r = await c.call(`/tasks/logs/${DEMO_TASK_ID}${q}`);
        assert.deepEqual([r.status, r.json.errcode, r.json.message], [400, -25, 'invalid line num'], q);
      }
      const bad = await c.call(`/tasks/logs/${DEMO_TASK_ID}?flag=middle`);
      assert.deepEqual([bad.status, bad.json.message], [400, 'head_or_tail is invalid"']);
    });

    it('stops collecting before 8192 bytes', async () => {
      await append(Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(196)}`));
      const got = await logs('?flag=tail&line_num=100');
      assert.ok(bytes(got) < 8192);
      assert.equal(got.length, 40, '40 lines of 201 bytes fit under 8192, 41 would not');
      assert.ok(got[got.length - 1].startsWith('099 '), 'tail keeps the newest lines');
    });

    it('adds lines as the VM changes state and a heartbeat while it runs', async () => {
      const before = (await logs('?flag=tail&line_num=100')).length;
      sim.admin.advance(TRICKLE_MS * 3);
      const after = await logs('?flag=tail&line_num=100');
      assert.equal(after.length, before + 3);
      assert.match(after[after.length - 1], /heartbeat: domain \S+ running/);
      await c.call(`/tasks/stop/${DEMO_TASK_ID}`);
      assert.match((await logs()).at(-1)!, /stop task .* begin/);
    });

    it('answers task not exist for unknown ids', async () => {
      const r = await c.call('/tasks/logs/NoSuchTask');
      assert.deepEqual(r.json, { errcode: 1, message: 'task not exist' });
    });
  });

  describe('with the seed cap (1024)', () => {
    before(async () => {
      sim = await startSim({ speed: 0, logCap: 1024 });
      c = caller(sim, renterPair());
    });
    after(() => sim.close());

    it('stops collecting before 1024 bytes', async () => {
      await append(Array.from({ length: 50 }, (_, i) => `${i} ${'y'.repeat(97)}`));
      const head = await logs('?flag=head&line_num=99');
      const tail = await logs('?flag=tail&line_num=99');
      for (const got of [head, tail]) {
        assert.ok(bytes(got) < 1024, String(bytes(got)));
        assert.ok(got.length >= 5);
      }
      assert.ok(tail.at(-1)!.startsWith('49 '));
    });
  });
});
