// Figure 3: wall time of a full tree refresh over 50 nodes × 10 VMs with 300 ms added to every request.
// Ours: the scheduler's refresh of every key (parallel under its cap of 8), as the Refresh button does.
// Baseline: the same Fetcher refreshing one node after another.
import { figure } from './results.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { timeReps } from './lib/stats.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { benchNodeIds, benchScenario } from './lib/world.mjs';

const NODES = 50;
const VMS = 10;
const LATENCY_MS = 300;

async function sequentially(stack) {
  for (const ref of stack.refs) await stack.fetcher.refreshNode(ref);
}

function assertLoaded(stack) {
  for (const ref of stack.refs) {
    const tasks = stack.store.peekNode(ref)?.tasks;
    if (tasks?.error || tasks?.value?.length !== VMS) throw new Error(`node ${ref.nodeId.slice(0, 8)} did not load: ${tasks?.error ?? 'no tasks'}`);
  }
}

export async function measureRefresh({ reps = 5, baselineReps = 3 } = {}) {
  // gpuLatencyMs 0: the injected 300 ms is the only latency (the simulator adds its own GPU time otherwise).
  const sim = await startSimProcess({ scenario: benchScenario({ nodes: NODES, vms: VMS }), speed: 1, latencyMs: LATENCY_MS, gpuLatencyMs: 0 });
  try {
    const stack = await createTreeStack({ url: sim.url, nodeIds: benchNodeIds(NODES) });
    const ours = () => stack.scheduler.refresh(undefined, { immediate: true });
    // Warm-up: derives the polling sessions (one wallet signature per node) and loads node info.
    await ours();
    assertLoaded(stack);
    await sim.resetCounters();
    const samples = await timeReps(ours, { warmup: 0, reps });
    const requests = (await sim.counters()).total / reps;
    const baselineSamples = await timeReps(() => sequentially(stack), { warmup: 0, reps: baselineReps });
    assertLoaded(stack);
    stack.scheduler.dispose();
    return {
      tree_refresh_50x10_ms: figure({
        label: 'Tree refresh, 50 nodes × 10 VMs, 300 ms per request', samples, baselineSamples, unit: 'ms', digits: 0,
        baselineName: 'sequential, same client',
        detail: { requests_per_refresh: requests, concurrency: 8, latency_ms: LATENCY_MS },
      }),
    };
  } finally {
    await sim.stop();
  }
}
