// `vm logs`: one window of the node's operation log for a VM, or `--follow` it with the follower the
// extension uses (src/core/logFollower.ts): only new lines, gap markers, faster polls while lines arrive;
// stops on Ctrl+C or when the VM is gone.
import type { Command } from 'commander';
import { isCancellation, isOutcomeUnknown } from '../../api/errors';
import { followLog, goneAfterCheck } from '../../core/logFollower';
import type { GapMarker } from '../../core/logMarkers';
import { sanitizeLogLine } from '../../core/logWindow';
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

async function follow(ctx: CliContext, task: string, opts: LogOpts): Promise<number> {
  if (opts.head) throw new UsageError('--follow reads the end of the log; it cannot be combined with --head');
  const first = lineCount(opts.lines);
  const timing = { minMs: intervalMs('--min-interval', opts.minInterval), maxMs: intervalMs('--max-interval', opts.maxInterval) };
  if (timing.maxMs < timing.minMs) throw new UsageError('--max-interval must not be shorter than --min-interval');
  const nodeId = ctx.nodeId();
  await ctx.credential();
  const end = await followLog({
    signal: ctx.signal,
    timing,
    firstLines: first,
    sleep: (ms) => ctx.sleep(ms),
    fetchWindow: async (lines) => (await ctx.client().taskLogs(nodeId, task, { ...(await ctx.authed()), flag: 'tail', lines })).log_content,
    onEvent: (e) => {
      if (e.gap) printGap(ctx, e.gap);
      for (const line of e.lines) printLine(ctx, line);
    },
    isGone: (err) => goneAfterCheck(err, async () => ctx.client().taskInfo(nodeId, task, await ctx.authed())),
    onError: (err) => {
      if (isCancellation(err) || ctx.signal?.aborted || !isOutcomeUnknown(err)) throw err;
      ctx.printer.note(`dbc: ${describeFailure(err).text}; still following`);
    },
  }).catch((err: unknown) => {
    if (isCancellation(err) || ctx.signal?.aborted) return 'aborted' as const;
    throw err;
  });
  if (end === 'gone') ctx.printer.note(`dbc: ${task} no longer exists; stopped following`);
  return ExitCode.ok;
}

function printLine(ctx: CliContext, line: string): void {
  if (ctx.printer.json) ctx.io.stdout.write(`${JSON.stringify({ line })}\n`);
  else ctx.printer.line(line);
}

function printGap(ctx: CliContext, gap: GapMarker): void {
  if (ctx.printer.json) ctx.io.stdout.write(`${JSON.stringify({ gap: gap.kind, message: gap.label.message })}\n`);
  else ctx.printer.line(gap.label.message);
}
