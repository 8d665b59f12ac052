// What one poll of a task log has seen, by distance from the end of the log (1 = the newest line).
//
// A node answers `line_num=N` with the lines from N back, read forward until the byte cap (logWindow.ts):
// while the log does not grow, that window is exactly the lines at distances N, N-1, … So the windows of
// one poll land at known places; a window that disagrees with what the poll saw before shows the log grew
// in between, and the poll starts over from that window. Where the lines printed so far end in this
// picture (how many lines are new) is found by content (`anchor`).

import { contentBytes, utf8Length } from './logWindow';

/** Stands in the printed lines for a line not printed between two printed ones (no log line holds a newline). */
export const HIDDEN = '\n';

/** A distance whose line no window can show: longer than the byte cap, or a window holding it fails. */
export const UNREADABLE = Symbol('unreadable');

export interface Seen {
  text: string;
  /** Which fetch of the follow, and the line's index in that window. */
  window: number;
  index: number;
}

export type Slot = Seen | typeof UNREADABLE | undefined;

export interface Anchor {
  /** Lines after the last printed one. */
  newLines: number;
  /** Lines seen by this poll that agree with the printed ones at this placement. */
  overlap: number;
  /** The overlap holds a long line seen nowhere else (repeated short lines agree in many places). */
  safe: boolean;
}

/** A line this long that occurs once can place a window alone (timestamps, ids: not a stock message). */
export const DISTINCT_BYTES = 16;

/** Farthest a window reaches back (the node honours line_num up to 100). */
export const MAX_DISTANCE = 100;

export class PollMap {
  /** slots[d] for distance d (1 … 100). */
  private slots: Slot[] = [];
  /** A window landed nearer the end than asked (content says so): the log holds no line beyond this distance. */
  logLength: number | undefined;
  /** Lines this poll's windows with every line asked for showed the log to hold (minLength may date from
   * before the log was rotated). */
  private provenHere = 0;
  /** Where the last window that landed nearer the end than asked starts. */
  shiftedTo: number | undefined;
  /** The log holds at least this many lines (an earlier poll saw them, or a window here proved them). */
  minLength: number;

  /** `minLength`: lines the log is known to hold (it only grows, until it is replaced). */
  constructor(minLength = 0) {
    this.minLength = minLength;
  }

  slot(distance: number): Slot {
    return this.slots[distance];
  }

  /**
   * Places the window asked with `requested` lines (`cut`: fewer lines than asked, so the log may be that
   * short, or the byte cap ended it). A window with every line asked for starts exactly `requested` lines
   * back: it is placed there, and when it disagrees with what this poll saw before, that was seen before
   * the log moved: the map starts over from it ('reset'). A cut window is placed only where it agrees with
   * what was seen: at `requested` when it shares a line there; else by content, nearer the end — the log
   * is shorter than asked, or grew in between ('start': no further back to ask for); else it is not placed
   * ('unverified'), and a poll's first window is never placed cut; one line asked one past what was seen
   * starts there unless the log grew ('guessed'). An empty window marks its distance
   * unreadable ('empty' when it is the first: nothing can be shown now).
   */
  add(requested: number, lines: readonly string[], window: number, cut: boolean, maxBytes: number): 'placed' | 'guessed' | 'reset' | 'start' | 'unverified' | 'empty' {
    const n = Math.min(requested, MAX_DISTANCE);
    const first = this.farthest === 0;
    if (lines.length === 0) {
      if (first) return 'empty';
      this.markUnreadable(n, n); // the line there is above the byte cap
      return 'placed';
    }
    const shared = this.shared(n, lines);
    if (!cut) {
      if (first || (shared ?? 0) > 0 || (shared === 0 && this.shifted(n, lines) === undefined)) return this.put(n, lines, window, 'placed');
      this.slots = [];
      this.logLength = undefined;
      return this.put(n, lines, window, 'reset');
    }
    if (first) return 'unverified';
    // This poll showed the log holds n lines: the window starts there, unless the log moved in between.
    if (n <= this.provenHere) {
      if (shared === undefined) return 'unverified';
      return this.put(n, lines, window, shared > 0 ? 'placed' : 'guessed', false);
    }
    // The log held n lines before (it only grows, unless replaced), the window agrees there, and the byte
    // cap stopped the node right before the line known to follow it: it starts at n.
    if (n <= this.minLength && shared !== undefined && shared > 0 && this.cutBefore(n, lines, maxBytes)) return this.put(n, lines, window, 'placed');
    // Cut, it may start nearer than asked (a shorter log): it must agree at n only (repeated lines agree
    // in several places).
    if (shared !== undefined && shared > 0 && !this.agreesNearer(n, lines)) return this.put(n, lines, window, 'placed', false);
    // The log held n lines before: a window there is not the start of a shorter log unless it was replaced,
    // and then no window finds the printed lines (the poll ends behind a gap marker).
    const s = n <= this.minLength ? undefined : this.shifted(n, lines, maxBytes);
    if (s !== undefined) {
      this.shiftedTo = s;
      return this.put(s, lines, window, 'start', false);
    }
    // One line past what was seen, a one-line window (its line fills the byte cap) starts right there; so
    // does any window when the log is known to hold that many lines — the lines between it and what was
    // seen are asked for later, and those windows overlap it (or show that the log moved).
    if (shared !== 0) return 'unverified';
    if (n === this.farthest + 1 && lines.length === 1) {
      const last = this.slots[this.farthest];
      // The line seen farthest back again: most likely the log starts there.
      if (last !== undefined && last !== UNREADABLE && last.text === lines[0]) {
        this.shiftedTo = this.farthest;
        return 'start';
      }
      return this.put(n, lines, window, 'guessed', false);
    }
    return 'unverified';
  }

