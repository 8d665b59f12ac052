// Stitching successive tail windows of a task log into one stream (see logWindow.ts for what a window is).
//
// A new window W is placed against the run of lines emitted since the last gap marker: a placement "W
// starts at line h of the run" is possible when W shares at least one line with the run and agrees with it
// on every line they share. The lines of W past the end of the run are new. With repeated identical lines
// several placements can agree; we take the earliest one (the largest overlap), because any placement at
// or before the true one appends only lines that are really new: it never duplicates, and it is exact
// whenever no earlier placement agrees by coincidence. When no placement agrees, the windows cannot be
// proven to overlap: the whole window is appended behind a gap marker and starts a new run.
//
// Where W may start (bounds that keep coincidental matches out):
// - The log only grows, and a window is taken from the last N lines (N = line_num, at most 100), so W
//   never starts more than N lines before the end of the run.
// - While N does not grow, a window never starts before the previous one nor ends before it. So in the
//   usual case the overlap is a suffix of the previous window equal to a prefix of W.
// - When N grows by d, W may start up to d lines earlier (even before the run: those older lines are not
//   emitted) and may end earlier (current nodes cut the newest lines of a window at the byte cap). A
//   grown window that shares nothing with the run is taken as new, behind a gap marker; if it really lay
//   wholly before the run its lines are shown again. Growing N only after a window that used little of the
//   byte cap (see nextLineCount) keeps that from happening.
//
// What the caller may add (a follower knows how it sized its request, see logTracker.ts):
// - `maxOverlap`: the window starts at or after run[run.length - maxOverlap] (e.g. 1 for a request sized
//   to start on the last line emitted). Among repeated lines this rules out the earlier placements that
//   would otherwise win. The hint is soft: when nothing agrees at or after it, the usual bounds apply.
//   0 or less means the window cannot overlap what was emitted: it starts a new run behind a gap marker.
//
// The run's tail (from the start of the last window that added lines) is that window, so it is in step
// with the log; lines before it may not be, when an ambiguous placement skipped some repeated lines (or
// the log was replaced and matched by coincidence). So a placement that agrees with the tail alone is
// also a candidate: otherwise the true one could be missed and a later, wrong one print lines again.
import { label, type Localizable } from './messages';
import {
  contentBytes, DEFAULT_LINE_COUNT, type LogCaps, nodeLineCount, OLD_NODE_CAPS, sanitizeLogLine, utf8Length,
} from './logWindow';

/** Where a window lies in the run: line indexes; `start` is negative when it begins before the run. */
export interface WindowPosition {
  start: number;
  end: number;
}

export interface StitchState {
  /** Raw lines emitted since the last gap marker, oldest first (only the newest ones are kept). */
  readonly run: readonly string[];
  /** Where the previous window lies in the run. */
  readonly lastWindow: WindowPosition;
  /** The line count the node used for the previous window, when known. */
  readonly lastRequested: number | undefined;
  readonly started: boolean;
  /** Longest line seen, in bytes (to tell a restarted log from a gap). */
  readonly longestLine: number;
  /** Where the last window that reached the end of the run starts: from there on the run is the log. */
  readonly tail: number;
}

export interface LogWindowInput {
  lines: readonly string[];
  /** The `line_num` asked for; leave it out if it is always the same. */
  requested?: number;
  /** The window shares at most this many lines with the end of the run (see the top of this file). */
  maxOverlap?: number;
}

export interface GapMarker {
  /**
   * `gap`: lines may be missing here; `restarted`: the log was rotated or truncated and starts over;
   * `blocked`: a line the node cannot send (a `"` or `\\` in it) hides the lines around it.
   */
  kind: 'gap' | 'restarted' | 'blocked';
  label: Localizable;
}

export interface StitchResult {
  state: StitchState;
  /** The lines to append, sanitized; if `gap` is set it goes before them. */
  lines: string[];
  gap?: GapMarker;
  /** How many lines of the window were already emitted. */
  overlap: number;
  /** Another placement also agreed: some repeated identical lines may have been taken as already seen. */
  ambiguous: boolean;
  /** How many lines later the latest agreeing placement starts (0 when one agreed, or none). */
  spread: number;
  /** With `maxOverlap`: whether the placement honours it. */
  hintHeld?: boolean;
}

