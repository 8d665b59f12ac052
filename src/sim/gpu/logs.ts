// The node's per-task operation log: lines appended as the VM changes state, a slow heartbeat
// trickle while it runs, and T11 collection with the byte cap (dbc-protocol.md §7 T11).
import { formatDate } from '../format';
import type { Task } from '../state';

/** One heartbeat line every 10 simulated seconds while the VM runs. */
export const TRICKLE_MS = 10_000;
const MAX_STORED_LINES = 5000;
const MAX_CATCH_UP = 500;

function stamp(now: number): string {
  return `${formatDate(now)}.${String(Math.floor(now % 1000)).padStart(3, '0')}`;
}

function trim(task: Task): void {
  if (task.logs.length > MAX_STORED_LINES) task.logs.splice(0, task.logs.length - MAX_STORED_LINES);
}

export function appendLog(task: Task, now: number, text: string): void {
  task.logs.push(`${stamp(now)} [info] ${text}`);
  trim(task);
}

/** Raw lines (admin API): stored exactly as given. */
export function appendRawLines(task: Task, lines: string[]): void {
  task.logs.push(...lines);
  trim(task);
}

/** Cheap deterministic "metrics" so heartbeat lines vary. */
function metric(seed: number, mod: number): number {
  return Math.abs(Math.floor(Math.sin(seed) * 10_000)) % mod;
}

/** Adds the heartbeat lines due since the last one; call before reading logs or changing state. */
export function settleTrickle(task: Task, now: number): void {
  if (task.status !== 'running') {
    task.trickleAt = now;
    return;
  }
  if (now - task.trickleAt > TRICKLE_MS * MAX_CATCH_UP) task.trickleAt = now - TRICKLE_MS * MAX_CATCH_UP;
  while (task.trickleAt + TRICKLE_MS <= now) {
    task.trickleAt += TRICKLE_MS;
    const t = task.trickleAt / 1000;
    appendLog(task, task.trickleAt,
      `heartbeat: domain ${task.taskId} running, cpu ${metric(t, 100)}%, mem ${metric(t + 1, 100)}%, gpu ${metric(t + 2, 100)}%`);
  }
}

export type LogDirection = 'head' | 'tail';

/**
 * Up to `lines` lines from the head or the tail. Each line counts its UTF-8 bytes plus a newline,
 * and collection stops before the total would reach `capBytes` (8192 on 0.4.1.8, 1024 per the seed
 * doc). For `tail` the newest lines are kept; the result is always in file order.
 */
export function collectLogs(all: string[], direction: LogDirection, lines: number, capBytes: number): string[] {
  const window = direction === 'head' ? all.slice(0, lines) : all.slice(Math.max(0, all.length - lines)).reverse();
  const out: string[] = [];
  let size = 0;
  for (const line of window) {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (size + bytes >= capBytes) break;
    size += bytes;
    out.push(line);
  }
  return direction === 'head' ? out : out.reverse();
}