  /** Lines this poll's own windows showed the log to hold. */
  get provenLength(): number {
    return this.provenHere;
  }

  /** The lines printed agree with what this poll saw: the log was not replaced, it holds what it held. */
  trustLength(lines: number): void {
    this.provenHere = Math.max(this.provenHere, Math.min(lines, MAX_DISTANCE));
  }

  /** Puts the window's lines at n, n-1, …; `proven`: the log surely holds n lines (else the place is a guess). */
  private put<R>(n: number, lines: readonly string[], window: number, result: R, proven = true, cutWindow = false): R {
    lines.forEach((text, i) => {
      if (n - i >= 1) this.slots[n - i] = { text, window, index: i };
    });
    if (proven) this.minLength = Math.max(this.minLength, this.logLength ?? n);
    if (proven && !cutWindow) this.provenHere = Math.max(this.provenHere, this.logLength ?? n);
    return result;
  }

  /** Whether the window, placed at distance n, shares a line with what was seen and agrees with all of it. */
  overlaps(n: number, lines: readonly string[]): boolean {
    return (this.shared(Math.min(n, MAX_DISTANCE), lines) ?? 0) > 0;
  }

  /** How many lines placed with the first at distance n share with what was seen; undefined when one differs. */
  private shared(n: number, lines: readonly string[]): number | undefined {
    let shared = 0;
    for (let i = 0; i < lines.length && n - i >= 1; i++) {
      const s = this.slots[n - i];
      if (s === undefined || s === UNREADABLE) continue;
      if (s.text !== lines[i]) return undefined;
      shared++;
    }
    return shared;
  }

  /**
   * The one distance below n where the window agrees with what was seen on at least two different lines,
   * each seen once (a repeated line agrees in many places) — and, for a cut window (`maxBytes`), ends
   * where it could: at the newest line, or where the byte cap stopped the node before the next line;
   * undefined when none or several do.
   */
  private shifted(n: number, lines: readonly string[], maxBytes?: number): number | undefined {
    const once = this.textsSeenOnce(lines);
    let found: number | undefined;
    for (let s = n - 1; s >= 1; s--) {
      if (this.agreeingTexts(s, lines, once) < 2) continue;
      if (maxBytes !== undefined && s !== lines.length && !this.cutBefore(s, lines, maxBytes)) continue;
      if (found !== undefined) return undefined;
      found = s;
    }
    return found;
  }

  /** Whether the line after the window placed at n is known and would have reached the byte cap. */
  private cutBefore(n: number, lines: readonly string[], maxBytes: number): boolean {
    const next = this.slots[n - lines.length];
    return next !== undefined && next !== UNREADABLE && contentBytes(lines) + utf8Length(next.text) >= maxBytes;
  }

