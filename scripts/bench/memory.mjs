// Figure 7: memory of a process running the extension's polling stack (scheduler + client + tree store
// and model, the Machines view's provider, view visible, default settings) over 8 simulated hours against
// the simulator (50 nodes × 10 VMs, one VM creating at the start), with VMs created and deleted throughout
// (memory-child.mjs: one created every 5 simulated minutes, each deleted 30 minutes later), against the
// same process idle before it; and the heap's slope from the first hour to the last (flat: ≤ the target).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure } from './results.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { benchScenario } from './lib/world.mjs';

const FULL = { hours: 8, nodes: 50 };
const SMOKE = { hours: 2, nodes: 2 };
const MIB = 2 ** 20;
/** The heap may grow by at most this much per simulated hour after the first (a leak of one VM's rows an hour is more). */
const SLOPE_TARGET_KIB_PER_H = 64;

/** Least-squares slope of `values` (one per hour) in units per hour. */
function slopePerHour(values) {
  const n = values.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.mjs');

export async function measureMemory({ smoke }) {
  const { hours: HOURS, nodes } = smoke ? SMOKE : FULL;
  const sim = await startSimProcess({ scenario: benchScenario({ nodes, transitional: 1, spareGpus: 8 }), speed: 0, gpuLatencyMs: 0 });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, sim.url, String(HOURS), String(nodes)], { maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1));
    const requests = (await sim.counters()).total;
    const after = r.hourly.at(-1);
    const mib = (bytes) => Math.round((bytes / MIB) * 10) / 10;
    const detail = {
      simulated_hours: HOURS, requests, scheduler_runs: r.runs, wall_s: Math.round(r.wallMs / 100) / 10,
      vms_created: r.created, vms_deleted: r.deleted, maps_at_end: r.maps,
      heap_used_mib_by_hour: r.hourly.map((m) => mib(m.heapUsed)), rss_mib_by_hour: r.hourly.map((m) => mib(m.rss)),
    };
    // The first hour is the start (caches, JIT and the first churn settle); the slope runs from there to the end.
    const heap = r.hourly.map((m) => m.heapUsed);
    const slopeKib = slopePerHour(heap) / 1024;
    const name = 'same process, idle';
    return {
      memory_polling_8h_heap_used_mib: figure({
        label: `Heap used after ${HOURS} h of polling (after GC)`, value: after.heapUsed / MIB, baseline: r.idle.heapUsed / MIB, unit: 'MiB', baselineName: name, detail,
      }),
      memory_polling_8h_heap_slope_kib_per_h: figure({
        label: `Heap growth per hour over ${HOURS} h of polling with VMs created and deleted (least squares, after GC)`, value: slopeKib, unit: 'KiB/h', digits: 1,
        target: { max: SLOPE_TARGET_KIB_PER_H, note: 'flat' },
        detail: { heap_start_mib: mib(heap[0]), heap_end_mib: mib(heap.at(-1)), vms_created: r.created, vms_deleted: r.deleted },
      }),
      memory_polling_8h_rss_mib: figure({
        label: `RSS after ${HOURS} h of polling`, value: after.rss / MIB, baseline: r.idle.rss / MIB, unit: 'MiB', baselineName: name,
      }),
    };
  } finally {
    await sim.stop();
  }
}
