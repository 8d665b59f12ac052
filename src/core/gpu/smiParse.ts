// Strict parsing of `nvidia-smi --query-gpu=… / --query-compute-apps=… --format=csv,noheader,nounits`
// (see smiQuery.ts for the columns). nvidia-smi writes one row per line, values joined by ", ", and
// never quotes: a GPU or process name containing ", " is rebuilt from the columns around it.
// A value nvidia-smi cannot give is a bracketed word (`[N/A]`, `[Not Supported]`, `[Unknown Error]`,
// `[Insufficient Permissions]`, …) and becomes null. A unit is accepted only if it is the field's own
// (`87 %`, `21000 MiB`, `312.45 W`); anything else — a wrong unit, a short row, text where a number
// belongs — is an SmiParseError naming the line, never a silently wrong figure.
import { sanitizeLogLine } from '../logWindow';
import { APP_FIELDS, FIELD_UNITS, GPU_FIELDS } from './smiQuery';

/** Names come from the VM: terminal escapes and control characters never reach a screen. */
const printable = sanitizeLogLine;

export interface GpuReading {
  index: number;
  uuid: string;
  name: string;
  /** Percent, null when nvidia-smi reports none (e.g. `[N/A]` on a GPU in MIG mode). */
  utilization: number | null;
  memoryUsedMib: number | null;
  memoryTotalMib: number | null;
  temperatureC: number | null;
  powerW: number | null;
}

export interface GpuProcess {
  gpuUuid: string;
  /** Index of the GPU it runs on; null when its uuid names none of the listed GPUs (a MIG device). */
  gpuIndex: number | null;
  /** Null when hidden (`[Not Supported]` on some consumer GPUs, or another PID namespace). */
  pid: number | null;
  name: string;
  usedMemoryMib: number | null;
}

export class SmiParseError extends Error {
  constructor(readonly lineNumber: number, readonly lineText: string, reason: string) {
    super(`unexpected nvidia-smi output on line ${lineNumber} (${reason}): ${JSON.stringify(lineText.slice(0, 200))}`);
    this.name = 'SmiParseError';
  }
}

export interface Parsed<T> {
  rows: T[];
  /** `WARNING: …` lines nvidia-smi prints before the rows (e.g. a corrupted infoROM). */
  warnings: string[];
}

/** Lines that mean "no rows" rather than a malformed row. */
const EMPTY_MARKERS = [/^No devices were found$/, /^No running (compute )?processes found$/];
const UNAVAILABLE = /^\[[A-Za-z][A-Za-z /-]*\]$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const UUID = /^(GPU|MIG)-[A-Za-z0-9/-]+$/;

export function parseGpuRows(stdout: string): Parsed<GpuReading> {
  return parseRows(stdout, GPU_FIELDS.length, (cols, line) => {
    const [index, uuid] = cols;
    const tail = cols.slice(-5);
    const name = printable(cols.slice(2, -5).join(', '));
    if (name.trim() === '') throw line('no GPU name');
    return {
      index: integer(index!, 'index', line),
      uuid: uuidOf(uuid!, line),
      name: name.trim(),
      utilization: measure(tail[0]!, 'utilization.gpu', line),
      memoryUsedMib: measure(tail[1]!, 'memory.used', line),
      memoryTotalMib: measure(tail[2]!, 'memory.total', line),
      temperatureC: measure(tail[3]!, 'temperature.gpu', line),
      powerW: measure(tail[4]!, 'power.draw', line),
    };
  });
}

/** Parses the process rows; `gpus` maps each row's GPU uuid to its index. */
export function parseAppRows(stdout: string, gpus: readonly Pick<GpuReading, 'index' | 'uuid'>[]): Parsed<GpuProcess> {
  return parseRows(stdout, APP_FIELDS.length, (cols, line) => {
    const gpuUuid = uuidOf(cols[0]!, line);
    const pid = measure(cols[1]!, 'pid', line);
    if (pid !== null && (!Number.isInteger(pid) || pid < 0)) throw line(`pid "${cols[1]}" is not a process id`);
    const name = printable(cols.slice(2, -1).join(', ').trim());
    return { gpuUuid, gpuIndex: indexOfUuid(gpuUuid, gpus), pid, name, usedMemoryMib: measure(cols.at(-1)!, 'used_memory', line) };
  });
}

/**
 * A MIG device is named `MIG-GPU-<gpu uuid>/<gi>/<ci>` by drivers before R470 (its GPU is in the
 * name) and `MIG-<uuid>` since (its GPU cannot be told from the name alone).
 */
export function indexOfUuid(uuid: string, gpus: readonly Pick<GpuReading, 'index' | 'uuid'>[]): number | null {
  const parent = /^MIG-(GPU-[^/]+)\//.exec(uuid)?.[1] ?? uuid;
  return gpus.find((g) => g.uuid === parent)?.index ?? null;
}

type LineError = (reason: string) => SmiParseError;

function parseRows<T>(stdout: string, columns: number, row: (cols: string[], error: LineError) => T): Parsed<T> {
  const result: Parsed<T> = { rows: [], warnings: [] };
  stdout.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || EMPTY_MARKERS.some((re) => re.test(text))) return;
    if (/^WARNING:/i.test(text)) {
      result.warnings.push(printable(text));
      return;
    }
    const error: LineError = (reason) => new SmiParseError(i + 1, text, reason);
    // Split on every comma; a name holding ", " spans several columns and is rejoined by the caller.
    const cols = text.split(',').map((c) => c.trim());
    if (cols.length < columns) throw error(`${cols.length} of ${columns} columns`);
    result.rows.push(row(cols, error));
  });
  return result;
}

function uuidOf(text: string, error: LineError): string {
  if (!UUID.test(text)) throw error(`"${text}" is not a GPU uuid`);
  return text;
}

function integer(text: string, field: string, error: LineError): number {
  if (!/^\d+$/.test(text)) throw error(`${field} "${text}" is not a whole number`);
  return Number(text);
}

/** A number, with the field's own unit or none; a bracketed word (`[N/A]`) is null. */
function measure(text: string, field: string, error: LineError): number | null {
  if (UNAVAILABLE.test(text)) return null;
  const unit = FIELD_UNITS[field];
  let number = text;
  if (unit && text.endsWith(unit)) number = text.slice(0, -unit.length).trim();
  if (!NUMBER.test(number)) throw error(`${field} "${text}" is not a number${unit ? ` in ${unit}` : ''}`);
  return Number(number);
}