export interface StitchOptions {
  /**
   * The node's caps: the line cap clamps `requested`, the byte cap labels a missing overlap as a gap or a
   * restart, `cuts` bounds where a window may lie. Default: OLD_NODE_CAPS (100 lines, 1 KiB, newest cut).
   */
  caps?: LogCaps;
  /** How many emitted lines to keep for matching, at least (more are kept when windows need them). */
  historyLimit?: number;
}

export const INITIAL_STITCH_STATE: StitchState = {
  run: [], lastWindow: { start: 0, end: 0 }, lastRequested: undefined, started: false, longestLine: 0, tail: 0,
};

/**
 * Whether `window`, starting at run[start] (start may be negative), shares a line with run[trusted…] and
 * agrees with it on all of them.
 */
function agreesAt(run: readonly string[], window: readonly string[], start: number, trusted = 0): boolean {
  const from = Math.max(0, trusted - start);
  const end = Math.min(window.length, run.length - start);
  if (end <= from) return false;
  for (let i = from; i < end; i++) {
    if (run[start + i] !== window[i]) return false;
  }
  return true;
}

/**
 * Every start position h (ascending, possibly negative) where `window` shares at least one line with
 * `run` and agrees with it, with h ≥ `earliest` and the window ending at or after `minEnd`. With
 * `trusted`, only run[trusted…] is compared (the lines before it may be out of step).
 */
export function placements(run: readonly string[], window: readonly string[], earliest = -Infinity, minEnd = 0, trusted = 0): number[] {
  const from = Math.max(earliest, minEnd - window.length, trusted + 1 - window.length);
  const found: number[] = [];
  for (let h = from; h < run.length; h++) {
    if (agreesAt(run, window, h, trusted)) found.push(h);
  }
  return found;
}

interface Bounds {
  earliest: number;
  minEnd: number;
}

function boundsFor(state: StitchState, requested: number | undefined, caps: LogCaps): Bounds {
  const count = requested ?? state.lastRequested ?? DEFAULT_LINE_COUNT;
  const growth = requested !== undefined && state.lastRequested !== undefined ? requested - state.lastRequested : 0;
  const fromTail = state.run.length - count;
  // A reader that keeps the newest lines always returns the end of the log.
  if (caps.cuts === 'oldest') return { earliest: fromTail, minEnd: state.run.length };
  const last = state.lastWindow;
  if (growth <= 0) return { earliest: Math.max(fromTail, last.start), minEnd: last.end };
  return { earliest: Math.max(fromTail, last.start - growth), minEnd: 0 };
}

function asInput(window: LogWindowInput | readonly string[]): LogWindowInput {
  return Array.isArray(window) ? { lines: window } : (window as LogWindowInput);
}

/** Given what was emitted so far and a new tail window, the lines to append (and a marker when needed). */
export function stitch(state: StitchState, window: LogWindowInput | readonly string[], options: StitchOptions = {}): StitchResult {
  const input = asInput(window);
  const lines = input.lines;
  const caps = options.caps ?? OLD_NODE_CAPS;
  const requested = input.requested === undefined ? undefined : Math.min(nodeLineCount(input.requested), caps.maxLines);
  if (lines.length === 0) return { state, lines: [], overlap: 0, ambiguous: false, spread: 0 };
  if (!state.started) return newRun(state, lines, requested, options);
  const found = locate(state, input, requested, caps);
  if (found) {
    const { start, ...how } = found;
    return { ...extendRun(state, lines, requested, start, options), ...how };
  }
  const known = input.maxOverlap !== undefined && input.maxOverlap <= 0;
  const gap: GapMarker = !known && looksWhole(lines, requested, state, caps)
    ? { kind: 'restarted', label: label('logRestarted') }
    : { kind: 'gap', label: label('logGap') };
  return { ...newRun(state, lines, requested, options), gap };
}

interface Found {
  start: number;
  ambiguous: boolean;
  spread: number;
  hintHeld?: boolean;
}

