// Image transfer progress (I5/I7) as data: the percentage of a reply, and the polling loop until the
// node says `done`. Pure: reading and sleeping are injected.
import type { TransferProgress } from '../../../api/types';

export type Direction = 'upload' | 'download';

export function percent(p: TransferProgress): number {
  const n = Number.parseFloat(p.progress);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}

export function isDone(p: TransferProgress): boolean {
  return p.status === 'done' || percent(p) >= 100;
}

export type TransferOutcome = { kind: 'done'; last: TransferProgress } | { kind: 'cancelled'; last?: TransferProgress };

export interface TransferWatch {
  read(signal: AbortSignal): Promise<TransferProgress>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  signal: AbortSignal;
  intervalMs: number;
  /** Called with each reply and the percentage gained since the previous one. */
  onProgress?(p: TransferProgress, increment: number): void;
}

export async function watchTransferProgress(w: TransferWatch): Promise<TransferOutcome> {
  let last: TransferProgress | undefined;
  let done = 0;
  for (;;) {
    if (w.signal.aborted) return { kind: 'cancelled', last };
    const p = await w.read(w.signal);
    const now = percent(p);
    w.onProgress?.(p, Math.max(0, now - done));
    done = Math.max(done, now);
    last = p;
    if (isDone(p)) return { kind: 'done', last: p };
    await w.sleep(w.intervalMs, w.signal);
  }
}
