// `vm logs`: one window of the node's operation log for a VM, or `--follow` it: poll the tail window,
// print only the lines not seen before (stitched, src/core/logStitch.ts), mark gaps, poll faster
// while lines arrive, and stop on Ctrl+C or when the VM is gone.
import type { Command } from 'commander';
import { GpuNodeError, isCancellation, isOutcomeUnknown } from '../../api/errors';
import { nextPollDelay } from '../../core/logPolling';
import { INITIAL_STITCH_STATE, stitch, type GapMarker, type StitchState } from '../../core/logStitch';
import { catchUpLineCount, CURRENT_NODE_CAPS, DEFAULT_LINE_COUNT, sanitizeLogLine } from '../../core/logWindow';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { ExitCode, UsageError } from '../exitCodes';
import { describeFailure } from '../output';

interface LogOpts {
  head?: boolean;
  tail?: boolean;
  lines: string;
  follow?: boolean;
  minInterval: string;
  maxInterval: string;
}

export function registerVmLogs(vm: Command, rt: Runtime): void {
  const cmd = vm.command('logs')
    .description('print the node\'s operation log of a VM (the last lines by default); --follow keeps printing new lines')
    .argument('<task>', 'the task id')
    .option('--head', 'the first lines of the log')
    .option('--tail', 'the last lines of the log (default)')
    .option('-n, --lines <n>', 'how many lines, 1–100 (the node caps a window at 100 lines and 8 KiB)', '100')
    .option('-f, --follow', 'keep polling and print new lines until Ctrl+C or until the VM is deleted')
    .option('--min-interval <seconds>', 'with --follow: delay after new lines', '2')
    .option('--max-interval <seconds>', 'with --follow: longest delay while the log is idle', '30')
    .action(action<LogOpts>(rt, (ctx, [task], opts) => (opts.follow ? follow(ctx, task!, opts) : printWindow(ctx, task!, opts))));
  examples(cmd, ['dbc vm logs Gz3SL4zw1wKGNxKCkCS5eZ -n 20', 'dbc vm logs Gz3SL4zw1wKGNxKCkCS5eZ --head', 'dbc vm logs Gz3SL4zw1wKGNxKCkCS5eZ --follow']);
}

function lineCount(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw new UsageError(`--lines must be a whole number from 1 to 100 (got "${raw}")`);
  return n;
}

function intervalMs(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number of seconds (got "${raw}")`);
  return Math.round(n * 1000);
}

async function printWindow(ctx: CliContext, task: string, opts: LogOpts): Promise<void> {
  if (opts.head && opts.tail) throw new UsageError('pass either --head or --tail, not both');
  const lines = lineCount(opts.lines);
  const logs = await ctx.client().taskLogs(ctx.nodeId(), task, { ...(await ctx.authed()), flag: opts.head ? 'head' : 'tail', lines });
  if (ctx.printer.json) return ctx.printer.printJson(logs);
  for (const l of logs.log_content) ctx.printer.line(sanitizeLogLine(l));
}

interface Follower {
  ctx: CliContext;
  nodeId: string;
  task: string;
  state: StitchState;
  /** Lines of the next emitted batch to leave out (the part of the first window before `-n`). */
  skip: number;
}

async function follow(ctx: CliContext, task: string, opts: LogOpts): Promise<number> {
  if (opts.head) throw new UsageError('--follow reads the end of the log; it cannot be combined with --head');
  const first = lineCount(opts.lines);
  const timing = { minMs: intervalMs('--min-interval', opts.minInterval), maxMs: intervalMs('--max-interval', opts.maxInterval) };
  if (timing.maxMs < timing.minMs) throw new UsageError('--max-interval must not be shorter than --min-interval');
  const f: Follower = { ctx, nodeId: ctx.nodeId(), task, state: INITIAL_STITCH_STATE, skip: 0 };
  await ctx.credential();
  // Always read full windows (a growing window could not be stitched); show only `-n` lines of the first.
  let requested = DEFAULT_LINE_COUNT;
  let delay: number | undefined;
  let firstWindow = true;
  while (!ctx.signal?.aborted) {
    const window = await readWindow(f, requested);
    if (window === 'stop') break;
    if (window === 'gone') {
      ctx.printer.note(`dbc: ${task} no longer exists; stopped following`);
      break;
    }
    if (window && firstWindow) f.skip = Math.max(0, window.length - first);
    if (window) firstWindow = false;
    const appended = window ? emit(f, window, requested) : 0;
    // The 8 KiB cap may have cut the newest lines off this window: ask again at once for the rest.
    const catchUp = window ? catchUpLineCount(window, requested, CURRENT_NODE_CAPS) : undefined;
    requested = catchUp ?? DEFAULT_LINE_COUNT;
    if (catchUp !== undefined) continue;
    delay = nextPollDelay(delay, appended, timing);
    await ctx.sleep(delay);
  }
  return ExitCode.ok;
}

/** The tail window; undefined after a transient failure, `gone` when the VM is deleted, `stop` on Ctrl+C. */
async function readWindow(f: Follower, lines: number): Promise<string[] | undefined | 'gone' | 'stop'> {
  try {
    const logs = await f.ctx.client().taskLogs(f.nodeId, f.task, { ...(await f.ctx.authed()), flag: 'tail', lines });
    return logs.log_content;
  } catch (err) {
    if (isCancellation(err) || f.ctx.signal?.aborted) return 'stop';
    if (err instanceof GpuNodeError && !err.isAuthority && /not exist/.test(err.nodeMessage)) return (await taskExists(f)) ? undefined : 'gone';
    if (!isOutcomeUnknown(err)) throw err;
    f.ctx.printer.note(`dbc: ${describeFailure(err).text}; still following`);
    return undefined;
  }
}

async function taskExists(f: Follower): Promise<boolean> {
  try {
    await f.ctx.client().taskInfo(f.nodeId, f.task, await f.ctx.authed());
    return true;
  } catch (err) {
    if (err instanceof GpuNodeError && !err.isAuthority && /not exist/.test(err.nodeMessage)) return false;
    throw err;
  }
}

function emit(f: Follower, window: string[], requested: number): number {
  const result = stitch(f.state, { lines: window, requested }, { caps: CURRENT_NODE_CAPS });
  f.state = result.state;
  if (result.gap) printGap(f.ctx, result.gap);
  const shown = result.lines.slice(f.skip);
  f.skip = 0;
  for (const line of shown) {
    if (f.ctx.printer.json) f.ctx.io.stdout.write(`${JSON.stringify({ line })}\n`);
    else f.ctx.printer.line(line);
  }
  return result.lines.length + (result.gap ? 1 : 0);
}

function printGap(ctx: CliContext, gap: GapMarker): void {
  if (ctx.printer.json) ctx.io.stdout.write(`${JSON.stringify({ gap: gap.kind, message: gap.label.message })}\n`);
  else ctx.printer.line(gap.label.message);
}
