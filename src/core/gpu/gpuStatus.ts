// One reading of a VM's GPUs: run the two nvidia-smi queries through `run` (an exec on the VM's SSH
// connection) and turn exit codes and output into a status. Editor-free; the caller owns the connection.
import { parseAppRows, parseGpuRows, SmiParseError, type GpuProcess, type GpuReading } from './smiParse';
import { APP_QUERY, GPU_QUERY, SMI_EXIT } from './smiQuery';

export interface CommandResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

export type RunCommand = (command: string) => Promise<CommandResult>;

export type GpuStatus =
  | { kind: 'ok'; gpus: GpuReading[]; processes: GpuProcess[]; warnings: string[] }
  /** nvidia-smi runs but sees no GPU (`No devices were found`, exit 6, or no rows). */
  | { kind: 'no-gpu' }
  /** The image has no nvidia-smi (the shell's exit 127, `command not found`). */
  | { kind: 'no-nvidia-smi'; detail: string }
  /** nvidia-smi cannot talk to the driver (exit 9) or lost the GPU (exit 15). */
  | { kind: 'driver-failed'; detail: string }
  /** Any other failure, or output the parser does not accept. */
  | { kind: 'failed'; detail: string };

const NOT_FOUND = /nvidia-smi: (command )?not found|nvidia-smi: No such file or directory/;

export async function readGpuStatus(run: RunCommand): Promise<GpuStatus> {
  const [gpu, apps] = await Promise.all([run(GPU_QUERY), run(APP_QUERY)]);
  const failure = commandFailure(gpu);
  if (failure) return failure;
  try {
    const gpus = parseGpuRows(gpu.stdout);
    if (gpus.rows.length === 0) return { kind: 'no-gpu' };
    const warnings = [...gpus.warnings];
    let processes: GpuProcess[] = [];
    if (apps.code === 0) {
      const parsed = parseAppRows(apps.stdout, gpus.rows);
      processes = parsed.rows;
      warnings.push(...parsed.warnings);
    } else {
      warnings.push(`the process list is unavailable: ${firstLine(apps) || `exit status ${apps.code ?? apps.signal}`}`);
    }
    return { kind: 'ok', gpus: gpus.rows, processes, warnings };
  } catch (err) {
    if (err instanceof SmiParseError) return { kind: 'failed', detail: err.message };
    throw err;
  }
}

function commandFailure(r: CommandResult): GpuStatus | undefined {
  const text = firstLine(r);
  if (r.code === SMI_EXIT.commandNotFound || NOT_FOUND.test(`${r.stderr}\n${r.stdout}`)) return { kind: 'no-nvidia-smi', detail: text };
  if (r.code === SMI_EXIT.ok) return undefined;
  if (r.code === SMI_EXIT.notFound && /No devices were found/.test(r.stdout + r.stderr)) return { kind: 'no-gpu' };
  if (r.code === SMI_EXIT.driverNotLoaded || r.code === SMI_EXIT.gpuLost) return { kind: 'driver-failed', detail: text };
  return { kind: 'failed', detail: text || `nvidia-smi ended with ${r.code === null ? `signal ${r.signal ?? '?'}` : `exit status ${r.code}`}` };
}

/** The first non-blank line of the output (nvidia-smi writes most errors to stdout). */
function firstLine(r: CommandResult): string {
  return `${r.stdout}\n${r.stderr}`.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}
