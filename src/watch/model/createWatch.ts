// Waiting for a new VM to come up (5–15 minutes on real nodes) without holding a progress toast open.
// Pure and clock-injected: the caller supplies how to read the task and how to sleep.
import { isCancellation, isOutcomeUnknown, isUnauthenticated } from '../../api/errors';
import type { TaskInfo } from '../../api/types';
import { vmStateOf } from '../../tree/model/vmState';

export type WatchOutcome =
  | { kind: 'running'; info: TaskInfo }
  | { kind: 'failed'; status: string }
  | { kind: 'gone' }
  | { kind: 'timeout'; status: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'cancelled' };

export interface WatchOptions {
  /** The task's details; undefined when the node says it does not exist. */
  read(signal: AbortSignal): Promise<TaskInfo | undefined>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  signal: AbortSignal;
  firstDelayMs: number;
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive read failures tolerated (the node may be busy creating). */
  maxFailures?: number;
  onStatus?(status: string): void;
}

export async function watchCreate(o: WatchOptions): Promise<WatchOutcome> {
  const started = o.now();
  let status = 'creating';
  let failures = 0;
  let delay = o.firstDelayMs;
  for (;;) {
    try {
      await o.sleep(delay, o.signal);
    } catch {
      return { kind: 'cancelled' };
    }
    if (o.signal.aborted) return { kind: 'cancelled' };
    delay = o.intervalMs;
    try {
      const info = await o.read(o.signal);
      failures = 0;
      if (!info) return { kind: 'gone' };
      if (info.status !== status) o.onStatus?.(info.status);
      status = info.status;
      const state = vmStateOf(status);
      if (state === 'running') return { kind: 'running', info };
      if (state === 'error') return { kind: 'failed', status };
    } catch (error) {
      if (isCancellation(error)) return { kind: 'cancelled' };
      if (isUnauthenticated(error) || (!isOutcomeUnknown(error) && ++failures > (o.maxFailures ?? 5))) return { kind: 'error', error };
    }
    if (o.now() - started >= o.timeoutMs) return { kind: 'timeout', status };
  }
}
