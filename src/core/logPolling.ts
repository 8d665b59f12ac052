// How long the log follower waits before the next poll: fast while lines arrive, backing off when idle.

export interface PollTiming {
  /** Delay after a poll that brought new lines (and the first delay). */
  minMs: number;
  /** Longest delay while the log is idle. */
  maxMs: number;
  /** Growth of the delay after each idle poll. */
  factor: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = { minMs: 2000, maxMs: 8000, factor: 2 };

/**
 * The next delay: `minMs` after new lines or a gap (the log is busy, and a slow poll risks losing lines),
 * otherwise the previous delay times `factor`, capped at `maxMs`.
 */
export function nextPollDelay(previousMs: number | undefined, appended: number, timing: Partial<PollTiming> = {}): number {
  const t = { ...DEFAULT_POLL_TIMING, ...timing };
  if (previousMs === undefined || appended > 0) return t.minMs;
  return Math.min(t.maxMs, Math.max(t.minMs, Math.round(previousMs * t.factor)));
}
