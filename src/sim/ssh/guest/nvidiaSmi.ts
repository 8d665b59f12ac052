// nvidia-smi as the simulated VM runs it: `--query-gpu` / `--query-compute-apps` with `--format=csv`
// (`noheader`, `nounits`), `-i`, `-L` and the plain table. Output follows NVIDIA's documented CSV
// behaviour: values joined by ", ", units after a space unless `nounits`, unit names in the header
// (`utilization.gpu [%]`), `[N/A]` for values a card lacks, "No devices were found" (exit 6) without
// GPUs, `Field "x" is not a valid field to query.` (exit 2), the driver message (exit 9).
import type { Reading } from './guestConfig';
import type { SimGpu, SimProcess } from './gpuSignals';

export interface SmiAnswer {
  stdout: string;
  stderr: string;
  code: number;
}

export interface SmiWorld {
  driverFailed: boolean;
  gpus: SimGpu[];
  processes: SimProcess[];
}

interface Field<T> {
  header: string;
  unit?: string;
  decimals?: number;
  value: (row: T, all: readonly SimGpu[]) => Reading;
}

export const DRIVER_VERSION = '535.183.01';
const CUDA_VERSION = '12.2';
const DRIVER_FAILED = 'NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n';
const INVALID = 'Invalid combination of input arguments. Please run \'nvidia-smi -h\' for help.\n';

const gpuName: Field<SimGpu> = { header: 'name', value: (g) => g.name };
const busId: Field<SimGpu> = { header: 'pci.bus_id', value: (g) => g.busId };
const GPU_FIELDS: Record<string, Field<SimGpu>> = {
  index: { header: 'index', value: (g) => g.index },
  uuid: { header: 'uuid', value: (g) => g.uuid },
  name: gpuName,
  gpu_name: gpuName,
  'pci.bus_id': busId,
  gpu_bus_id: busId,
  count: { header: 'count', value: (_g, all) => all.length },
  driver_version: { header: 'driver_version', value: () => DRIVER_VERSION },
  pstate: { header: 'pstate', value: (g) => g.pstate },
  'fan.speed': { header: 'fan.speed [%]', unit: '%', value: (g) => g.fan },
  'utilization.gpu': { header: 'utilization.gpu [%]', unit: '%', value: (g) => g.utilization },
  'memory.total': { header: 'memory.total [MiB]', unit: 'MiB', value: (g) => g.memoryTotal },
  'memory.used': { header: 'memory.used [MiB]', unit: 'MiB', value: (g) => g.memoryUsed },
  'memory.free': { header: 'memory.free [MiB]', unit: 'MiB', value: (g) => (typeof g.memoryUsed === 'number' ? g.memoryTotal - g.memoryUsed : '[N/A]') },
  'temperature.gpu': { header: 'temperature.gpu', value: (g) => g.temperature },
  'power.draw': { header: 'power.draw [W]', unit: 'W', decimals: 2, value: (g) => g.powerDraw },
  'power.limit': { header: 'power.limit [W]', unit: 'W', decimals: 2, value: (g) => g.powerLimit },
};

const usedMemory: Field<SimProcess & { gpu: SimGpu }> = { header: 'used_gpu_memory [MiB]', unit: 'MiB', value: (p) => p.usedMemory };
const processName: Field<SimProcess & { gpu: SimGpu }> = { header: 'process_name', value: (p) => p.name };
const APP_FIELDS: Record<string, Field<SimProcess & { gpu: SimGpu }>> = {
  gpu_uuid: { header: 'gpu_uuid', value: (p) => p.gpuUuid },
  gpu_name: { header: 'gpu_name', value: (p) => p.gpu.name },
  gpu_bus_id: { header: 'gpu_bus_id', value: (p) => p.gpu.busId },
  pid: { header: 'pid', value: (p) => p.pid },
  process_name: processName,
  name: processName,
  used_memory: usedMemory,
  used_gpu_memory: usedMemory,
};

interface Options {
  queryGpu?: string;
  queryApps?: string;
  format?: string;
  ids?: string;
  list: boolean;
  help: boolean;
}

export function nvidiaSmi(args: readonly string[], world: () => SmiWorld): SmiAnswer {
  const opts = parseArgs(args);
  if (!opts) return { stdout: INVALID, stderr: '', code: 2 };
  if (opts.help) return ok('NVIDIA System Management Interface -- v' + DRIVER_VERSION + '\n\nUsage: nvidia-smi [OPTION1 [ARG1]] [OPTION2 [ARG2]] ...\n');
  const w = world();
  if (w.driverFailed) return { stdout: DRIVER_FAILED, stderr: '', code: 9 };
  const gpus = selectGpus(w.gpus, opts.ids);
  if (!gpus) return { stdout: INVALID, stderr: '', code: 2 };
  if (gpus.length === 0) return { stdout: 'No devices were found\n', stderr: '', code: 6 };
  if (opts.list) return ok(gpus.map((g) => `GPU ${g.index}: ${g.name} (UUID: ${g.uuid})\n`).join(''));
  if (opts.queryGpu !== undefined) return csv(opts.queryGpu, opts.format, GPU_FIELDS, gpus, w.gpus);
  if (opts.queryApps !== undefined) {
    const uuids = new Map(gpus.map((g) => [g.uuid, g]));
    const rows = w.processes.filter((p) => uuids.has(p.gpuUuid)).map((p) => ({ ...p, gpu: uuids.get(p.gpuUuid)! }));
    return csv(opts.queryApps, opts.format, APP_FIELDS, rows, w.gpus);
  }
  return ok(table(gpus, w.processes));
}

