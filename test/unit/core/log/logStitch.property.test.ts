import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { sanitizeLogLine } from '../../../../src/core/logWindow';
import { Follower, follow, type FollowRun, type PollRecord, type Step } from './follow';
import { type SimCaps, SimulatedLog } from './simulatedLog';

// Lines with many repeats (a few frequent texts, the empty line included) plus some random ones.
const repeatingLine = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('tick', 'ok', '', 'GPU 0: 100%') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const anyLine = fc.string({ maxLength: 60 });

const capsArb: fc.Arbitrary<SimCaps> = fc.record({
  maxLines: fc.integer({ min: 1, max: 30 }),
  maxBytes: fc.integer({ min: 8, max: 400 }),
  cuts: fc.constantFrom('newest' as const, 'oldest' as const),
});

/** Real caps: 100 lines, 1 KiB (old nodes) or 8 KiB (current nodes). */
const realCapsArb: fc.Arbitrary<SimCaps> = fc.record({
  maxLines: fc.constant(100),
  maxBytes: fc.constantFrom(1024, 8192),
  cuts: fc.constantFrom('newest' as const, 'oldest' as const),
});

function stepsArb(line: fc.Arbitrary<string>, maxAppend: number, requested: fc.Arbitrary<number>, restarts = true): fc.Arbitrary<Step[]> {
  const append = fc.record({ kind: fc.constant('append' as const), lines: fc.array(line, { maxLength: maxAppend }), requested });
  const restart = fc.record({ kind: fc.constant('restart' as const), lines: fc.array(line, { maxLength: 8 }), requested });
  const step = restarts ? fc.oneof({ weight: 12, arbitrary: append }, { weight: 1, arbitrary: restart }) : append;
  return fc.array(step, { minLength: 1, maxLength: 25 });
}

/** Scenario: caps, then steps whose requested line count is the caps' line count (a steady follower). */
const steady = (line: fc.Arbitrary<string>, caps = capsArb, restarts = true): fc.Arbitrary<[SimCaps, Step[]]> =>
  caps.chain((c) => fc.tuple(fc.constant(c), stepsArb(line, c.maxLines + 5, fc.constant(c.maxLines), restarts)));

/** Scenario: the requested line count changes from poll to poll (e.g. catch-up requests). */
const varying = (line: fc.Arbitrary<string>): fc.Arbitrary<[SimCaps, Step[]]> =>
  capsArb.chain((c) => fc.tuple(fc.constant(c), stepsArb(line, c.maxLines + 5, fc.integer({ min: 1, max: c.maxLines + 3 }))));

function assertEachOnce(ids: readonly number[]): void {
  assert.equal(new Set(ids).size, ids.length, `a line emitted twice: ${ids.join(',')}`);
}

function assertNoDuplicates(run: FollowRun): void {
  for (let i = 1; i < run.emitted.length; i++) {
    assert.ok(run.emitted[i]! > run.emitted[i - 1]!, `line #${run.emitted[i]} emitted out of order or twice`);
  }
}

// DBC_FC_RUNS raises the number of generated cases for a longer local run.
const RUNS = { numRuns: Number(process.env.DBC_FC_RUNS ?? 300) };

