// `--wait`: polls task info until the VM reaches the wanted status, an error status, or disappears.
// Progress goes to stderr as plain lines (one per status change, and a reminder now and then).
import { isNotExist, isOutcomeUnknown } from '../api/errors';
import type { TaskInfo } from '../api/types';
import { vmStateOf } from '../core/taskState';
import type { CliContext } from './context';
import { CliFailure, ExitCode, UsageError } from './exitCodes';

export type WaitGoal = 'running' | 'closed' | 'gone';

export interface WaitOptions {
  goal: WaitGoal;
  /** Give up after this many seconds (exit 4). */
  timeoutSeconds: number;
  /** What the failure line names, e.g. `tasks.create`. */
  route: string;
}

const MAX_READ_FAILURES = 3;
const REMINDER_MS = 30_000;

/** Resolves with the last task info (undefined once it is gone); throws a CliFailure otherwise. */
export async function waitForTask(ctx: CliContext, nodeId: string, taskId: string, o: WaitOptions): Promise<TaskInfo | undefined> {
  const started = Date.now();
  let last = '';
  let lastNote = started;
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    const info = await readTask(ctx, nodeId, taskId).then((r) => ((failures = 0), r), (err: unknown) => {
      if (!isOutcomeUnknown(err) || ++failures >= MAX_READ_FAILURES) throw err;
      return 'retry' as const;
    });
    if (info !== 'retry') {
      if (info === undefined) {
        if (o.goal === 'gone') return undefined;
        throw new CliFailure(`${o.route} failed: task ${taskId} disappeared while waiting for "${o.goal}"`, ExitCode.gpu);
      }
      const elapsed = Math.round((Date.now() - started) / 1000);
      if (info.status !== last || Date.now() - lastNote >= REMINDER_MS) {
        ctx.printer.note(`dbc: ${taskId}: ${info.status} (${elapsed} s)`);
        last = info.status;
        lastNote = Date.now();
      }
      if (info.status === o.goal) return info;
      if (vmStateOf(info.status) === 'error') throw new CliFailure(`${o.route} failed: task ${taskId} ended in status "${info.status}"`, ExitCode.gpu);
    }
    if (ctx.signal?.aborted) throw new CliFailure(`${o.route}: stopped waiting; task ${taskId} is "${last || 'unknown'}"`, ExitCode.interrupted);
    if (Date.now() - started > o.timeoutSeconds * 1000) {
      throw new CliFailure(`${o.route}: task ${taskId} is still "${last}" after ${o.timeoutSeconds} s; check later with: dbc vm info ${taskId}`, ExitCode.transport);
    }
    await ctx.sleep(pollDelayMs(attempt));
  }
}

/** Task info, or undefined when the node says the task does not exist (for the caller). */
async function readTask(ctx: CliContext, nodeId: string, taskId: string): Promise<TaskInfo | undefined> {
  try {
    return await ctx.client().taskInfo(nodeId, taskId, await ctx.authed());
  } catch (err) {
    if (isNotExist(err)) return undefined;
    throw err;
  }
}

/** 1 s, 2 s, 3 s, then every 5 s: quick for actions, modest for a 5–15 minute create. */
export function pollDelayMs(attempt: number): number {
  return Math.min(5000, (attempt + 1) * 1000);
}

/** A `--wait-timeout`-style flag: a positive number of seconds. */
export function seconds(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number of seconds (got "${raw}")`);
  return n;
}
