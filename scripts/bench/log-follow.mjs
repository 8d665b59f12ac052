// Figure 5: following a synthetic 100,000-line log through tail windows of 100 lines capped at 8 KiB
// (current nodes) and 1 KiB (old nodes): lines lost, lines printed twice, requests made. Ours: core/logFollower
// (used by `dbc vm logs --follow` and the extension), with its default adaptive delay and with a fixed 2 s delay (the naive
// pollers' schedule, so only the stitching differs). Baseline: a fixed 2 s poll printing the lines not in
// the previous window (set membership); re-printing the whole window is in `detail`. Ids come from the
// in-memory node log, so a printed line is matched to the exact line it was, even among identical texts.
import { figure } from './results.mjs';
import { followNaive, followWithCore } from './lib/log-followers.mjs';
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
  return score(result, log);
}

const SET_NAME = 'naive 2 s poll, set difference';

function lineFigure(key, label, value, baseline, detail) {
  return { [key]: figure({ label, value, baseline, unit: key.endsWith('requests') ? 'requests' : 'lines', baselineName: SET_NAME, digits: 0, detail }) };
}

function figuresFor(tag, cap, r, lines) {
  const detail = { ours: r.ours, ours_poll_2s: r.poll2s, set_baseline: r.set, reappend_baseline: r.reappend };
  const k = `log_follow_${tag}`;
  return {
    ...lineFigure(`${k}_lines_lost`, `Log follow ${cap}: lines lost of ${lines.toLocaleString('en-US')}`, r.ours.lost, r.set.lost, detail),
    ...lineFigure(`${k}_lines_duplicated`, `Log follow ${cap}: lines printed twice`, r.ours.duplicated, r.set.duplicated),
    ...lineFigure(`${k}_requests`, `Log follow ${cap}: requests`, r.ours.requests, r.set.requests),
    ...lineFigure(`${k}_poll_2s_lines_lost`, `Log follow ${cap}, ours polling every 2 s too: lines lost`, r.poll2s.lost, r.set.lost),
    ...lineFigure(`${k}_poll_2s_lines_duplicated`, `Log follow ${cap}, ours polling every 2 s too: lines printed twice`, r.poll2s.duplicated, r.set.duplicated),
  };
}

export async function measureLogFollow({ smoke }) {
  const events = syntheticLog({ total: smoke ? 2_000 : 100_000 });
  const out = {};
  for (const [tag, capBytes, capLabel] of [['8k', 8192, '(100 lines, 8 KiB)'], ['1k', 1024, '(100 lines, 1 KiB)']]) {
    const r = {
      ours: await runFollower(events, capBytes, (log) => followWithCore(log)),
      poll2s: await runFollower(events, capBytes, (log) => followWithCore(log, { minMs: 2000, maxMs: 2000 })),
      set: await runFollower(events, capBytes, async (log) => followNaive(log, 'set')),
      reappend: await runFollower(events, capBytes, async (log) => followNaive(log, 'reappend')),
    };
    Object.assign(out, figuresFor(tag, capLabel, r, total(events)));
  }
  return out;
}
