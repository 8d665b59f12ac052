import * as assert from 'node:assert/strict';
import { GpuNodeError } from '../../../../src/api/errors';
import { followLog, goneAfterCheck, type FollowEvent } from '../../../../src/core/logFollower';
import { OLD_NODE_CAPS } from '../../../../src/core/logWindow';
import { SimulatedLog } from './simulatedLog';

/** Follows `log` for `polls` delays; `between(i)` runs before poll i. */
async function run(log: SimulatedLog, polls: number, between: (i: number) => void = () => undefined) {
  const controller = new AbortController();
  const events: FollowEvent[] = [];
  const requests: number[] = [];
  const delays: number[] = [];
  let poll = 0;
  await followLog({
    signal: controller.signal,
    caps: OLD_NODE_CAPS,
    fetchWindow: async (n) => {
      requests.push(n);
      return log.window(n, { maxLines: 100, maxBytes: 1024 }).map((l) => l.text);
    },
    onEvent: (e) => events.push(e),
    sleep: async (ms) => {
      delays.push(ms);
      if (++poll >= polls) controller.abort();
      else between(poll);
    },
  });
  const markers = events.flatMap((e) => (e.gap ? [e.gap] : []));
  return { printed: events.flatMap((e) => e.lines), gaps: markers.length, markers, requests, delays };
}

describe('logFollower', () => {
  it('walks to the end of a log the byte cap cuts, at once, without printing a line twice', async () => {
    const log = new SimulatedLog(true);
    log.append(Array.from({ length: 80 }, () => 'x'.repeat(40)));
    const r = await run(log, 1);
    assert.deepEqual(r.printed, log.lines.map((l) => l.text));
    assert.ok(r.requests.length > 1 && r.requests.length < 10, `requests: ${r.requests.join(',')}`);
    assert.equal(r.delays.length, 1, 'one delay, after reaching the end');
  });

  it('prints only the lines appended between polls, and waits longer while the log is idle', async () => {
    const log = new SimulatedLog(true);
    log.append(['a', 'b']);
    const r = await run(log, 5, (i) => (i === 1 ? log.append(['c']) : undefined));
    assert.deepEqual(r.printed, ['#0 a', '#1 b', '#2 c']);
    assert.ok(r.delays[2]! > r.delays[1]!, `delays: ${r.delays.join(',')}`);
  });

  it('marks a gap when more lines arrived than a window holds', async () => {
    const log = new SimulatedLog(true);
    log.append(['a']);
    const r = await run(log, 2, () => log.append(Array.from({ length: 150 }, () => 'y')));
    assert.equal(r.gaps, 1);
    assert.equal(new Set(r.printed).size, r.printed.length);
  });

  it('a line the node cannot send: says so once, shows the lines after it, prints nothing twice', async () => {
    const log = new SimulatedLog(false, true);
    log.append(['boot 1', 'boot 2', 'user said "hi"', 'after 1', 'after 2']);
    const r = await run(log, 3, (i) => (i === 1 ? log.append(['after 3']) : undefined));
    assert.deepEqual(r.printed, ['after 1', 'after 2', 'after 3']);
    assert.equal(r.markers.length, 1);
    assert.equal(r.markers[0]!.kind, 'blocked');
    assert.match(r.markers[0]!.label.message, /cannot send/);
  });

  it('a line the node cannot send further back: the lines before it that were printed stay, the new ones after it come', async () => {
    const log = new SimulatedLog(false, true);
    log.append(['one', 'two']);
    const r = await run(log, 3, (i) => (i === 1 ? log.append(['C:\\path', 'three', 'four']) : undefined));
    assert.deepEqual(r.printed, ['one', 'two', 'three', 'four']);
    assert.deepEqual(r.markers.map((m) => m.kind), ['blocked']);
  });

  it('the newest lines cut by the byte cap: caught up at once, nothing printed twice', async () => {
    const log = new SimulatedLog(true);
    log.append(['start']);
    const r = await run(log, 2, () => log.append(Array.from({ length: 30 }, (_, i) => `${'y'.repeat(60)} ${i}`)));
    assert.deepEqual(r.printed, log.lines.map((l) => l.text));
    assert.equal(r.gaps, 0);
  });

  it('backs off while idle to 8 s at most', async () => {
    const log = new SimulatedLog(true);
    log.append(['a']);
    const r = await run(log, 6);
    assert.deepEqual(r.delays, [2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('stops when the VM is gone, retries after other failures', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const end = await followLog({
      fetchWindow: async () => {
        calls++;
        throw new Error(calls < 3 ? 'timeout' : 'task not exist');
      },
      onEvent: () => assert.fail('no lines'),
      isGone: (e) => (e as Error).message === 'task not exist',
      onError: (e) => void errors.push(e),
      sleep: async () => undefined,
    });
    assert.equal(end, 'gone');
    assert.equal(errors.length, 2);
  });

  it('rethrows a failure when onError does', async () => {
    await assert.rejects(followLog({
      fetchWindow: async () => { throw new Error('check authority failed'); },
      onEvent: () => undefined,
      onError: (e) => { throw e; },
    }), /authority/);
  });

  it('takes a VM for gone only when task info also says "not exist"', async () => {
    const notExist = new GpuNodeError('tasks.logs', 1, 'task not exist');
    const fails = (e: unknown) => async () => { throw e; };
    assert.equal(await goneAfterCheck(notExist, fails(new GpuNodeError('tasks.info', 1, 'task not exist'))), true);
    assert.equal(await goneAfterCheck(notExist, async () => ({})), false, 'the task is there: its log is not yet');
    assert.equal(await goneAfterCheck(notExist, fails(new Error('timeout'))), false);
    assert.equal(await goneAfterCheck(new Error('timeout'), () => assert.fail('no task info asked')), false);
  });
});
