// Facts about the log window of T11 (`/tasks/logs/<id>?flag=tail&line_num=N`). The node seeks back N lines
// (at most 100) from the end of the task's latest log file, then reads forward and stops before the
// accumulated JSON content (each line quoted, comma-separated) would reach the byte cap: 8 KiB on current
// nodes, 1 KiB on old ones. So a window is a run of consecutive log lines, and the cap cuts its newest lines.
import { sanitizeNodeText } from '../api/nodeText';

export interface LogCaps {
  /** Largest line count the node returns (line_num is clamped). */
  maxLines: number;
  /** The node's MAX_LOG_CONTENT_SIZE. */
  maxBytes: number;
}

export const CURRENT_NODE_CAPS: LogCaps = { maxLines: 100, maxBytes: 8192 };
export const OLD_NODE_CAPS: LogCaps = { maxLines: 100, maxBytes: 1024 };

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The bytes the node counts for a window: `"line"` per line plus the commas between them. */
export function contentBytes(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  return lines.reduce((sum, l) => sum + utf8Length(l) + 2, 0) + lines.length - 1;
}

/** A log line fit for an output channel: terminal escapes and control characters removed, tabs kept. */
export function sanitizeLogLine(line: string): string {
  return sanitizeNodeText(line, { tabs: true });
}
