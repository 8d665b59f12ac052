// `vm gpu`: the VM's GPUs as nvidia-smi sees them (utilization, memory, temperature, power) and the
// processes using them, over SSH with the installed key; `--watch S` samples every S seconds on one
// connection until Ctrl+C. `--json` prints {"gpus": [...], "processes": [...]} (one line per sample
// with --watch, plus "time").
import type { Command } from 'commander';
import { gpuReadingJson, type GpuReadingJson } from '../../core/gpu/gpuJson';
import { readGpuStatus, type GpuStatus } from '../../core/gpu/gpuStatus';
import { SshConnectionPool } from '../../ssh/core/connectionPool';
import { connectWithKey } from '../../ssh/core/keySession';
import { execCollect } from '../../ssh/core/sshClient';
import { SshError } from '../../ssh/core/sshErrors';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { CliFailure, ExitCode } from '../exitCodes';
import { describeFailure, type Column } from '../output';
import { vmAccess, type VmAccess } from '../vmAccess';
import { seconds } from '../wait';

interface GpuOpts {
  identity?: string;
  watch?: string;
  sshTimeout: string;
}

export function registerVmGpu(vm: Command, rt: Runtime): void {
  examples(vm.command('gpu')
    .description('show the VM\'s GPUs (utilization, memory, temperature, power) and their processes, read with nvidia-smi over SSH')
    .argument('<task>', 'the task id')
    .option('--identity <keyfile>', 'the private key to log in with (default: the key DBC installed, from ~/.ssh/dbc/config)')
    .option('--watch <seconds>', 'sample again every SECONDS on the same connection until Ctrl+C')
    .option('--ssh-timeout <seconds>', 'limit for the SSH connect and login', '20')
    .action(action<GpuOpts>(rt, (ctx, [task], opts) => gpu(ctx, task!, opts))),
  ['dbc vm gpu Gz3SL4zw1wKGNxKCkCS5eZ', 'dbc vm gpu Gz3SL4zw1wKGNxKCkCS5eZ --watch 5', 'dbc vm gpu Gz3SL4zw1wKGNxKCkCS5eZ --json | jq \'.gpus[].utilization\'']);
}

async function gpu(ctx: CliContext, task: string, opts: GpuOpts): Promise<number> {
  const every = opts.watch === undefined ? undefined : seconds('--watch', opts.watch);
  const access = await vmAccess(ctx, task, opts);
  const pool = new SshConnectionPool(60_000);
  const read = (): Promise<GpuStatus> => pool.use(task, () => connectWithKey(access.login), (client) => readGpuStatus((cmd) => execCollect(client, cmd)));
  try {
    if (every === undefined) return report(ctx, task, await read(), false);
    return await watch(ctx, access, read, every);
  } finally {
    pool.closeAll();
  }
}

async function watch(ctx: CliContext, access: VmAccess, read: () => Promise<GpuStatus>, every: number): Promise<number> {
  const task = access.info.task_id;
  while (!ctx.signal?.aborted) {
    try {
      const code = report(ctx, task, await read(), true);
      if (code !== ExitCode.ok) return code;
    } catch (err) {
      if (ctx.signal?.aborted) break;
      if (!(err instanceof SshError)) throw err;
      const info = await ctx.client().taskInfo(access.vm.nodeId, task, await ctx.authed());
      if (info.status !== 'running') {
        ctx.printer.note(`dbc: ${task} is ${info.status}; stopped watching`);
        return ExitCode.ok;
      }
      ctx.printer.note(`dbc: ${describeFailure(err).text}; trying again in ${every} s`);
    }
    await ctx.sleep(every * 1000);
  }
  return ExitCode.ok;
}

/** Prints one reading; a VM without nvidia-smi is a failure, other problems are notes while watching. */
function report(ctx: CliContext, task: string, status: GpuStatus, watching: boolean): number {
  switch (status.kind) {
    case 'ok':
      for (const w of status.warnings) ctx.printer.note(`dbc: ${task}: ${w}`);
      print(ctx, gpuReadingJson(status.gpus, status.processes), watching);
      return ExitCode.ok;
    case 'no-gpu':
      print(ctx, { gpus: [], processes: [] }, watching);
      return ExitCode.ok;
    case 'no-nvidia-smi':
      throw new CliFailure(`${task} has no nvidia-smi (an image without the NVIDIA driver?): ${status.detail}`, ExitCode.ssh);
    case 'driver-failed':
    case 'failed':
      if (!watching) throw new CliFailure(`nvidia-smi failed on ${task}: ${status.detail}`, ExitCode.ssh);
      ctx.printer.note(`dbc: nvidia-smi failed on ${task}: ${status.detail}`);
      return ExitCode.ok;
  }
}

function print(ctx: CliContext, reading: GpuReadingJson, watching: boolean): void {
  if (ctx.printer.json) {
    if (watching) ctx.printer.line(JSON.stringify({ time: new Date().toISOString(), ...reading }));
    else ctx.printer.printJson(reading);
    return;
  }
  if (watching) ctx.printer.line(`--- ${new Date().toLocaleTimeString()}`);
  ctx.printer.table(reading.gpus, GPU_COLUMNS, '(no GPUs)');
  if (reading.gpus.length === 0) return;
  ctx.printer.line();
  ctx.printer.table(reading.processes, PROCESS_COLUMNS, '(no processes)');
}

const na = (v: number | null, unit = ''): string => (v === null ? 'n/a' : `${v}${unit}`);

const GPU_COLUMNS: Column<GpuReadingJson['gpus'][number]>[] = [
  { header: 'GPU', value: (g) => String(g.index) },
  { header: 'NAME', value: (g) => g.name },
  { header: 'UTIL', value: (g) => na(g.utilization, ' %') },
  { header: 'MEMORY', value: (g) => `${na(g.memory_used_mib)} / ${na(g.memory_total_mib)} MiB` },
  { header: 'TEMP', value: (g) => na(g.temperature_c, ' °C') },
  { header: 'POWER', value: (g) => na(g.power_w, ' W') },
];

const PROCESS_COLUMNS: Column<GpuReadingJson['processes'][number]>[] = [
  { header: 'GPU', value: (p) => (p.gpu_index === null ? p.gpu_uuid : String(p.gpu_index)) },
  { header: 'PID', value: (p) => na(p.pid) },
  { header: 'MEMORY', value: (p) => na(p.used_memory_mib, ' MiB') },
  { header: 'PROCESS', value: (p) => p.name },
];
