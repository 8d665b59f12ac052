// T11 logs as the node writes and reads them (log.cpp, vm_client.cpp GetDomainLog): the line format,
// lines only on operations, query rules, head/tail, the byte cap that drops the NEWEST lines of a
// tail window (8192 source / 1024 seed), the unescaped reply, admin append.
import * as assert from 'node:assert/strict';
import { DEMO_TASK_ID, type RunningSimulator } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { post } from '../../support/simHttp';
import { caller, renterPair, startSim, type Caller } from './harness';

/** The quoted, comma-joined text the node builds: `"a","b"`. */
const bytes = (lines: string[]): number => lines.reduce((n, l) => n + Buffer.byteLength(l) + 2, 0) + Math.max(0, lines.length - 1);
const LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \| \w+ \| (info |error) {3}\| \w+\.cpp \| \d+ \| \w+ \| .+$/;

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

    it('appends lines through the admin API; a quote in a line breaks the reply as on the node', async () => {
      const r = await post(sim.url, `/__sim/tasks/${DEMO_TASK_ID}/log`, { lines: ['hello world', 'second'] });
      assert.deepEqual([r.status, r.json.appended], [200, 2]);
      assert.deepEqual((await logs()).slice(-2), ['hello world', 'second']);
      assert.equal((await post(sim.url, '/__sim/tasks/NoSuchTask/log', { lines: ['x'] })).status, 404);
      assert.equal((await post(sim.url, `/__sim/tasks/${DEMO_TASK_ID}/log`, { lines: 'x' })).status, 400);
      await append(['path C:\\data', 'say "hi"']);
      const broken = await c.call(`/tasks/logs/${DEMO_TASK_ID}?flag=tail&line_num=2`);
      assert.deepEqual([broken.status, broken.json], [500, { errcode: -1, message: 'response parse error' }]);
      const before = await c.call(`/tasks/logs/${DEMO_TASK_ID}?flag=tail&line_num=4`);
      assert.equal(before.status, 500, 'every window that holds the line fails');
      assert.deepEqual(await logs('?flag=head&line_num=2'), (await logs('?flag=head&line_num=3')).slice(0, 2), 'windows without it work');
    });

    it('applies the query rules: default tail 100, head/tail, >100 → 99, bad values rejected', async () => {
      await append(Array.from({ length: 150 }, (_, i) => `line ${i}`));
      const all = sim.state.nodes.values().next().value!.tasks.get(DEMO_TASK_ID)!.logs;
      assert.deepEqual(await logs(), all.slice(-100).slice(0, (await logs()).length), 'the window starts 100 lines back');
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

    it('stops before 8192 bytes, so a tail window loses its NEWEST lines', async () => {
      await append(Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(196)}`));
      const got = await logs('?flag=tail&line_num=100');
      assert.ok(bytes(got) < 8192);
      assert.equal(got.length, 40, '40 quoted lines of 200 bytes fit under 8192, 41 would not');
      assert.deepEqual([got[0]!.slice(0, 3), got.at(-1)!.slice(0, 3)], ['000', '039'], 'read forward from 100 lines back');
      assert.deepEqual((await logs('?flag=tail&line_num=10')).map((l) => l.slice(0, 3)), ['090', '091', '092', '093', '094', '095', '096', '097', '098', '099']);
    });

    it('writes the node\'s line format, only when something happens (no heartbeat)', async () => {
      const before = await logs('?flag=tail&line_num=100');
      for (const line of before) assert.match(line, LINE);
      assert.ok(before.some((l) => l.endsWith('| process_create_task | create task successful')), before.join('\n'));
      assert.ok(before.some((l) => /\| CreateDomain \| vnc port: 5901, password: \S{8}$/.test(l)));
      sim.admin.advance(600_000);
      assert.deepEqual(await logs('?flag=tail&line_num=100'), before, 'ten quiet minutes add nothing');
      await c.call(`/tasks/stop/${DEMO_TASK_ID}`);
      assert.deepEqual(await logs('?flag=tail&line_num=100'), before, 'the request itself writes nothing');
      sim.admin.advance(DURATIONS_MS.stop);
      const last = (await logs()).at(-1)!;
      assert.match(last, LINE);
      assert.match(last, new RegExp(`\\| ${DEMO_TASK_ID} \\| info    \\| TaskManager\\.cpp \\| 3136 \\| process_poweroff_task \\| poweroff task successful$`));
    });

    it('breaks a task list whose desc holds a quote: 500 response parse error', async () => {
      assert.equal((await c.call('/tasks')).json.errcode, 0);
      sim.state.nodes.values().next().value!.tasks.get(DEMO_TASK_ID)!.desc = 'my "best" vm';
      const r = await c.call('/tasks');
      assert.deepEqual([r.status, r.json], [500, { errcode: -1, message: 'response parse error' }]);
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
      assert.ok(tail[0]!.includes('|'), 'the window of 99 starts in the create lines; the newest are cut');
      assert.ok(!tail.some((l) => l.startsWith('49 ')));
    });
  });
});
