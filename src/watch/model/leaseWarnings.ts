// When the lease guard warns: at each threshold before a rental's end (24 h, 2 h, 15 min by default),
// once per rental and threshold, and once more when it has ended (its VMs are off, and deleted 3 days
// later). When several thresholds passed unseen (the editor was closed), only the most urgent is shown.
// "Don't warn for this rental" silences a rental for good; no thresholds at all, no warnings. Pure.
import type { NodeLease } from '../../tree/model/leaseModel';

/** What the guard remembers (in globalState): warnings shown per rental end, silenced rentals. */
export interface WarnMemory {
  /** leaseKey → thresholds shown (seconds); ENDED once the end was announced. */
  shown: Record<string, number[]>;
  /** orderKeys of silenced rentals. */
  muted: string[];
}

export const ENDED = -1;

export type Warning = { kind: 'before'; threshold: number } | { kind: 'ended' };

export const emptyMemory = (): WarnMemory => ({ shown: {}, muted: [] });

/** The warning due for the rental now, if any. */
export function dueWarning(l: NodeLease, thresholds: readonly number[], memory: WarnMemory): Warning | undefined {
  if (thresholds.length === 0 || memory.muted.includes(l.orderKey)) return undefined;
  const shown = memory.shown[l.key] ?? [];
  if (l.time.phase === 'ended') return shown.includes(ENDED) ? undefined : { kind: 'ended' };
  if (l.time.phase !== 'renting') return undefined;
  const crossed = thresholds.filter((t) => l.time.secondsLeft! <= t);
  if (crossed.length === 0) return undefined;
  const urgent = Math.min(...crossed);
  return shown.includes(urgent) ? undefined : { kind: 'before', threshold: urgent };
}

/** The memory after `warning` was shown: it and every earlier threshold count as seen. */
export function remember(memory: WarnMemory, l: NodeLease, warning: Warning, thresholds: readonly number[]): WarnMemory {
  const seen = warning.kind === 'ended' ? [...thresholds, ENDED] : thresholds.filter((t) => t >= warning.threshold);
  const shown = [...new Set([...(memory.shown[l.key] ?? []), ...seen])].sort((a, b) => b - a);
  return { ...memory, shown: { ...memory.shown, [l.key]: shown } };
}

/** Silences the rental (all its future ends too). */
export function mute(memory: WarnMemory, orderKey: string): WarnMemory {
  return memory.muted.includes(orderKey) ? memory : { ...memory, muted: [...memory.muted, orderKey] };
}

/** Chain seconds until the rental's next warning (a threshold not yet shown, or its end); undefined when none is left. */
export function secondsToNextWarning(l: NodeLease, thresholds: readonly number[], memory: WarnMemory): number | undefined {
  if (thresholds.length === 0 || memory.muted.includes(l.orderKey) || l.time.phase !== 'renting') return undefined;
  const left = l.time.secondsLeft!;
  const shown = memory.shown[l.key] ?? [];
  const points = [...thresholds.filter((t) => t < left && !shown.includes(t)), ...(shown.includes(ENDED) ? [] : [0])];
  return points.length ? left - Math.max(...points) : undefined;
}

/** Drops what is remembered about rentals that are no longer known (keeps the memory small). */
export function prune(memory: WarnMemory, liveKeys: ReadonlySet<string>, liveOrders: ReadonlySet<string>): WarnMemory {
  return {
    shown: Object.fromEntries(Object.entries(memory.shown).filter(([k]) => liveKeys.has(k))),
    muted: memory.muted.filter((k) => liveOrders.has(k)),
  };
}

/** Whether the status bar shows the rental: it has ended (VMs off, deletion coming) or ends within 24 hours. */
export function inStatusBar(l: NodeLease): boolean {
  return l.time.phase === 'ended' || (l.time.phase === 'renting' && l.time.secondsLeft! <= 86_400);
}
