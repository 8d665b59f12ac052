// A synthetic 100,000-line task log, deterministic (seeded): bursty appends over ~14 simulated hours, with
// runs of identical lines (progress dots, repeated status lines, heartbeats within the same second).

/** mulberry32: a small seeded PRNG, so every run benchmarks the same log. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPEATED = [
  'Waiting for the NVIDIA driver to become ready...', '.', '', 'Reading package lists...',
  '[  OK  ] Started Session c1 of user dbc.', 'nvidia-smi: GPU 0 utilization 100 %, memory 79 %',
  'rsync: connection unexpectedly closed, retrying', 'heartbeat ok',
];

function stamp(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function uniqueLine(rnd, ms, n) {
  switch (Math.floor(rnd() * 4)) {
    case 0: return `${stamp(ms)} [train] epoch ${Math.floor(n / 5000)} step ${n} loss=${(rnd() * 2).toFixed(4)} lr=3.0e-4 grad_norm=${(rnd() * 9).toFixed(3)} tokens/s=${Math.floor(rnd() * 90000)}`;
    case 1: return `Get:${n % 997} http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 libnvidia-compute-535 535.${n % 200}.0-0ubuntu1 [${Math.floor(rnd() * 90000)} kB]`;
    case 2: return `${stamp(ms)} [info] checkpoint shard ${n % 64}/64 written to /data/checkpoints/run-7/epoch-${Math.floor(n / 5000)}/shard-${n % 64}.pt (${Math.floor(rnd() * 4000)} MB)`;
    default: return `kernel: [${((ms % 86_400_000) / 1000).toFixed(6)}] NVRM: Xid (PCI:0000:${(n % 256).toString(16).padStart(2, '0')}:00): 63, pid=${n % 32768}, Row Remapper: New row marked for remapping`;
  }
}

function repeatedLine(rnd, ms) {
  const text = REPEATED[Math.floor(rnd() * REPEATED.length)];
  return rnd() < 0.5 ? text : `${stamp(ms)} ${text}`; // stamped copies repeat within the same second
}

function lines(rnd, ms, count, repeatShare, counter) {
  const out = [];
  while (out.length < count) {
    if (rnd() < repeatShare) {
      const run = repeatedLine(rnd, ms);
      for (let k = 1 + Math.floor(rnd() * 6); k > 0 && out.length < count; k--) out.push(run);
    } else out.push(uniqueLine(rnd, ms, counter.n++));
  }
  return out;
}

const between = (rnd, lo, hi) => lo + rnd() * (hi - lo);

/** One append: [lines, ms until the next append]. */
function nextEvent(rnd, ms, counter) {
  const r = rnd();
  const count = (lo, hi) => Math.round(between(rnd, lo, hi));
  if (r < 0.60) return [lines(rnd, ms, count(1, 4), 0.2, counter), between(rnd, 500, 3000)];
  if (r < 0.72) return [Array(count(2, 20)).fill(repeatedLine(rnd, ms)), between(rnd, 1000, 4000)];
  if (r < 0.90) return [lines(rnd, ms, count(20, 90), 0.25, counter), between(rnd, 1000, 5000)];
  if (r < 0.91) return [lines(rnd, ms, count(150, 300), 0.25, counter), between(rnd, 2000, 5000)];
  return [[], between(rnd, 20_000, 120_000)];
}

/** `{ at, lines }[]` (at: ms from the start) holding exactly `total` lines. */
export function syntheticLog({ total = 100_000, seed = 20250101, start = Date.UTC(2025, 0, 1) } = {}) {
  const rnd = prng(seed);
  const counter = { n: 0 };
  const events = [];
  let at = 0;
  let count = 0;
  while (count < total) {
    const [batch, gap] = nextEvent(rnd, start + at, counter);
    const take = batch.slice(0, total - count);
    if (take.length) events.push({ at, lines: take });
    count += take.length;
    at += Math.round(gap);
  }
  return events;
}