  /** Whether the window also agrees with what was seen placed nearer the end than n (sharing a line). */
  private agreesNearer(n: number, lines: readonly string[]): boolean {
    for (let s = n - 1; s >= 1; s--) if ((this.shared(s, lines) ?? 0) > 0) return true;
    return false;
  }

  /** How many different texts of `once` the window shares with what was seen, placed at n (0 when one differs). */
  private agreeingTexts(n: number, lines: readonly string[], once: ReadonlySet<string>): number {
    const texts = new Set<string>();
    for (let i = 0; i < lines.length && n - i >= 1; i++) {
      const s = this.slots[n - i];
      if (s === undefined || s === UNREADABLE) continue;
      if (s.text !== lines[i]) return 0;
      if (once.has(s.text)) texts.add(s.text);
    }
    return texts.size;
  }

  /** Texts that occur once in the window and once among the lines seen. */
  private textsSeenOnce(lines: readonly string[]): Set<string> {
    const counts = new Map<string, number>();
    for (const slot of this.slots) if (slot !== undefined && slot !== UNREADABLE) counts.set(slot.text, (counts.get(slot.text) ?? 0) + 1);
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    return new Set([...counts].filter(([, c]) => c === 2).map(([t]) => t));
  }

  /** Distances marked unreadable because a window starting there failed (a line the node cannot send). */
  readonly blocked = new Set<number>();

  /** Marks distances lo … hi as lines no window can show; `blocked`: a window starting there failed. */
  markUnreadable(lo: number, hi: number, blocked = false): void {
    for (let d = lo; d <= hi; d++) {
      if (this.slots[d] !== undefined) continue;
      this.slots[d] = UNREADABLE;
      if (blocked) this.blocked.add(d);
    }
  }

  /** The farthest distance such that 1 … it are all known (seen or unreadable); 0 when the newest is not. */
  get nearEnd(): number {
    let d = 0;
    while (d < this.limit && this.slots[d + 1] !== undefined) d++;
    return d;
  }

  /** The nearest distance not known, looking back from `from` (for forward fill: the hole nearest the end). */
  firstUnknown(from = 1): number | undefined {
    for (let d = from; d <= this.limit; d++) if (this.slots[d] === undefined) return d;
    return undefined;
  }

  /** The farthest known distance. */
  get farthest(): number {
    for (let d = this.limit; d > 0; d--) if (this.slots[d] !== undefined) return d;
    return 0;
  }

  /** Distances beyond this hold no line (the log is shorter) or cannot be asked for. */
  get limit(): number {
    return Math.min(MAX_DISTANCE, this.logLength ?? MAX_DISTANCE);
  }

  /**
   * Placements of the printed lines `run` (oldest first) that agree with every line seen: for each number
   * of new lines g, the printed last line sits at distance g + 1. Only placements that share a line with
   * what was seen count. Ascending g: the first never takes an old line for a new one.
   */
  anchors(run: readonly string[]): Anchor[] {
    const found: Anchor[] = [];
    const counts = textCounts(run);
    // What this poll saw counts too: a line once among the printed ones may be common in the log.
    for (const slot of this.slots) if (slot !== undefined && slot !== UNREADABLE) counts.set(slot.text, (counts.get(slot.text) ?? 0) + 1);
    for (let g = 0; g < this.limit; g++) {
      const a = this.placeAt(run, g, counts);
      if (a) found.push(a);
    }
    return found;
  }

  private placeAt(run: readonly string[], g: number, counts: Map<string, number>): Anchor | undefined {
    let overlap = 0;
    let unique = false;
    const texts = new Set<string>();
    for (let d = g + 1, j = 0; d <= this.limit && j < run.length; d++, j++) {
      const s = this.slots[d];
      if (s === undefined || s === UNREADABLE) continue;
      const printed = run[run.length - 1 - j]!;
      if (printed === HIDDEN) continue;
      if (s.text !== printed) return undefined;
      overlap++;
      texts.add(printed);
      // Seen once as printed and once here (the same line), and long enough not to be a stock line.
      if (counts.get(printed)! <= 2 && printed.length >= DISTINCT_BYTES) unique = true;
    }
    if (overlap === 0) return undefined;
    return { newLines: g, overlap, safe: unique };
  }
}

function textCounts(run: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of run) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
