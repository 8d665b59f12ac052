// The process measured by memory.mjs (run with --expose-gc): the extension's polling stack with the view
// visible, on a fake clock, for HOURS simulated hours against the simulator at URL. Prints one JSON line:
// memory when idle (stack built, tree loaded, before polling) and after each simulated hour, after a full GC.
import { FakeClock } from './lib/fake-clock.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { benchNodeIds } from './lib/world.mjs';

const [url, hours, nodes] = process.argv.slice(2);

function snapshot() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

const clock = new FakeClock();
const stack = await createTreeStack({ url, nodeIds: benchNodeIds(Number(nodes)), clock });
await stack.scheduler.refresh(undefined, { immediate: true });
const idle = snapshot();
const t0 = performance.now();
const start = clock.now();
const hourly = [];
stack.scheduler.setVisible(true);
for (let h = 1; h <= Number(hours); h++) {
  await clock.runUntil(start + h * 3_600_000, () => stack.scheduler.idle());
  hourly.push(snapshot());
}
const wallMs = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ idle, hourly, wallMs, runs: stack.scheduler.stats.runs })}\n`);
stack.scheduler.dispose();
