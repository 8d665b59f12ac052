// The JSON form of a GPU reading, as `dbc vm gpu --json` prints it and the GPU monitor receives it:
// snake_case keys, MiB, °C, W; null where nvidia-smi reported no value.
import type { GpuProcess, GpuReading } from './smiParse';

export interface GpuJson {
  index: number;
  name: string;
  utilization: number | null;
  memory_used_mib: number | null;
  memory_total_mib: number | null;
  temperature_c: number | null;
  power_w: number | null;
}

export interface GpuProcessJson {
  /** Null when the process runs on a MIG device whose GPU the uuid does not name. */
  gpu_index: number | null;
  gpu_uuid: string;
  pid: number | null;
  name: string;
  used_memory_mib: number | null;
}

export interface GpuReadingJson {
  gpus: GpuJson[];
  processes: GpuProcessJson[];
}

export function gpuReadingJson(gpus: readonly GpuReading[], processes: readonly GpuProcess[]): GpuReadingJson {
  return {
    gpus: gpus.map((g) => ({
      index: g.index, name: g.name, utilization: g.utilization, memory_used_mib: g.memoryUsedMib,
      memory_total_mib: g.memoryTotalMib, temperature_c: g.temperatureC, power_w: g.powerW,
    })),
    processes: processes.map((p) => ({ gpu_index: p.gpuIndex, gpu_uuid: p.gpuUuid, pid: p.pid, name: p.name, used_memory_mib: p.usedMemoryMib })),
  };
}
