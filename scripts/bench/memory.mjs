// Figure 7: memory of a process running the extension's polling stack (scheduler + client + tree store
// and model, view visible, default settings) over 8 simulated hours against the simulator (50 nodes ×
// 10 VMs, one VM creating, so one node is polled every 5 s), against the same process idle before it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure } from './results.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { benchScenario } from './lib/world.mjs';

const FULL = { hours: 8, nodes: 50 };
const SMOKE = { hours: 1, nodes: 2 };
const MIB = 2 ** 20;
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.mjs');

export async function measureMemory({ smoke }) {
  const { hours: HOURS, nodes } = smoke ? SMOKE : FULL;
  const sim = await startSimProcess({ scenario: benchScenario({ nodes, transitional: 1 }), speed: 0, gpuLatencyMs: 0 });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, sim.url, String(HOURS), String(nodes)], { maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1));
    const requests = (await sim.counters()).total;
    const after = r.hourly.at(-1);
    const mib = (bytes) => Math.round((bytes / MIB) * 10) / 10;
    const detail = {
      simulated_hours: HOURS, requests, scheduler_runs: r.runs, wall_s: Math.round(r.wallMs / 100) / 10,
      heap_used_mib_by_hour: r.hourly.map((m) => mib(m.heapUsed)), rss_mib_by_hour: r.hourly.map((m) => mib(m.rss)),
    };
    const name = 'same process, idle';
    return {
      memory_polling_8h_heap_used_mib: figure({
        label: `Heap used after ${HOURS} h of polling (after GC)`, value: after.heapUsed / MIB, baseline: r.idle.heapUsed / MIB, unit: 'MiB', baselineName: name, detail,
      }),
      memory_polling_8h_rss_mib: figure({
        label: `RSS after ${HOURS} h of polling`, value: after.rss / MIB, baseline: r.idle.rss / MIB, unit: 'MiB', baselineName: name,
      }),
    };
  } finally {
    await sim.stop();
  }
}