describe('logStitch (property tests over simulated node logs)', () => {
  it('with distinct lines, steady: every line any window showed is emitted exactly once, in order', () => {
    fc.assert(fc.property(steady(anyLine), ([caps, steps]) => {
      const run = follow(steps, caps, true);
      assertNoDuplicates(run);
      const shown = new Set(run.polls.flatMap((p) => p.window.map((l) => l.id)));
      assert.deepEqual(run.emitted, [...shown].sort((a, b) => a - b));
    }), RUNS);
  });

  // A grown request can return a window that lies wholly before the lines emitted since the last gap
  // marker (current nodes cut the newest lines). The stitcher cannot tell it from a window past a gap: it
  // is shown behind a gap marker (or, with repeats, may match by coincidence), its lines can come again,
  // and the run is off from then on. The properties below hold up to that point; the adaptive line count
  // (nextLineCount, tested further down) keeps it from happening.
  const wholeBefore = (p: PollRecord): boolean => p.grew && p.beforeRun;
  const untilWholeBefore = (polls: PollRecord[]): PollRecord[] => {
    const i = polls.findIndex(wholeBefore);
    return i < 0 ? polls : polls.slice(0, i);
  };

  it('with distinct lines, varying requests: a gap marker exactly when a window shares no line with the current run', () => {
    fc.assert(fc.property(varying(anyLine), ([caps, steps]) => {
      for (const p of untilWholeBefore(follow(steps, caps, true).polls)) {
        const proven = p.first || p.window.length === 0 || p.sharedWithRun > 0;
        assert.equal(p.result.gap === undefined, proven);
        if (proven) assert.ok(p.exact, `appended ${p.freshIds.join(',')}`);
        else assert.deepEqual(p.freshIds, p.window.map((l) => l.id));
      }
    }), RUNS);
  });

  it('with distinct lines, varying requests: no line repeats before a grown window lies wholly before the run', () => {
    fc.assert(fc.property(varying(anyLine), ([caps, steps]) => {
      assertEachOnce(untilWholeBefore(follow(steps, caps, true).polls).flatMap((p) => p.freshIds));
    }), RUNS);
  });

  it('with distinct lines, varying requests: a shown line is missing only behind a gap marker', () => {
    fc.assert(fc.property(varying(anyLine), ([caps, steps]) => {
      const run = follow(steps, caps, true);
      const covered: [number, number][] = [];
      let last = -1;
      for (const p of run.polls) {
        if (p.result.gap) covered.push([last, p.window[0]!.id]);
        if (p.freshIds.length > 0) last = Math.max(last, ...p.freshIds);
      }
      const first = run.emitted[0] ?? 0;
      const emitted = new Set(run.emitted);
      for (const id of new Set(run.polls.flatMap((p) => p.window.map((l) => l.id)))) {
        if (id < first || emitted.has(id)) continue;
        assert.ok(covered.some(([a, b]) => id > a && id < b), `line #${id} was shown but never emitted`);
      }
    }), RUNS);
  });

  it('with distinct lines and overlapping windows: the stitched output equals the true log', () => {
    // At most maxLines - 1 new lines between polls and a byte cap no line reaches: windows always overlap.
    const scenario = fc.integer({ min: 2, max: 30 }).chain((maxLines) => fc.tuple(
      fc.constant<SimCaps>({ maxLines, maxBytes: 100_000, cuts: 'oldest' }),
      stepsArb(anyLine, maxLines - 1, fc.constant(maxLines), false),
    ));
    fc.assert(fc.property(scenario, ([caps, steps]) => {
      const run = follow(steps, caps, true);
      const firstId = run.polls.find((p) => p.window.length > 0)?.window[0]?.id ?? 0;
      assert.deepEqual(run.emitted, run.log.lines.map((l) => l.id).filter((id) => id >= firstId));
      assert.ok(run.polls.every((p) => p.result.gap === undefined));
    }), RUNS);
  });

  it('with many repeats and a steady follower: never duplicates a line', () => {
    fc.assert(fc.property(steady(repeatingLine), ([caps, steps]) => {
      assertNoDuplicates(follow(steps, caps));
    }), RUNS);
  });

  it('with many repeats and real caps (100 lines, 1 KiB or 8 KiB): never duplicates a line', () => {
    const longish = fc.oneof({ weight: 4, arbitrary: repeatingLine }, { weight: 1, arbitrary: fc.string({ minLength: 50, maxLength: 200 }) });
    fc.assert(fc.property(steady(longish, realCapsArb), ([caps, steps]) => {
      assertNoDuplicates(follow(steps, caps));
    }), { numRuns: 100 });
  });

  it('with many repeats: exact whenever the windows overlap and no other placement matched', () => {
    fc.assert(fc.property(steady(repeatingLine), ([caps, steps]) => {
      for (const p of follow(steps, caps).polls) {
        if (p.first || p.known === 0 || p.result.ambiguous) continue;
        assert.ok(p.exact, `overlap ${p.result.overlap}, truly known ${p.known}`);
        assert.equal(p.result.gap, undefined);
      }
    }), RUNS);
  });

  it('with many repeats: overlapping windows never produce a gap marker; lossy steps are only ambiguous ones', () => {
    fc.assert(fc.property(steady(repeatingLine), ([caps, steps]) => {
      for (const p of follow(steps, caps).polls) {
        if (p.known > 0) assert.equal(p.result.gap, undefined);
        if (!p.exact) assert.ok(p.result.ambiguous || p.known === 0, 'a loss without ambiguity or gap');
      }
    }), RUNS);
  });

  it('with many repeats: a window that shares nothing gets a gap marker unless it matches by coincidence', () => {
    fc.assert(fc.property(steady(repeatingLine), ([caps, steps]) => {
      for (const p of follow(steps, caps).polls) {
        if (p.first || p.window.length === 0 || p.known > 0) continue;
        if (p.result.gap) assert.deepEqual(p.freshIds, p.window.map((l) => l.id));
        else assert.ok(p.result.overlap > 0, 'no marker requires a (coincidental) match');
      }
    }), RUNS);
  });

  it('with varying request sizes and repeats: no repeat before a step loses lines or a grown window lies wholly before the run', () => {
    fc.assert(fc.property(varying(repeatingLine), ([caps, steps]) => {
      const polls = untilWholeBefore(follow(steps, caps).polls);
      const firstLoss = polls.findIndex((p) => !p.exact && !p.result.gap);
      assertEachOnce((firstLoss < 0 ? polls : polls.slice(0, firstLoss + 1)).flatMap((p) => p.freshIds));
    }), RUNS);
  });

  it('after a rotation to distinct lines, emits a marker and then the new log', () => {
    fc.assert(fc.property(capsArb, fc.array(anyLine, { minLength: 1, maxLength: 20 }), fc.array(anyLine, { minLength: 1, maxLength: 20 }), (caps, before, after) => {
      const log = new SimulatedLog(true);
      const f = new Follower(log, caps);
      log.append(before);
      f.poll(caps.maxLines);
      log.restart(after);
      f.poll(caps.maxLines);
      const last = f.polls[1]!;
      if (f.polls[0]!.window.length === 0 || last.window.length === 0) return;
      assert.ok(last.result.gap, 'a marker after the rotation');
      assert.deepEqual(last.freshIds, last.window.map((l) => l.id));
    }), RUNS);
  });

  it('current nodes cut the newest lines at the byte cap: an adaptive line count reaches the end, without repeats', () => {
    const scenario = fc.tuple(
      fc.integer({ min: 150, max: 600 }),
      fc.array(fc.array(fc.string({ minLength: 0, maxLength: 60 }), { maxLength: 8 }), { minLength: 1, maxLength: 30 }),
    );
    fc.assert(fc.property(scenario, ([maxBytes, batches]) => {
      const caps: SimCaps = { maxLines: 100, maxBytes, cuts: 'newest' };
      const log = new SimulatedLog(true);
      const f = new Follower(log, caps);
      let n = 100;
      for (const batch of [...batches, [], []]) {
        log.append(batch);
        n = f.pollAdaptive(n);
      }
      assertEachOnce(f.emitted);
      for (let i = 1; i < f.emitted.length; i++) assert.ok(f.emitted[i]! > f.emitted[i - 1]!);
      if (log.lines.length > 0 && f.emitted.length > 0) assert.equal(f.emitted[f.emitted.length - 1], log.lines[log.lines.length - 1]!.id);
      // Every line after the first one emitted is there, except behind a gap marker.
      const gaps = f.polls.filter((p) => p.result.gap).length;
      if (gaps === 0) assert.deepEqual(f.emitted, log.lines.map((l) => l.id).filter((id) => id >= f.emitted[0]!));
    }), RUNS);
  });

  it('current nodes cut the newest lines at the byte cap: catch-up requests reach the end of the log', () => {
    const scenario = fc.tuple(
      fc.integer({ min: 150, max: 400 }),
      fc.array(fc.array(fc.string({ minLength: 5, maxLength: 30 }), { maxLength: 4 }), { minLength: 1, maxLength: 20 }),
    );
    fc.assert(fc.property(scenario, ([maxBytes, batches]) => {
      const caps: SimCaps = { maxLines: 30, maxBytes, cuts: 'newest' };
      const log = new SimulatedLog(true);
      const f = new Follower(log, caps);
      for (const batch of [...batches, [], []]) {
        log.append(batch);
        f.pollWithCatchUp(30);
      }
      assert.ok(f.polls.every((p) => p.exact && p.result.gap === undefined));
      assert.deepEqual(f.emitted, log.lines.map((l) => l.id));
    }), RUNS);
  });

  it('emits sanitized lines: no control characters but tabs', () => {
    const controlLine = fc.string({ unit: fc.constantFrom('a', '\t', '\r', '\u001b', '[', '3', '1', 'm', '\u0000', '\u007f', '\u0085', 'é'), maxLength: 30 });
    fc.assert(fc.property(steady(controlLine), ([caps, steps]) => {
      for (const p of follow(steps, caps).polls) {
        assert.deepEqual(p.result.lines, p.window.slice(p.result.overlap).map((l) => sanitizeLogLine(l.text)));
        for (const line of p.result.lines) {
          const controls = [...line].filter((c) => c !== '\t' && (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f)));
          assert.deepEqual(controls, [], JSON.stringify(line));
        }
      }
    }), RUNS);
  });
});