const ok = (stdout: string): SmiAnswer => ({ stdout, stderr: '', code: 0 });

function parseArgs(args: readonly string[]): Options | undefined {
  const opts: Options = { list: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '--query-gpu': opts.queryGpu = value(); break;
      case '--query-compute-apps': opts.queryApps = value(); break;
      case '--format': opts.format = value(); break;
      case '-i': case '--id': opts.ids = value(); break;
      case '-L': case '--list-gpus': opts.list = true; break;
      case '-h': case '--help': opts.help = true; break;
      default: return undefined;
    }
  }
  const queries = [opts.queryGpu, opts.queryApps].filter((q) => q !== undefined).length;
  if (queries > 1 || (queries === 1 && opts.list) || [opts.queryGpu, opts.queryApps, opts.format, opts.ids].some((v) => v === '')) return undefined;
  return opts;
}

function selectGpus(gpus: SimGpu[], ids: string | undefined): SimGpu[] | undefined {
  if (ids === undefined) return gpus;
  const wanted = ids.split(',');
  if (!wanted.every((id) => /^\d+$/.test(id) || /^GPU-/.test(id))) return undefined;
  return gpus.filter((g) => wanted.includes(String(g.index)) || wanted.includes(g.uuid));
}

function csv<T>(query: string, format: string | undefined, known: Record<string, Field<T>>, rows: T[], all: readonly SimGpu[]): SmiAnswer {
  const parts = (format ?? '').split(',');
  if (parts[0] !== 'csv' || !parts.slice(1).every((p) => p === 'noheader' || p === 'nounits')) return { stdout: INVALID, stderr: '', code: 2 };
  const names = query.split(',');
  const bad = names.find((n) => !known[n]);
  if (bad !== undefined) return { stdout: `Field "${bad}" is not a valid field to query.\n\n`, stderr: '', code: 2 };
  const fields = names.map((n) => known[n]!);
  const units = !parts.includes('nounits');
  const lines = rows.map((r) => fields.map((f) => cell(f.value(r, all), f, units)).join(', '));
  if (!parts.includes('noheader')) lines.unshift(fields.map((f) => f.header).join(', '));
  return ok(lines.map((l) => `${l}\n`).join(''));
}

function cell<T>(v: Reading, f: Field<T>, units: boolean): string {
  if (typeof v === 'string') return v;
  const text = f.decimals !== undefined ? v.toFixed(f.decimals) : String(v);
  return units && f.unit ? `${text} ${f.unit}` : text;
}

/** The plain `nvidia-smi` summary table, trimmed to the columns the simulation has. */
function table(gpus: readonly SimGpu[], processes: readonly SimProcess[]): string {
  const n = (v: Reading, unit: string, width: number): string => (typeof v === 'number' ? `${Math.round(v)}${unit}` : 'N/A').padStart(width);
  const row = (text: string): string => `| ${text.padEnd(83)} |`;
  const rule = `+${'-'.repeat(85)}+`;
  const gpuRow = (g: SimGpu): string =>
    `${String(g.index).padStart(3)}  ${g.name.slice(0, 24).padEnd(24)} | ${n(g.temperature, 'C', 4)} ${n(g.powerDraw, 'W', 6)} / ${n(g.powerLimit, 'W', 5)} | ${n(g.memoryUsed, 'MiB', 9)} / ${n(g.memoryTotal, 'MiB', 9)} | ${n(g.utilization, '%', 6)}`;
  const processRow = (p: SimProcess): string =>
    `${String(gpus.find((g) => g.uuid === p.gpuUuid)?.index ?? '?').padStart(4)} ${String(p.pid).padStart(10)}   ${p.name.slice(0, 48).padEnd(48)} ${n(p.usedMemory, 'MiB', 12)}`;
  const lines = [
    rule,
    row(`NVIDIA-SMI ${DRIVER_VERSION}             Driver Version: ${DRIVER_VERSION}     CUDA Version: ${CUDA_VERSION}`),
    rule,
    row(`GPU  ${'Name'.padEnd(24)} | ${'Temp  Pwr:Usage/Cap'.padEnd(18)} | ${'Memory-Usage'.padStart(21)} | ${'Util'.padStart(6)}`),
    rule,
    ...gpus.map((g) => row(gpuRow(g))),
    rule,
    row('Processes:'),
    row(` GPU        PID   ${'Process name'.padEnd(48)} ${'GPU Memory'.padStart(12)}`),
    ...(processes.length === 0 ? [row(' No running processes found')] : processes.map((p) => row(processRow(p)))),
    rule,
  ];
  return `${lines.join('\n')}\n`;
}
