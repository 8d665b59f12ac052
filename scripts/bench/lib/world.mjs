// The benchmark world: N rented GPU nodes with M VMs each, all rented by the simulator's demo renter.
import { createHash } from 'node:crypto';
import { outModule } from './paths.mjs';

export const demo = outModule('src/sim/demo');

export function benchNodeId(i) {
  return createHash('sha256').update(`dbc-bench-node-${i}`).digest('hex');
}

/**
 * A scenario with `nodes` × `vms` running VMs; the first `transitional` nodes have their first VM
 * `creating` (with the simulator's clock frozen it stays so, and the extension polls that node fast).
 * `spareGpus`: GPUs (with their share of CPU and memory) left free on every node for VMs created later.
 */
export function benchScenario({ nodes = 50, vms = 10, transitional = 0, spareGpus = 0 } = {}) {
  const gpus = vms + spareGpus;
  return {
    nodes: Array.from({ length: nodes }, (_, n) => ({
      node_id: benchNodeId(n), name: `bench-gpu-${n}`, renter: demo.DEMO_RENTER_ADDRESS,
      gpu_count: gpus, cpu_cores: 16 * gpus, mem_gb: 64 * gpus, images: ['ubuntu.qcow2'],
      tasks: Array.from({ length: vms }, (_, v) => ({
        task_id: `bench${n}vm${v}`, status: n < transitional && v === 0 ? 'creating' : 'running',
      })),
    })),
  };
}

export function benchNodeIds(nodes = 50) {
  return Array.from({ length: nodes }, (_, n) => benchNodeId(n));
}
