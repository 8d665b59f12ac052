// The followers compared by the log benchmark, each polling a NodeLog:
//  - cli: the real `dbc vm logs TASK --follow --json` (src/cli: stitcher, catch-up, adaptive delay), run
//    in-process through the real DbcClient with a fake fetch and a sleep that moves simulated time;
//  - set: naive, every 2 s, print the window's lines whose text was not in the previous window;
//  - reappend: naive, every 2 s, print the whole window (core/logStitch's naiveStitch).
// The naive ones read windows directly (their output depends only on the windows; no HTTP/JSON cost).
// Each returns the ids (line indexes) it printed, in order, and its request count.
import { outModule } from './paths.mjs';
import { benchNodeId } from './world.mjs';

const { run } = outModule('src/cli/main');
const { INITIAL_STITCH_STATE, naiveStitch } = outModule('src/core/logStitch');

const ENDPOINT = 'http://127.0.0.1:9'; // never contacted: every request goes to the fake fetch
const TASK = 'BenchLogTask0001';
const SESSION = { id: 'bench-session', sign: 'ab'.repeat(64) };
const NAIVE_PERIOD_MS = 2000;
const TAIL_MS = 120_000; // keep polling this long after the last append

const finished = (log) => log.done && log.now > log.lastAppendAt + TAIL_MS;

/** The CLI prints a suffix of each window; match each printed batch to the window it came from. */
function attributor(log) {
  const emitted = [];
  let pending = [];
  let gaps = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const [, end] = log.served.at(-1);
    const start = end - pending.length;
    pending.forEach((text, i) => {
      if (log.lines[start + i] !== text) throw new Error(`printed line ${JSON.stringify(text)} is not the window's suffix`);
      emitted.push(start + i);
    });
    pending = [];
  };
  const write = (chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      const out = JSON.parse(line);
      if (out.gap) gaps++;
      else pending.push(out.line);
    }
  };
  return { emitted, flush, write, gaps: () => gaps };
}

/** `intervals`: the CLI's --min-interval/--max-interval in seconds (its defaults are 2 and 30). */
export async function followWithCli(log, intervals = []) {
  const controller = new AbortController();
  const attr = attributor(log);
  const serve = log.fetch();
  const io = {
    stdout: { write: attr.write },
    stderr: { write: (t) => process.stderr.write(`[dbc] ${t}`) },
    env: { DBC_SESSION_ID: SESSION.id, DBC_SESSION_ID_SIGN: SESSION.sign },
    fetch: (url, init) => {
      attr.flush();
      return serve(url, init);
    },
    signal: controller.signal,
    sleep: async (ms) => {
      log.advance(ms);
      if (finished(log)) controller.abort();
    },
  };
  const code = await run(['--endpoint', ENDPOINT, '--node', benchNodeId(0), '--json', 'vm', 'logs', TASK, '--follow', ...intervals], io);
  attr.flush();
  if (code !== 0) throw new Error(`dbc vm logs --follow exited with ${code}`);
  return { emitted: attr.emitted, requests: log.served.length, gaps: attr.gaps() };
}

const policies = {
  set: (log, [start, end], previous) => {
    const seen = new Set(previous);
    return Array.from({ length: end - start }, (_, i) => start + i).filter((i) => !seen.has(log.lines[i]));
  },
  reappend: (log, [start, end]) => {
    const printed = naiveStitch(INITIAL_STITCH_STATE, log.lines.slice(start, end)).lines.length;
    return Array.from({ length: printed }, (_, i) => end - printed + i);
  },
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
