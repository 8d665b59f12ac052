// The RefreshScheduler with a fake clock: nothing while hidden, background and transitional cadences,
// the concurrency cap (and the 50-node benchmark shape), debouncing, re-runs, back-off, cancellation.
import * as assert from 'assert';
import { RefreshScheduler, refreshLane, type RefreshOutcome, type SchedulerOptions } from '../../../src/tree/model/refreshScheduler';
import { FakeClock, flush } from './support/fakeClock';

const OPTIONS: SchedulerOptions = { concurrency: 8, backgroundMs: 60_000, transitionalMs: 5_000, debounceMs: 250, maxBackoffMs: 600_000 };

function harness(opts: Partial<SchedulerOptions> = {}, latencyMs = 300, outcome: (key: string) => RefreshOutcome = () => 'stable') {
  const clock = new FakeClock();
  const runs: { key: string; at: number }[] = [];
  const signals = new Map<string, AbortSignal>();
  let inFlight = 0;
  let maxInFlight = 0;
  const scheduler = new RefreshScheduler((key, signal) => {
    runs.push({ key, at: clock.now() });
    signals.set(key, signal);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) => clock.setTimeout(() => {
      inFlight--;
      resolve(outcome(key));
    }, latencyMs));
  }, { ...OPTIONS, ...opts }, clock);
  const count = (key?: string) => runs.filter((r) => key === undefined || r.key === key).length;
  return { clock, scheduler, runs, signals, count, maxInFlight: () => maxInFlight };
}

