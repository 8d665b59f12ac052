// Figure 5: following a synthetic 100,000-line log through tail windows of 100 lines capped at 8 KiB
// (current nodes) and 1 KiB (old nodes): lines lost, lines printed twice, requests made. Ours: core/logFollower
// (used by `dbc vm logs --follow` and the extension), with its default adaptive delay and with a fixed 2 s delay (the naive
// pollers' schedule, so only the stitching differs). Baseline: a fixed 2 s poll printing the lines not in
// the previous window (set membership); re-printing the whole window is in `detail`. Ids come from the
// in-memory node log, so a printed line is matched to the exact line it was, even among identical texts.
import { figure } from './results.mjs';
import { followNaive, followOracle, followWithCore } from './lib/log-followers.mjs';
import { NodeLog } from './lib/node-log.mjs';
import { syntheticLog } from './lib/synthetic-log.mjs';

const total = (events) => events.reduce((n, e) => n + e.lines.length, 0);

/** Lost: never printed; duplicated: printed more than once; never served: in no window the follower got. */
function score(result, log) {
  const TOTAL = total(log.events);
  const printed = new Uint8Array(TOTAL);
  for (const id of result.emitted) printed[id]++;
  const served = new Uint8Array(TOTAL);
  for (const [start, end] of log.served) served.fill(1, start, end);
  const distinct = printed.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  return {
    lost: TOTAL - distinct, duplicated: result.emitted.length - distinct, requests: result.requests,
    gaps: result.gaps, never_served: TOTAL - served.reduce((n, s) => n + s, 0),
  };
}

async function runFollower(events, capBytes, follow) {
  const log = new NodeLog(events, capBytes);
  log.advance(0);
  const result = await follow(log);
  if (!log.done) throw new Error(`the follower stopped before the log was complete (${log.lines.length} lines)`);
  return { ...score(result, log), pollTimes: result.pollTimes };
}

/** Ours, and the oracle on ours' schedule (the floor of what that schedule loses). */
async function withFloor(events, capBytes, timing) {
  const { pollTimes, ...ours } = await runFollower(events, capBytes, (log) => followWithCore(log, timing));
  const floor = await runFollower(events, capBytes, async (log) => followOracle(log, pollTimes));
  return { ours: { ...ours, polls: pollTimes.length }, floor };
}

const SET_NAME = 'naive 2 s poll, set difference';
const FLOOR_NAME = 'oracle follower on the same schedule (floor)';
/** Requests of core/logFollower at 0f7cd57 on this log at 1 KiB (docs/benchmarks.md): issue 13 wants ≤ 0.4× that. */
const REQUESTS_1K_AT_0F7CD57 = 55_185;

function figuresFor(tag, cap, r, lines) {
  const k = `log_follow_${tag}`;
  const detail = { ours: r.ours, floor: r.floor, ours_poll_2s: r.poll2s.ours, floor_poll_2s: r.poll2s.floor, set_baseline: r.set, reappend_baseline: r.reappend };
  const n = (v) => v.toLocaleString('en-US');
  const common = { digits: 0 };
  return {
    [`${k}_lines_lost`]: figure({
      ...common, label: `Log follow ${cap}: lines lost of ${n(lines)}`, value: r.ours.lost, baseline: r.floor.lost, unit: 'lines', baselineName: FLOOR_NAME,
      target: { ratio: 1.1 }, detail,
    }),
    [`${k}_lines_duplicated`]: figure({
      ...common, label: `Log follow ${cap}: lines printed twice`, value: r.ours.duplicated, baseline: r.set.duplicated, unit: 'lines', baselineName: SET_NAME,
      target: { equals: 0 },
    }),
    [`${k}_requests`]: figure({
      ...common, label: `Log follow ${cap}: requests`, value: r.ours.requests, baseline: r.floor.requests, unit: 'requests', baselineName: FLOOR_NAME,
      ...(tag === '1k' ? { target: { max: Math.floor(0.4 * REQUESTS_1K_AT_0F7CD57), note: `0.4× ${n(REQUESTS_1K_AT_0F7CD57)} at 0f7cd57` } } : {}),
    }),
    [`${k}_poll_2s_lines_lost`]: figure({
      ...common, label: `Log follow ${cap}, ours polling every 2 s: lines lost`, value: r.poll2s.ours.lost, baseline: r.poll2s.floor.lost, unit: 'lines',
      baselineName: FLOOR_NAME, target: { ratio: 1.1 },
    }),
    [`${k}_poll_2s_lines_duplicated`]: figure({
      ...common, label: `Log follow ${cap}, ours polling every 2 s: lines printed twice`, value: r.poll2s.ours.duplicated, baseline: r.set.duplicated, unit: 'lines',
      baselineName: SET_NAME, target: { equals: 0 },
    }),
    [`${k}_set_baseline_lines_lost`]: figure({
      ...common, label: `Log follow ${cap}: lines lost by the naive 2 s poll (set difference)`, value: r.set.lost, baseline: r.poll2s.floor.lost, unit: 'lines',
      baselineName: 'oracle follower polling every 2 s (floor)',
    }),
  };
}

export async function measureLogFollow({ smoke }) {
  const events = syntheticLog({ total: smoke ? 2_000 : 100_000 });
  const out = {};
  for (const [tag, capBytes, capLabel] of [['8k', 8192, '(100 lines, 8 KiB)'], ['1k', 1024, '(100 lines, 1 KiB)']]) {
    const r = {
      ...(await withFloor(events, capBytes, undefined)),
      poll2s: await withFloor(events, capBytes, { minMs: 2000, maxMs: 2000 }),
      set: await runFollower(events, capBytes, async (log) => followNaive(log, 'set')),
      reappend: await runFollower(events, capBytes, async (log) => followNaive(log, 'reappend')),
    };
    Object.assign(out, figuresFor(tag, capLabel, r, total(events)));
  }
  return out;
}
