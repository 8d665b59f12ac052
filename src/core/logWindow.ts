// Facts about the log window of T11 (`/tasks/logs/<id>?flag=tail&line_num=N`). The node seeks back N lines
// (at most 100) from the end of the task's latest log file, then reads forward and stops before the
// accumulated JSON content (each line quoted, comma-separated) would reach the byte cap: 8 KiB on current
// nodes, 1 KiB on old ones. So a window is a run of consecutive log lines, it can miss the newest lines when
// the cap cuts it, and its start only moves forward while the log grows and N is unchanged.
import { sanitizeNodeText } from '../api/nodeText';

export interface LogCaps {
  /** Largest line count the node returns (line_num is clamped). */
  maxLines: number;
  /** The node's MAX_LOG_CONTENT_SIZE. */
  maxBytes: number;
  /**
   * Which end of the last N lines the byte cap cuts: `newest` is what node sources do (read forward,
   * stop at the cap), `oldest` a reader that keeps the newest lines. Default `newest`.
   */
  cuts?: 'newest' | 'oldest';
}

export const CURRENT_NODE_CAPS: LogCaps = { maxLines: 100, maxBytes: 8192, cuts: 'newest' };
export const OLD_NODE_CAPS: LogCaps = { maxLines: 100, maxBytes: 1024, cuts: 'newest' };

/** The line count to request: up to 100 is honoured, more is clamped to 99 by the node. */
export const DEFAULT_LINE_COUNT = 100;

/** The line count the node really uses for a `line_num` (it clamps values above 100 to 99). */
export function nodeLineCount(requested: number): number {
  return requested > 100 ? 99 : requested;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The bytes the node counts for a window: `"line"` per line plus the commas between them. */
export function contentBytes(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  return lines.reduce((sum, l) => sum + utf8Length(l) + 2, 0) + lines.length - 1;
}

/** True when the window has fewer lines than asked for and fills at least half the byte cap. */
export function looksCut(window: readonly string[], requested: number, caps: LogCaps = CURRENT_NODE_CAPS): boolean {
  return window.length > 0 && window.length < Math.min(requested, caps.maxLines) && contentBytes(window) * 2 >= caps.maxBytes;
}

/**
 * How many lines to request right away to see what the byte cap cut off the end of `window`, or undefined
 * when the window does not look cut. The new request overlaps the old window by one line when the log did
 * not grow in between. Going back to the full count afterwards makes the next window grow; prefer
 * nextLineCount, which grows only when that is safe.
 */
export function catchUpLineCount(window: readonly string[], requested: number, caps: LogCaps = CURRENT_NODE_CAPS): number | undefined {
  return looksCut(window, requested, caps) ? Math.min(requested, caps.maxLines) - window.length + 1 : undefined;
}

/**
 * The line count for the next request. Current nodes take the last N lines and cut the newest ones at the
 * byte cap, so a cut window misses the end of the log: then N shrinks to what fitted (poll again right
 * away to see the end). N grows again, towards half the cap, only after a window that used less than half
 * of it, so a larger window rarely reaches back past the lines already shown.
 */
export function nextLineCount(window: readonly string[], requested: number, caps: LogCaps = CURRENT_NODE_CAPS): number {
  const n = Math.min(requested, caps.maxLines);
  if (looksCut(window, n, caps)) return Math.max(1, window.length);
  const used = contentBytes(window);
  if (window.length < n || used * 2 >= caps.maxBytes) return n;
  const fitting = Math.floor((n * caps.maxBytes) / 2 / Math.max(1, used));
  return Math.min(caps.maxLines, Math.max(n + 1, fitting));
}

/** A log line fit for an output channel: terminal escapes and control characters removed, tabs kept. */
export function sanitizeLogLine(line: string): string {
  return sanitizeNodeText(line, { tabs: true });
}
