import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { repeatedRuns, scenario } from './followArbitraries';
import { type FollowRecord, followSim, type Round } from './followSim';
import type { SimCaps } from './simulatedLog';

const RUNS = { numRuns: Number(process.env.DBC_FC_RUNS ?? 150) };

function assertOnceInOrder(r: FollowRecord): void {
  for (let i = 1; i < r.printed.length; i++) {
    assert.ok(r.printed[i]! > r.printed[i - 1]!, `line #${r.printed[i]} printed after #${r.printed[i - 1]} (twice or out of order)`);
  }
}

function assertEveryShownLinePrinted(r: FollowRecord): void {
  const printed = new Set(r.printed);
  const first = r.printed[0] ?? Infinity;
  for (const w of r.windows) {
    for (const l of w) assert.ok(l.id < first || printed.has(l.id), `line #${l.id} was in a window but never printed`);
  }
}

/**
 * Gap markers: one wherever lines are missing between two printed lines (log lines in between not printed,
 * or the log replaced in between); none where a window held both lines. Between lines that no window held
 * together but that are adjacent, a marker may stand (the follower could not see that nothing is missing).
 * `aroundBlocked`: near a line the node cannot send the follower does not know which line of a failed
 * window it was, so it may mark more than needed, and before the first line printed.
 */
function assertGapMarkersExact(r: FollowRecord, aroundBlocked = false): void {
  for (let i = 1; i < r.printed.length; i++) {
    const [a, b] = [r.printed[i - 1]!, r.printed[i]!];
    const missing = b !== a + 1 || r.generation.get(a) !== r.generation.get(b);
    const together = r.windows.some((w) => w.length > 0 && w[0]!.id <= a && w[w.length - 1]!.id >= b);
    if (missing) assert.ok(r.gapsBefore.has(i), `between #${a} and #${b}: no marker, though lines are missing`);
    if (together && !aroundBlocked) assert.ok(!r.gapsBefore.has(i), `between #${a} and #${b}: a marker, though a window held both`);
  }
  // A line the node cannot send may hide the lines before the first one printed.
  if (!aroundBlocked) assert.ok(!r.gapsBefore.has(0), 'a marker before the first line');
}

describe('logFollower (property tests over simulated node logs)', () => {
  it('distinct lines: every line shown in a window is printed once, in order, with a gap marker wherever lines are missing and none where a window held both', async () => {
    await fc.assert(fc.asyncProperty(scenario(false), async ([c, rs]) => {
      const r = await followSim(rs, c, true);
      assertOnceInOrder(r);
      assertEveryShownLinePrinted(r);
      assertGapMarkersExact(r);
    }), RUNS);
  });

  // Lines appended between a cut window and its catch-up can make the catch-up miss; after a few tries
  // with more overlap the follower moves on, so such lines may be missing, but none is printed twice.
  it('distinct lines, the log growing between the requests made at once too: no line printed twice or out of order', async () => {
    await fc.assert(fc.asyncProperty(scenario(true), async ([c, rs]) => {
      assertOnceInOrder(await followSim(rs, c, true));
    }), RUNS);
  });

  // vm_client.cpp quotes log lines without escaping them: a window holding a `"` or `\` fails with
  // `response parse error` (issue 10, item 7). The follower steps to windows around such a line.
  it('distinct lines, some with a quote or backslash the node cannot send: printed once, in order, with a marker wherever lines are missing', async () => {
    const withQuotes = scenario(false).map(([c, rs]): [SimCaps, Round[]] => [c, rs.map((r) => ({
      ...r, lines: r.lines.map((l) => (l.length % 7 === 3 ? `${l}${l.length % 2 ? '"' : '\\'}` : l)),
    }))]);
    await fc.assert(fc.asyncProperty(withQuotes, async ([c, rs]) => {
      const r = await followSim(rs, c, true, undefined, true);
      assertOnceInOrder(r);
      assertGapMarkersExact(r, true);
      assert.ok(r.printed.every((id) => !/["\\]/.test(r.log.lines.find((l) => l.id === id)?.text ?? '')), 'a line the node cannot send was printed');
    }), RUNS);
  });

  // Among identical lines, where the printed lines end may not show: the follower places the printed
  // lines only on an overlap holding a line of 16 bytes or more seen once (logPollMap.ts), never on one
  // or two — or any number of — repeated short lines; it reaches back for such a line or, failing that,
  // takes the earliest agreeing place (new identical lines may then go unprinted, never an old one again)
  // and goes on from the lines as that poll saw them. The premise: a line of 16 bytes or more seen once
  // is one line of the log (timestamps, ids and paths make real ones so). The generators keep it (such
  // lines carry their id) and let every shorter line repeat. Not covered: a log of repeated short lines
  // that is rotated — a new file of the same lines cannot be told from the old one growing.
  it('repeated short lines in runs between distinct ones: no line printed twice or out of order', async () => {
    await fc.assert(fc.asyncProperty(repeatedRuns(), async ([c, rs]) => {
      assertOnceInOrder(await followSim(rs, c, 'long'));
    }), RUNS);
  });

  // Short lines of several texts mixed freely between longer ones (scenario(false, false) with 'long')
  // still find a gap: about one generated scenario in 7,500 prints a line twice (a first read of a short
  // log leaves too little to place the next polls on, and a later one takes old lines for new).
});
