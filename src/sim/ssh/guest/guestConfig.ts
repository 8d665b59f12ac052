// What runs inside a simulated VM, as the scenario (`guest` key) and the admin API set it: whether the
// image has nvidia-smi, pinned GPU readings and processes, and which guest ports an HTTP service answers
// on (for `ssh -L` forwarding). Checked here so bad input gets a precise message.

/** A reading: a number, or one of nvidia-smi's bracketed words such as "[N/A]" or "[Not Supported]". */
export type Reading = number | string;

export interface GpuPin {
  utilization?: Reading;
  memory_used_mib?: Reading;
  temperature_c?: Reading;
  power_w?: Reading;
}

export interface ProcessPin {
  /** VM-local GPU index. */
  gpu: number;
  pid: Reading;
  name: string;
  used_memory_mib: Reading;
}

export interface GuestTaskConfig {
  /** false: the image has no nvidia-smi; "driver-failed": it cannot reach the driver. Default true. */
  nvidia_smi?: boolean | 'driver-failed';
  /** Pins by VM-local GPU index; unpinned fields (and null entries) keep varying over time. */
  gpus?: (GpuPin | null)[];
  /** Replaces the simulated processes (`[]` = none). */
  processes?: ProcessPin[];
  /** Guest ports answered by the simulated HTTP service (default: the scenario's, else 8888 and 6006). */
  http_ports?: number[];
}

export interface GuestScenario {
  /** Images without NVIDIA drivers: their VMs answer `nvidia-smi: command not found`. */
  images_without_nvidia_smi?: string[];
  http_ports?: number[];
  tasks?: Record<string, GuestTaskConfig>;
}

export const DEFAULT_HTTP_PORTS = [8888, 6006];
const PIN_FIELDS = ['utilization', 'memory_used_mib', 'temperature_c', 'power_w'] as const;
const BRACKETED = /^\[[A-Za-z][A-Za-z /-]*\]$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reading(v: unknown, where: string): Reading {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v === 'string' && BRACKETED.test(v)) return v;
  throw new Error(`${where} must be a number >= 0 or a bracketed word such as "[N/A]" (got ${JSON.stringify(v)})`);
}

function ports(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || !v.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)) throw new Error(`${where} must be an array of ports 1-65535`);
  return v as number[];
}

function gpuPin(v: unknown, where: string): GpuPin | null {
  if (v === null) return null;
  if (!isRecord(v)) throw new Error(`${where} must be an object or null`);
  const unknown = Object.keys(v).find((k) => !(PIN_FIELDS as readonly string[]).includes(k));
  if (unknown) throw new Error(`${where}.${unknown} is not a GPU reading (known: ${PIN_FIELDS.join(', ')})`);
  const pin: GpuPin = {};
  for (const f of PIN_FIELDS) if (v[f] !== undefined) pin[f] = reading(v[f], `${where}.${f}`);
  if (typeof pin.utilization === 'number' && pin.utilization > 100) throw new Error(`${where}.utilization must be at most 100`);
  return pin;
}

function processPin(v: unknown, where: string): ProcessPin {
  if (!isRecord(v)) throw new Error(`${where} must be an object`);
  if (!Number.isInteger(v.gpu) || (v.gpu as number) < 0) throw new Error(`${where}.gpu must be a VM-local GPU index`);
  if (typeof v.name !== 'string' || v.name === '' || /[\r\n]/.test(v.name)) throw new Error(`${where}.name must be a one-line process name`);
  return { gpu: v.gpu as number, pid: reading(v.pid ?? 1000, `${where}.pid`), name: v.name, used_memory_mib: reading(v.used_memory_mib ?? 0, `${where}.used_memory_mib`) };
}

/** Checks one task's settings; `where` prefixes messages (e.g. `guest.tasks.X`). */
export function parseGuestTaskConfig(v: unknown, where = 'guest'): GuestTaskConfig {
  if (!isRecord(v)) throw new Error(`${where} must be a JSON object`);
  const known = ['nvidia_smi', 'gpus', 'processes', 'http_ports'];
  const unknown = Object.keys(v).find((k) => !known.includes(k));
  if (unknown) throw new Error(`${where}.${unknown} is not a guest setting (known: ${known.join(', ')})`);
  const out: GuestTaskConfig = {};
  if (v.nvidia_smi !== undefined) {
    if (v.nvidia_smi !== true && v.nvidia_smi !== false && v.nvidia_smi !== 'driver-failed') throw new Error(`${where}.nvidia_smi must be true, false or "driver-failed"`);
    out.nvidia_smi = v.nvidia_smi;
  }
  if (v.gpus !== undefined) {
    if (!Array.isArray(v.gpus)) throw new Error(`${where}.gpus must be an array (one entry per VM GPU)`);
    out.gpus = v.gpus.map((g, i) => gpuPin(g, `${where}.gpus[${i}]`));
  }
  if (v.processes !== undefined) {
    if (!Array.isArray(v.processes)) throw new Error(`${where}.processes must be an array`);
    out.processes = v.processes.map((p, i) => processPin(p, `${where}.processes[${i}]`));
  }
  if (v.http_ports !== undefined) out.http_ports = ports(v.http_ports, `${where}.http_ports`);
  return out;
}

export function parseGuestScenario(v: unknown): GuestScenario {
  if (v === undefined) return {};
  if (!isRecord(v)) throw new Error('scenario: guest must be a JSON object');
  const images = v.images_without_nvidia_smi;
  if (images !== undefined && (!Array.isArray(images) || !images.every((i) => typeof i === 'string'))) {
    throw new Error('scenario: guest.images_without_nvidia_smi must be an array of image names');
  }
  const tasks = v.tasks === undefined ? {} : v.tasks;
  if (!isRecord(tasks)) throw new Error('scenario: guest.tasks must be an object keyed by task id');
  return {
    images_without_nvidia_smi: images as string[] | undefined,
    http_ports: v.http_ports === undefined ? undefined : ports(v.http_ports, 'scenario: guest.http_ports'),
    tasks: Object.fromEntries(Object.entries(tasks).map(([id, t]) => [id, parseGuestTaskConfig(t, `scenario: guest.tasks.${id}`)])),
  };
}
