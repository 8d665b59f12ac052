// What the tree shows of a VM's GPUs: the last reading (marked stale when it is older than a few
// intervals), or why there is none. Built by the GPU watch, read by the pure tree model.
import type { GpuSample } from './gpuSampler';
import type { GpuReading } from './smiParse';

export type VmGpuView =
  | { kind: 'reading'; gpus: readonly GpuReading[]; at: number }
  /** Running, but no key was installed yet: "connect once to enable GPU monitoring". */
  | { kind: 'no-key' }
  | { kind: 'no-gpu' }
  | { kind: 'no-nvidia-smi' }
  | { kind: 'failed'; detail: string };

/** The view of the latest sample; undefined when there is none yet. */
export function gpuViewOf(sample: GpuSample | undefined): VmGpuView | undefined {
  if (!sample) return undefined;
  const s = sample.status;
  switch (s.kind) {
    case 'ok': return { kind: 'reading', gpus: s.gpus, at: sample.at };
    case 'no-gpu': return { kind: 'no-gpu' };
    case 'no-nvidia-smi': return { kind: 'no-nvidia-smi' };
    case 'driver-failed':
    case 'failed':
    case 'unreachable':
      return { kind: 'failed', detail: s.detail };
  }
}
