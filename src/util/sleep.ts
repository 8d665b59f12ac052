// The one cancellable wait: node's timers/promises. Resolves after `ms`; rejects with an AbortError as
// soon as `signal` aborts (a polling loop that wants to end quietly checks `signal.aborted` in its catch).
import { setTimeout as delay } from 'node:timers/promises';

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}

/** True for the rejection of an aborted wait (or any other AbortError). */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
