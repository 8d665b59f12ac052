// The compact figure of a VM row ("GPU 87 % · 21/24 GiB"): mean utilization over the GPUs that report
// one, memory summed over all of them, in GiB (one decimal below 10). Pure; the editor translates the
// template around these numbers.
import type { GpuReading } from './smiParse';

export interface GpuSummary {
  /** Rounded mean utilization, null when no GPU reports one (e.g. MIG mode). */
  utilization: number | null;
  usedGiB: string;
  totalGiB: string;
  count: number;
}

const gib = (mib: number): string => {
  const v = mib / 1024;
  return v < 10 ? String(Math.round(v * 10) / 10) : String(Math.round(v));
};

export function gpuSummary(gpus: readonly GpuReading[]): GpuSummary | undefined {
  if (gpus.length === 0) return undefined;
  const utils = gpus.map((g) => g.utilization).filter((u): u is number => u !== null);
  const used = gpus.reduce((n, g) => n + (g.memoryUsedMib ?? 0), 0);
  const total = gpus.reduce((n, g) => n + (g.memoryTotalMib ?? 0), 0);
  return {
    utilization: utils.length === 0 ? null : Math.round(utils.reduce((a, b) => a + b, 0) / utils.length),
    usedGiB: gib(used),
    totalGiB: gib(total),
    count: gpus.length,
  };
}
