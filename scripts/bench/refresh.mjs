// Figure 3: wall time of a full tree refresh over 50 nodes × 10 VMs with 300 ms added to every request.
// Ours: the scheduler's refresh of every key (parallel under its cap of 8), as the Refresh button does.
// Baseline: the same Fetcher refreshing one node after another.
import { figure } from './results.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { timeReps } from './lib/stats.mjs';
import { createTreeStack } from './lib/tree-stack.mjs';
import { benchNodeIds, benchScenario } from './lib/world.mjs';

const FULL = { nodes: 50, vms: 10, latencyMs: 300, reps: 5, baselineReps: 3 };
const SMOKE = { nodes: 3, vms: 2, latencyMs: 5, reps: 1, baselineReps: 1 };

async function sequentially(stack) {
  for (const ref of stack.refs) await stack.fetcher.refreshNode(ref);
}

function assertLoaded(stack, vms) {
  for (const ref of stack.refs) {
    const tasks = stack.store.peekNode(ref)?.tasks;
    if (tasks?.error || tasks?.value?.length !== vms) throw new Error(`node ${ref.nodeId.slice(0, 8)} did not load: ${tasks?.error ?? 'no tasks'}`);
  }
}

export async function measureRefresh({ smoke }) {
  const { nodes, vms, latencyMs, reps, baselineReps } = smoke ? SMOKE : FULL;
  // gpuLatencyMs 0: the injected 300 ms is the only latency (the simulator adds its own GPU time otherwise).
  const sim = await startSimProcess({ scenario: benchScenario({ nodes, vms }), speed: 1, latencyMs, gpuLatencyMs: 0 });
  try {
    const stack = await createTreeStack({ url: sim.url, nodeIds: benchNodeIds(nodes) });
    const ours = () => stack.scheduler.refresh(undefined, { immediate: true });
    // Warm-up: derives the polling sessions (one wallet signature per node) and loads node info.
    await ours();
    assertLoaded(stack, vms);
    await sim.resetCounters();
    const samples = await timeReps(ours, { warmup: 0, reps });
    const requests = (await sim.counters()).total / reps;
    const baselineSamples = await timeReps(() => sequentially(stack), { warmup: 0, reps: baselineReps });
    assertLoaded(stack, vms);
    stack.scheduler.dispose();
    return {
      tree_refresh_50x10_ms: figure({
        label: `Tree refresh, ${nodes} nodes × ${vms} VMs, ${latencyMs} ms per request`, samples, baselineSamples, unit: 'ms', digits: 0,
        baselineName: 'sequential, same client', target: { max: 1.2 * latencyMs, note: '1.2 × RTT' },
        detail: { requests_per_refresh: requests, concurrency: 8, latency_ms: latencyMs },
      }),
    };
  } finally {
    await sim.stop();
  }
}
