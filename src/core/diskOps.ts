// Disk operations are queued by the node: `ok` only means the task worker will do it. Whether it was
// done shows in the disk list (a grown size, a new disk, a disk gone), and a failure only in the VM's
// log (`task have no disk:…`, `vm attach disk failed:…`, `detach disk failed:…` — TaskDiskManager.cpp).
// This decides, from what the client reads back, whether an operation is done, failed or pending.
import type { DiskEntry } from '../api/types';

export type DiskOp =
  | { kind: 'resize'; disk: string; addGb: number }
  | { kind: 'add'; sizeGb: number }
  | { kind: 'delete'; disk: string };

export type DiskOpOutcome = { state: 'done'; disk?: DiskEntry } | { state: 'failed'; reason: string } | { state: 'pending' };

/** The node's functions that log a disk operation's result (the `| function |` field of a log line). */
const LOG_FUNCTIONS: Record<DiskOp['kind'], string> = {
  resize: 'process_resize_disk', add: 'process_add_disk', delete: 'process_delete_disk',
};

/** `350G`, `1.5T` … in GB; undefined when unreadable. */
export function sizeInGb(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTP])?B?$/i.exec(size.trim());
  if (!m) return undefined;
  const power = { K: -2, M: -1, G: 0, T: 1, P: 2 }[(m[2] ?? 'G').toUpperCase() as 'K' | 'M' | 'G' | 'T' | 'P'];
  return Number(m[1]) * 1024 ** power;
}

/** The lines of `after` that came after `before` (both tail windows of the same log, oldest first). */
export function newLogLines(before: readonly string[], after: readonly string[]): string[] {
  const last = before[before.length - 1];
  if (last === undefined) return [...after];
  const at = after.lastIndexOf(last);
  return at < 0 ? [...after] : after.slice(at + 1);
}

/** An error line this operation's worker function wrote (`… | error   | TaskDiskManager.cpp | … | process_add_disk | vm attach …`). */
function failureIn(op: DiskOp, lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const fields = line.split(' | ');
    if (fields.length >= 7 && fields[2]?.trim() === 'error' && fields[5] === LOG_FUNCTIONS[op.kind]) return fields.slice(6).join(' | ');
  }
  return undefined;
}

export function diskOpOutcome(op: DiskOp, before: readonly DiskEntry[], after: readonly DiskEntry[], logLines: readonly string[]): DiskOpOutcome {
  const failed = failureIn(op, logLines);
  if (failed) return { state: 'failed', reason: failed };
  switch (op.kind) {
    case 'resize': {
      const was = before.find((d) => d.name === op.disk);
      const now = after.find((d) => d.name === op.disk);
      const [a, b] = [was && sizeInGb(was.size), now && sizeInGb(now.size)];
      return a !== undefined && b !== undefined && b > a ? { state: 'done', disk: now } : { state: 'pending' };
    }
    case 'add': {
      const added = after.find((d) => !before.some((b) => b.name === d.name));
      return added ? { state: 'done', disk: added } : { state: 'pending' };
    }
    case 'delete':
      return after.some((d) => d.name === op.disk) ? { state: 'pending' } : { state: 'done' };
  }
}

/** What the client reads back to judge a disk operation: the disk list and a tail window of the VM log. */
export interface DiskReadBack {
  disks: DiskEntry[];
  log: string[];
}

export interface DiskOpWait {
  /** Reads the disk list and the log tail again. */
  read(): Promise<DiskReadBack>;
  sleep(ms: number): Promise<void>;
  /** The pause before the n-th read (0-based). */
  delayMs(attempt: number): number;
  /** Give up after this long. */
  timeoutMs: number;
  now?(): number;
  /** Checked after each read: stop waiting (the node goes on). */
  stopped?(): boolean;
}

export type DiskOpWaitOutcome = Exclude<DiskOpOutcome, { state: 'pending' }> | { state: 'timeout' } | { state: 'stopped' };

/** Reads back until the node reports the operation done or failed, the time is up, or the caller stops. */
export async function waitForDiskOp(op: DiskOp, before: DiskReadBack, w: DiskOpWait): Promise<DiskOpWaitOutcome> {
  const now = () => w.now?.() ?? Date.now();
  const started = now();
  for (let attempt = 0; ; attempt++) {
    await w.sleep(w.delayMs(attempt));
    const after = await w.read();
    const outcome = diskOpOutcome(op, before.disks, after.disks, newLogLines(before.log, after.log));
    if (outcome.state !== 'pending') return outcome;
    if (w.stopped?.()) return { state: 'stopped' };
    if (now() - started > w.timeoutMs) return { state: 'timeout' };
  }
}