/** Where the window lies: within the hint if one agrees there, else anywhere the bounds allow. */
function locate(state: StitchState, input: LogWindowInput, requested: number | undefined, caps: LogCaps): Found | undefined {
  const bounds = boundsFor(state, requested, caps);
  if (input.maxOverlap === undefined) return search(state, input.lines, bounds);
  if (input.maxOverlap <= 0) return undefined;
  const hinted = { ...bounds, earliest: Math.max(bounds.earliest, state.run.length - input.maxOverlap) };
  const within = search(state, input.lines, hinted);
  if (within) return { ...within, hintHeld: true };
  const anywhere = search(state, input.lines, bounds);
  return anywhere && { ...anywhere, hintHeld: false };
}

/** Placements that agree with the whole run, or with its tail alone (lines before it may be out of step). */
function search(state: StitchState, lines: readonly string[], bounds: Bounds): Found | undefined {
  const whole = placements(state.run, lines, bounds.earliest, bounds.minEnd);
  const inTail = state.tail > 0 ? placements(state.run, lines, bounds.earliest, bounds.minEnd, state.tail) : [];
  const found = [...new Set([...whole, ...inTail])].sort((a, b) => a - b);
  if (found.length === 0) return undefined;
  return { start: found[0]!, ambiguous: found.length > 1, spread: found[found.length - 1]! - found[0]! };
}

/**
 * Whether the window is plausibly the whole log: fewer lines than asked for, and room left under the byte
 * cap for another line as long as the longest seen. A whole log that does not continue ours has restarted.
 */
function looksWhole(lines: readonly string[], requested: number | undefined, state: StitchState, caps: LogCaps): boolean {
  const asked = Math.min(requested ?? state.lastRequested ?? caps.maxLines, caps.maxLines);
  return lines.length < asked && contentBytes(lines) + state.longestLine + 3 < caps.maxBytes;
}

/** The window starts a new run (first window, or after a gap marker): all of it is new. */
function newRun(state: StitchState, window: readonly string[], requested: number | undefined, options: StitchOptions): StitchResult {
  return record(state, window, { start: 0, end: window.length }, window, requested, options);
}

/**
 * The window starts at run[start]; what lies past the end of the run is new. When it adds lines, it
 * replaces the run where they overlap: placed by the tail alone, it may differ before the tail.
 */
function extendRun(
  state: StitchState, window: readonly string[], requested: number | undefined, start: number, options: StitchOptions,
): StitchResult {
  const fresh = window.slice(Math.min(window.length, state.run.length - start));
  const run = fresh.length > 0 ? [...state.run.slice(0, Math.max(0, start)), ...window.slice(Math.max(0, -start))] : state.run;
  return record(state, run, { start, end: start + window.length }, fresh, requested, options);
}

function record(
  state: StitchState, run: readonly string[], position: WindowPosition, fresh: readonly string[],
  requested: number | undefined, options: StitchOptions,
): StitchResult {
  // Keep the window and room before it for a later, larger window (at most 100 lines more).
  const keep = Math.max(options.historyLimit ?? 512, run.length - position.start + 2 * DEFAULT_LINE_COUNT);
  const cut = Math.max(0, run.length - keep);
  const next: StitchState = {
    run: cut > 0 ? run.slice(cut) : run,
    lastWindow: { start: position.start - cut, end: position.end - cut },
    lastRequested: requested ?? state.lastRequested,
    started: true,
    longestLine: fresh.reduce((m, l) => Math.max(m, utf8Length(l)), state.longestLine),
    tail: Math.max(0, (fresh.length > 0 ? position.start : state.tail) - cut),
  };
  const overlap = position.end - position.start - fresh.length;
  return { state: next, lines: fresh.map(sanitizeLogLine), overlap, ambiguous: false, spread: 0 };
}

/** The baseline a benchmark compares against: re-append the whole window every time. */
export function naiveStitch(state: StitchState, window: LogWindowInput | readonly string[]): StitchResult {
  const input = asInput(window);
  return newRun(state, input.lines, input.requested, {});
}
