// A VM's log as the node writes and reads it. Writing (log.cpp `add_task_log_backend`, the
// TASK_LOG_* macros of log.h): one line per event of an operation, nothing in between (no heartbeat),
//   2025-01-09 18:09:13.482113 | <task_id> | info    | TaskManager.cpp | 3059 | process_start_task | start task successful
// Reading (vm_client.cpp `GetDomainLog`): N lines from the head, or back N lines from the end and then
// forward; reading stops at the first line where the quoted content so far plus the line reaches the
// byte cap, so for a tail window the cap drops the NEWEST lines.
import type { Task } from '../state';

/** Where a line comes from in the node's source: `__SHORT_FILE__ | __LINE__ | __SHORT_FUNC__`. */
export interface LogSite {
  file: string;
  line: number;
  func: string;
}

export type Severity = 'info' | 'warning' | 'error';

/**
 * The node rotates a task log at 100 MB (10 files); the simulator keeps the newest lines of a
 * bounded memory instead, so a head window then starts at the oldest kept line, as after a rotation.
 */
const MAX_STORED_LINES = 20_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `%Y-%m-%d %H:%M:%S.%f` in local time, microseconds from the simulated clock's fractional ms. */
export function logTimestamp(now: number): string {
  const d = new Date(Math.floor(now));
  const micros = Math.floor(now * 1000) % 1_000_000;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:` +
    `${pad(d.getSeconds())}.${pad(micros, 6)}`;
}

export function formatLogLine(taskId: string, now: number, site: LogSite, message: string, severity: Severity = 'info'): string {
  return `${logTimestamp(now)} | ${taskId} | ${severity.padEnd(7)} | ${site.file} | ${site.line} | ${site.func} | ${message}`;
}

function trim(task: Task): void {
  if (task.logs.length > MAX_STORED_LINES) task.logs.splice(0, task.logs.length - MAX_STORED_LINES);
}

/** TASK_LOG_INFO / TASK_LOG_ERROR. */
export function taskLog(task: Task, now: number, site: LogSite, message: string, severity: Severity = 'info'): void {
  task.logs.push(formatLogLine(task.taskId, now, site, message, severity));
  trim(task);
}

/** Raw lines (admin API): stored exactly as given. */
export function appendRawLines(task: Task, lines: string[]): void {
  task.logs.push(...lines);
  trim(task);
}

export type LogDirection = 'head' | 'tail';

/**
 * `GetDomainLog`: up to `lines` lines (the first ones, or the last ones in file order). The reply
 * quotes each line and joins them with commas; a line is dropped, and reading stops, when the text so
 * far plus the line's bytes reach `capBytes` (8192 in 0.4.1.8).
 */
export function collectLogs(all: string[], direction: LogDirection, lines: number, capBytes: number): string[] {
  const window = direction === 'head' ? all.slice(0, lines) : all.slice(Math.max(0, all.length - lines));
  const out: string[] = [];
  let size = 0;
  for (const line of window) {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (size + bytes >= capBytes) break;
    size += (out.length > 0 ? 1 : 0) + bytes + 2; // `,` + `"line"`
    out.push(line);
  }
  return out;
}
