// Figure 4: requests per minute the extension sends while the Machines view is hidden, visible with every
// VM stable, and visible with one VM in transition. The real RefreshScheduler with its default settings
// runs on a fake clock over one simulated hour; the simulator (clock frozen, so a `creating` VM stays so)
// counts what arrives. Baseline: a naive poll of every node every 5 s, whatever the view does.
import { figure } from './results.mjs';
import { FakeClock } from './lib/fake-clock.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { benchNodeIds, benchScenario } from './lib/world.mjs';

const MINUTE = 60_000;
const FULL = { nodes: 50, spanMin: 60 };
const SMOKE = { nodes: 3, spanMin: 3 };
const NAIVE_SPAN_MIN = 2; // the naive rate is exactly 50 nodes per 5 s; a short span shows it
const NAIVE_PERIOD_MS = 5_000;

function nonZero(routes) {
  return Object.fromEntries(Object.entries(routes).filter(([, n]) => n > 0));
}

/** Requests per minute over `minutes` of simulated time, from the simulator's counters. */
async function countOver(sim, clock, minutes, settle) {
  await sim.resetCounters();
  await clock.runUntil(clock.now() + minutes * MINUTE, settle);
  const c = await sim.counters();
  return { rpm: c.total / minutes, routes: nonZero(c.routes) };
}

async function withStack(size, transitional, fn) {
  const sim = await startSimProcess({ scenario: benchScenario({ nodes: size.nodes, transitional }), speed: 0, gpuLatencyMs: 0 });
  try {
    const clock = new FakeClock();
    const stack = await createTreeStack({ url: sim.url, nodeIds: benchNodeIds(size.nodes), clock });
    const settle = () => stack.scheduler.idle();
    await stack.scheduler.refresh(undefined, { immediate: true }); // what the first look at the view loads
    const result = await fn({ sim, clock, stack, settle, span: size.spanMin });
    stack.scheduler.dispose();
    return result;
  } finally {
    await sim.stop();
  }
}

async function hiddenThenVisible({ sim, clock, stack, settle, span }) {
  stack.scheduler.setVisible(false);
  const hidden = await countOver(sim, clock, span, settle);
  stack.scheduler.setVisible(true);
  await clock.runUntil(clock.now() + 2 * MINUTE, settle); // the catch-up when the view appears is not steady state
  return { hidden, visible: await countOver(sim, clock, span, settle) };
}

async function visibleTransitional({ sim, clock, stack, settle, span }) {
  stack.scheduler.setVisible(true);
  await clock.runUntil(clock.now() + 2 * MINUTE, settle);
  return countOver(sim, clock, span, settle);
}

/** Every node's task list every 5 s, with the same client and polling session. */
async function naivePoll({ sim, stack }) {
  const auth = await Promise.all(stack.refs.map((r) => stack.access.forRead(r.nodeId, stack.client)));
  await sim.resetCounters();
  for (let t = 0; t < NAIVE_SPAN_MIN * MINUTE; t += NAIVE_PERIOD_MS) {
    await Promise.all(stack.refs.map((r, i) => stack.client.listTasks(r.nodeId, { auth: auth[i] })));
  }
  return (await sim.counters()).total / NAIVE_SPAN_MIN;
}

function rpmFigure(label, measured, naive) {
  return figure({
    label, value: measured.rpm, unit: 'req/min', baseline: naive, digits: 1,
    baselineName: 'naive 5 s poll, always', detail: { routes: measured.routes },
  });
}

export async function measureRequestsPerMinute({ smoke }) {
  const size = smoke ? SMOKE : FULL;
  const { hidden, visible } = await withStack(size, 0, hiddenThenVisible);
  const transitional = await withStack(size, 1, visibleTransitional);
  const naive = await withStack(size, 0, naivePoll);
  const n = size.nodes;
  return {
    requests_per_min_hidden: rpmFigure(`Requests/min, ${n} nodes, view hidden`, hidden, naive),
    requests_per_min_visible_stable: rpmFigure(`Requests/min, ${n} nodes, view visible, all VMs stable`, visible, naive),
    requests_per_min_visible_transitional: rpmFigure(`Requests/min, ${n} nodes, view visible, one VM creating`, transitional, naive),
  };
}