describe('RefreshScheduler', () => {
  it('makes no request at all while the view is hidden', async () => {
    const h = harness();
    h.scheduler.setKeys(['a', 'b']);
    await h.clock.advance(30 * 60_000);
    assert.strictEqual(h.count(), 0);
    assert.strictEqual(h.clock.pendingTimers, 0);
  });

  it('fetches every key when the view becomes visible, then every backgroundMs', async () => {
    const h = harness();
    h.scheduler.setKeys(['a', 'b']);
    h.scheduler.setVisible(true);
    await h.clock.advance(300);
    assert.strictEqual(h.count(), 2);
    await h.clock.advance(59_000);
    assert.strictEqual(h.count(), 2, 'nothing before the background interval');
    await h.clock.advance(1_000);
    assert.strictEqual(h.count(), 4);
    h.scheduler.setVisible(false);
    await h.clock.advance(10 * 60_000);
    assert.strictEqual(h.count(), 4, 'hidden again: no more requests');
  });

  it('polls fast only the keys with something transitioning', async () => {
    const h = harness({}, 100, (key) => (key === 'busy' ? 'transitional' : 'stable'));
    h.scheduler.setKeys(['busy', 'calm']);
    h.scheduler.setVisible(true);
    await h.clock.advance(60_000);
    assert.ok(h.count('busy') >= 11 && h.count('busy') <= 12, `busy ran ${h.count('busy')} times in a minute`);
    assert.strictEqual(h.count('calm'), 1);
  });

  it('keeps at most `concurrency` requests in flight, so 50 nodes × 300 ms take 7 rounds, not 50', async () => {
    const h = harness({ concurrency: 8 }, 300);
    h.scheduler.setKeys(Array.from({ length: 50 }, (_, i) => `n${i}`));
    let done = false;
    void h.scheduler.refresh(undefined, { immediate: true }).then(() => (done = true));
    await h.clock.advance(2_099);
    assert.strictEqual(done, false);
    await h.clock.advance(1);
    assert.strictEqual(done, true, 'all 50 done after ceil(50/8) × 300 ms = 2100 ms');
    assert.strictEqual(h.maxInFlight(), 8);
    assert.strictEqual(h.count(), 50, 'exactly one request per node');
  });

  it('debounces a burst of refresh requests into one run per key', async () => {
    const h = harness();
    h.scheduler.setKeys(['a', 'b']);
    for (let i = 0; i < 5; i++) {
      void h.scheduler.refresh(['a']);
      await h.clock.advance(40);
    }
    void h.scheduler.refresh(['a', 'b']);
    await h.clock.advance(1_000);
    assert.strictEqual(h.count('a'), 1);
    assert.strictEqual(h.count('b'), 1);
  });

  it('runs once more when asked during a run, and resolves the waiter after that run', async () => {
    const h = harness({}, 300);
    h.scheduler.setKeys(['a']);
    void h.scheduler.refresh(['a'], { immediate: true });
    await h.clock.advance(100);
    let resolved = false;
    void h.scheduler.refresh(['a'], { immediate: true }).then(() => (resolved = true));
    void h.scheduler.refresh(['a'], { immediate: true });
    await h.clock.advance(200);
    assert.strictEqual(resolved, false, 'the first run started before the request');
    await h.clock.advance(300);
    assert.strictEqual(resolved, true);
    assert.strictEqual(h.count('a'), 2, 'two requests during a run make one extra run');
  });

  it('backs off exponentially after failures', async () => {
    const h = harness({}, 0, () => 'error');
    h.scheduler.setKeys(['a']);
    h.scheduler.setVisible(true);
    await h.clock.advance(0);
    const at = () => h.runs.map((r) => r.at);
    await h.clock.advance(60_000 + 120_000 + 240_000);
    assert.deepStrictEqual(at(), [0, 60_000, 180_000, 420_000]);
    assert.strictEqual(h.scheduler.outcome('a'), 'error');
  });

  it('stops background refresh when backgroundMs is 0 but still honours explicit refreshes', async () => {
    const h = harness({ backgroundMs: 0 });
    h.scheduler.setKeys(['a']);
    h.scheduler.setVisible(true);
    await h.clock.advance(10 * 60_000);
    assert.strictEqual(h.count(), 1);
    let done = false;
    void h.scheduler.refresh(['a'], { immediate: true }).then(() => (done = true));
    await h.clock.advance(300);
    assert.strictEqual(done, true);
    assert.strictEqual(h.count(), 2);
  });

  it('aborts a removed key and resolves its waiters', async () => {
    const h = harness({}, 1_000);
    h.scheduler.setKeys(['a']);
    const done = h.scheduler.refresh(['a'], { immediate: true });
    await h.clock.advance(10);
    h.scheduler.setKeys([]);
    assert.strictEqual(h.signals.get('a')?.aborted, true);
    await done;
  });

  it('reports idle only when nothing is queued or running', async () => {
    const h = harness({ concurrency: 1 }, 300);
    h.scheduler.setKeys(['a', 'b']);
    void h.scheduler.refresh(undefined, { immediate: true });
    let idle = false;
    void h.scheduler.idle().then(() => (idle = true));
    await h.clock.advance(300);
    assert.strictEqual(idle, false);
    await h.clock.advance(300);
    await flush();
    assert.strictEqual(idle, true);
    assert.strictEqual(h.scheduler.stats.runs, 2);
  });

  it('counts requests so a benchmark can compare hidden and visible minutes', async () => {
    const h = harness({ backgroundMs: 60_000 }, 300);
    h.scheduler.setKeys(Array.from({ length: 50 }, (_, i) => `n${i}`));
    await h.clock.advance(60_000);
    const hidden = h.scheduler.stats.runs;
    h.scheduler.setVisible(true);
    await h.clock.advance(60_000);
    assert.strictEqual(hidden, 0);
    assert.strictEqual(h.scheduler.stats.runs, 50, 'one request per node per background minute');
  });

  describe('lanes per client node, adaptive cap', () => {
    const EP = 'http://127.0.0.1:5002';
    const node = (i: number) => `node:${EP}|${i.toString(16).padStart(64, '0')}`;

    function laned(opts: Partial<SchedulerOptions>, latency: (key: string) => number, outcome: (key: string) => RefreshOutcome = () => 'stable', priority?: (key: string) => number) {
      const clock = new FakeClock();
      const started: string[] = [];
      const scheduler = new RefreshScheduler((key) => {
        started.push(key);
        return new Promise((resolve) => clock.setTimeout(() => resolve(outcome(key)), latency(key)));
      }, { ...OPTIONS, ...opts }, clock, { lanes: refreshLane, ...(priority ? { priority } : {}) });
      return { clock, scheduler, started };
    }

    it('the endpoint\'s own request never waits behind its nodes', async () => {
      const h = laned({ concurrency: 2 }, () => 300);
      const keys = [...Array.from({ length: 6 }, (_, i) => node(i)), `ep:${EP}`];
      h.scheduler.setKeys(keys);
      void h.scheduler.refresh(undefined, { immediate: true });
      await flush();
      assert.deepStrictEqual(h.started.length, 3, 'two nodes and the endpoint at once');
      assert.ok(h.started.includes(`ep:${EP}`));
    });

    it('grows the cap while jobs end in about one round trip, up to maxConcurrency, and halves it on a timeout', async () => {
      let slow = false;
      const h = laned({ concurrency: 4, maxConcurrency: 10 }, () => 300, () => (slow ? 'timeout' : 'stable'));
      h.scheduler.setKeys(Array.from({ length: 20 }, (_, i) => node(i)));
      await Promise.all([h.scheduler.refresh(undefined, { immediate: true }), h.clock.advance(5_000)]);
      assert.strictEqual(h.scheduler.laneCap(EP), 10);
      slow = true;
      await Promise.all([h.scheduler.refresh([node(0)], { immediate: true }), h.clock.advance(1_000)]);
      assert.strictEqual(h.scheduler.laneCap(EP), 5);
    });

    it('does not grow the cap when jobs take much longer than the fastest', async () => {
      let n = 0;
      const h = laned({ concurrency: 2, maxConcurrency: 10 }, () => (n++ === 0 ? 100 : 1_000));
      h.scheduler.setKeys(Array.from({ length: 6 }, (_, i) => node(i)));
      await Promise.all([h.scheduler.refresh(undefined, { immediate: true }), h.clock.advance(10_000)]);
      assert.strictEqual(h.scheduler.laneCap(EP), 3, 'only the fast first job counted');
    });

    it('starts a first wave of four times the first cap (at most maxConcurrency), then adapts from the first cap', async () => {
      const h = laned({ concurrency: 16, maxConcurrency: 64 }, (key) => (key === node(0) ? 100 : 300));
      h.scheduler.setKeys(Array.from({ length: 100 }, (_, i) => node(i)));
      const done = h.scheduler.refresh(undefined, { immediate: true });
      await flush();
      assert.strictEqual(h.started.length, 64, 'one round trip for a first look at 64 nodes');
      await h.clock.advance(100);
      assert.strictEqual(h.scheduler.laneCap(EP), 17, 'after the first wave: the first cap, grown by the fast job');
      assert.strictEqual(h.started.length, 64, 'nothing more while 63 are in flight');
      await Promise.all([done, h.clock.advance(2_000)]);
      assert.strictEqual(h.started.length, 100);
      const small = laned({ concurrency: 2, maxConcurrency: 64 }, () => 300);
      small.scheduler.setKeys(Array.from({ length: 20 }, (_, i) => node(i)));
      void small.scheduler.refresh(undefined, { immediate: true });
      await flush();
      assert.strictEqual(small.started.length, 8, 'a lower first cap keeps the first wave small');
    });

    it('starts expanded nodes first', async () => {
      const expanded = node(5);
      const h = laned({ concurrency: 1 }, () => 300, () => 'stable', (key) => (key === expanded ? 0 : 1));
      h.scheduler.setKeys(Array.from({ length: 6 }, (_, i) => node(i)));
      void h.scheduler.refresh(undefined, { immediate: true });
      await flush();
      assert.deepStrictEqual(h.started, [expanded]);
    });
  });
});
