// The GPUs a simulated VM sees and their readings at a moment of simulated time. Readings follow
// smooth, deterministic curves (a few sines with per-GPU phases), so two samples a few seconds apart
// differ a little and a frozen clock gives the same answer every time. Pins replace single fields.
import { createHash } from 'node:crypto';
import type { GpuPin, ProcessPin, Reading } from './guestConfig';
import { gpuModel } from './gpuModels';

export interface SimGpu {
  index: number;
  uuid: string;
  name: string;
  busId: string;
  utilization: Reading;
  memoryUsed: Reading;
  memoryTotal: number;
  temperature: Reading;
  powerDraw: Reading;
  powerLimit: number;
  fan: Reading;
  pstate: string;
}

export interface SimProcess {
  gpuUuid: string;
  pid: Reading;
  name: string;
  usedMemory: Reading;
}

export interface GpuSource {
  nodeId: string;
  taskId: string;
  modelName: string;
  /** The node's GPU numbers given to this VM; inside the VM they are 0, 1, … */
  hostIndexes: readonly number[];
  count: number;
}

/** A stable fraction in [0, 1) from text. */
function fraction(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** A physical GPU keeps its UUID whichever VM it is passed to. */
function uuidOf(nodeId: string, hostIndex: number): string {
  const h = createHash('sha256').update(`${nodeId}/gpu/${hostIndex}`).digest('hex');
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const wave = (seconds: number, period: number, phase: number): number => Math.sin(2 * Math.PI * (seconds / period + phase));
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function simulatedGpus(src: GpuSource, nowMs: number, pins: readonly (GpuPin | null)[] = []): SimGpu[] {
  const model = gpuModel(src.modelName);
  const s = nowMs / 1000;
  return Array.from({ length: src.count }, (_, index) => {
    const uuid = uuidOf(src.nodeId, src.hostIndexes[index] ?? index);
    const p = fraction(uuid);
    const util = Math.round(clamp(62 + 28 * wave(s, 97, p) + 9 * wave(s, 13.3, 2 * p), 0, 100));
    const pin = pins[index] ?? {};
    const utilization = pin.utilization ?? util;
    const load = typeof utilization === 'number' ? utilization : util;
    const memoryUsed = pin.memory_used_mib ?? Math.round(model.memoryMib * clamp(0.62 + 0.22 * wave(s, 240, p), 0, 1));
    const temperature = pin.temperature_c ?? Math.round(32 + load * 0.42 + 2 * wave(s, 31, p));
    const power = model.idleW + (model.powerLimitW - model.idleW) * 0.92 * (load / 100) + 3 * wave(s, 7.1, p);
    return {
      index, uuid, name: src.modelName, busId: `00000000:${(5 + index).toString(16).toUpperCase().padStart(2, '0')}:00.0`,
      utilization, memoryUsed, memoryTotal: model.memoryMib, temperature,
      powerDraw: pin.power_w ?? Math.round(clamp(power, 1, model.powerLimitW) * 100) / 100,
      powerLimit: model.powerLimitW, fan: model.fan ? Math.round(30 + load * 0.5) : '[N/A]', pstate: load > 0 ? 'P2' : 'P8',
    };
  });
}

/** One training process per busy GPU, holding nearly all of its memory; or the pinned list. */
export function simulatedProcesses(gpus: readonly SimGpu[], taskId: string, pinned?: readonly ProcessPin[]): SimProcess[] {
  if (pinned) {
    return pinned.filter((p) => p.gpu < gpus.length).map((p) => ({ gpuUuid: gpus[p.gpu]!.uuid, pid: p.pid, name: p.name, usedMemory: p.used_memory_mib }));
  }
  const base = 1800 + Math.floor(fraction(taskId) * 4000);
  return gpus.filter((g) => typeof g.utilization === 'number' && g.utilization > 0 && typeof g.memoryUsed === 'number' && g.memoryUsed > 600).map((g) => ({
    gpuUuid: g.uuid, pid: base + g.index * 17, name: '/usr/bin/python3', usedMemory: (g.memoryUsed as number) - 420,
  }));
}
