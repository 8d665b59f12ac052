// The followers compared by the log benchmark, each polling a NodeLog:
//  - core: core/logFollower (the follower of `dbc vm logs --follow` and of the extension), simulated time;
//  - oracle: polls when core polled, knows where every line is, and asks each time for exactly the
//    windows that show the new lines: what it loses (lines more than 100 back, lines above the byte cap)
//    no follower on that schedule can avoid — the floor;
//  - set: naive, every 2 s, print the window's lines whose text was not in the previous window;
//  - reappend: naive, every 2 s, print the whole window.
// The naive ones read windows directly (their output depends only on the windows; no HTTP/JSON cost).
// Each returns the ids (line indexes) it printed, in order, and its request count.
import { outModule } from './paths.mjs';

const { followLog } = outModule('src/core/logFollower');

const NAIVE_PERIOD_MS = 2000;
const TAIL_MS = 120_000; // keep polling this long after the last append

const finished = (log) => log.done && log.now > log.lastAppendAt + TAIL_MS;

/**
 * Ours: core/logFollower (what `dbc vm logs --follow` and the extension's Follow run) over the node log,
 * with a sleep that moves simulated time. Each event names the window its lines come from, so every
 * printed line is the exact line it was. `timing`: the follower's delays (default: adaptive 2–30 s).
 */
export async function followWithCore(log, timing) {
  const controller = new AbortController();
  const emitted = [];
  const windows = [];
  const pollTimes = [log.now];
  let gaps = 0;
  await followLog({
    signal: controller.signal,
    timing,
    fetchWindow: async (n) => {
      const [start, end] = log.window(n);
      windows.push(start);
      return log.lines.slice(start, end);
    },
    onEvent: (e) => {
      if (e.gap) gaps++;
      const first = windows[e.source.window] + e.source.offset;
      e.lines.forEach((_, i) => emitted.push(first + i));
    },
    sleep: async (ms) => {
      log.advance(ms);
      if (finished(log)) controller.abort();
      else pollTimes.push(log.now);
    },
  });
  return { emitted, requests: log.served.length, gaps, pollTimes };
}

/** The floor: at each of `pollTimes`, exactly the windows that show the lines not yet printed (see top). */
export function followOracle(log, pollTimes) {
  const emitted = [];
  let next = 0;
  for (const t of pollTimes) {
    log.advance(t - log.now);
    const end = log.lines.length;
    next = Math.max(next, end - 100);
    while (next < end) {
      const [from, to] = log.window(end - next);
      if (to === from) {
        next++; // a line above the byte cap: no window shows it
        continue;
      }
      for (let i = from; i < to; i++) emitted.push(i);
      next = to;
    }
  }
  return { emitted, requests: log.served.length, gaps: 0 };
}

const policies = {
  set: (log, [start, end], previous) => {
    const seen = new Set(previous);
    return Array.from({ length: end - start }, (_, i) => start + i).filter((i) => !seen.has(log.lines[i]));
  },
  reappend: (log, [start, end]) => Array.from({ length: end - start }, (_, i) => start + i),
};

export function followNaive(log, policy) {
  const emitted = [];
  let previous = [];
  while (!finished(log)) {
    const [start, end] = log.window(100);
    emitted.push(...policies[policy](log, [start, end], previous));
    previous = log.lines.slice(start, end);
    log.advance(NAIVE_PERIOD_MS);
  }
  return { emitted, requests: log.served.length, gaps: 0 };
}
