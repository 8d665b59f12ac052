// Everything `dbc` prints: aligned tables, key: value blocks, JSON, and the one-line error that goes
// with each exit code.
import { ClientNodeError, GpuNodeError, isUnencodableReply, ReplyParseError, TransportError } from '../api/errors';
import { sanitizeNodeText } from '../api/nodeText';
import { maskSecretText } from '../api/redact';
import { RequestError } from '../api/requestError';
import { CredentialError } from '../auth/errors';
import { SshError } from '../ssh/core/sshErrors';
import { CliFailure, ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import type { Writable } from './io';
import { errorMessage } from '../util/errorMessage';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

/**
 * Writes to the terminal. Every line goes through sanitizeNodeText (text from a node may carry escape
 * sequences); JSON keeps its values but writes invisible and control characters as \u escapes.
 */
export class Printer {
  constructor(
    private readonly stdout: Writable,
    private readonly stderr: Writable,
    readonly json: boolean,
  ) {}

  line(text = ''): void {
    this.stdout.write(`${sanitizeNodeText(text, { tabs: true, newlines: true })}\n`);
  }

  /** Progress and notes for humans: always stderr, so stdout stays clean for scripts. */
  note(text: string): void {
    this.stderr.write(`${sanitizeNodeText(text, { tabs: true, newlines: true })}\n`);
  }

  printJson(value: unknown): void {
    this.stdout.write(`${safeJson(value)}\n`);
  }

  table<T>(rows: T[], columns: Column<T>[], empty = '(none)'): void {
    if (rows.length === 0) return this.line(empty);
    for (const l of formatTable(rows, columns)) this.line(l);
  }

  keyValues(record: Record<string, unknown>): void {
    for (const l of formatKeyValues(record)) this.line(l);
  }
}

export function formatTable<T>(rows: T[], columns: Column<T>[]): string[] {
  const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => oneLine(c.value(r))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function formatKeyValues(record: Record<string, unknown>): string[] {
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...entries.map(([k]) => k.length)) + 1;
  const lines: string[] = [];
  for (const [key, value] of entries) {
    const label = `${key}:`.padEnd(width);
    if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
      lines.push(`${label} ${value.length === 0 ? '(none)' : ''}`.trimEnd());
      for (const item of value) lines.push(`  - ${inline(item)}`);
    } else {
      lines.push(`${label} ${inline(value)}`);
    }
  }
  return lines;
}

function inline(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length ? value.map(inline).join(', ') : '(none)';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${inline(v)}`).join(' ');
  }
  return oneLine(String(value));
}

function oneLine(text: string): string {
  return sanitizeNodeText(text);
}

// DEL, C1 controls, line/paragraph separators and bidi controls (JSON.stringify escapes the C0 ones).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Pretty JSON whose text is safe for a terminal: the same value, with unsafe characters as \u escapes. */
export function safeJson(value: unknown): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line for the terminal: secrets masked (on the whole text, before any cut), escapes and controls removed. */
export function scrub(text: string): string {
  return oneLine(maskSecretText(text));
}

export interface Failure {
  exitCode: ExitCodeValue;
  /** The text after `dbc: `; one line except for validation reports. */
  text: string;
}

export function describeFailure(err: unknown): Failure {
  if (err instanceof CliFailure) return { exitCode: err.exitCode, text: err.message };
  if (err instanceof UsageError || err instanceof RequestError || err instanceof CredentialError) {
    return { exitCode: ExitCode.usage, text: scrub(err.message) };
  }
  if (err instanceof SshError) {
    return { exitCode: err.code === 'aborted' ? ExitCode.interrupted : ExitCode.ssh, text: scrub(`ssh failed: ${err.message}`) };
  }
  if (err instanceof GpuNodeError) {
    const hint = AUTHORITY_HINT[err.authorityReason ?? ''];
    return { exitCode: ExitCode.gpu, text: scrub(`${err.route} failed: errcode ${err.errcode}: ${err.nodeMessage}${hint ? ` (${hint})` : ''}`) };
  }
  if (err instanceof ClientNodeError) return describeClientNodeError(err);
  if (err instanceof TransportError) {
    if (err.kind === 'aborted') return { exitCode: ExitCode.interrupted, text: `${err.route}: interrupted` };
    const detail = err.message.startsWith(`${err.route}: `) ? err.message.slice(err.route.length + 2) : err.message;
    return { exitCode: ExitCode.transport, text: scrub(`${err.route} failed: ${detail}`) };
  }
  if (err instanceof ReplyParseError) {
    const body = err.problem ?? (cut(maskSecretText(err.body).trim(), 120) || '(empty body)');
    return { exitCode: ExitCode.badReply, text: scrub(`${err.route} failed: unparsable reply (HTTP ${err.httpStatus}): ${body}`) };
  }
  const message = errorMessage(err);
  return { exitCode: ExitCode.internal, text: scrub(`internal error: ${message}`) };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The node checks a caller by the request's rent order, or by the wallet when there is none: a per-GPU
 * renter whose order was not found (the node lists at most 51 records) is told `wallet not rented` too.
 */
const AUTHORITY_HINT: Record<string, string> = {
  'wallet not rented': 'the wallet does not rent this machine, or on a per-GPU rental not under the rent order sent: dbc node rent-orders --mine lists yours, --rent-order ID sends one',
};

/** What a reply the node could not encode means on each route (see isUnencodableReply). */
const UNENCODABLE_CAUSE: Record<string, string> = {
  'tasks.list': 'a VM description (desc) on this node holds a double quote (") or a backslash (\\), which the node puts into its reply without escaping, so no task list can be read until that VM is deleted',
  'tasks.info': 'this VM\'s description (desc) holds a double quote (") or a backslash (\\), which the node puts into its reply without escaping',
  'tasks.create': 'the description (desc) holds a double quote (") or a backslash (\\): the VM was probably created all the same; check with dbc vm list',
  'tasks.logs': 'a log line in this window holds a double quote (") or a backslash (\\), which the node puts into its reply without escaping; read smaller windows around it (-n with --head or --tail)',
};

function describeClientNodeError(err: ClientNodeError): Failure {
  const cause = isUnencodableReply(err) ? UNENCODABLE_CAUSE[err.route] : undefined;
  if (cause) return { exitCode: ExitCode.badReply, text: scrub(`${err.route} failed: the node could not encode its reply: ${cause}`) };
  const exitCode = err.kind === 'node-timeout' ? ExitCode.transport : err.kind === 'bad-gpu-reply' ? ExitCode.badReply : ExitCode.clientNode;
  const code = err.errcode === undefined ? `HTTP ${err.httpStatus}` : `errcode ${err.errcode}`;
  const where = err.errcode === undefined ? 'client node' : `client node, HTTP ${err.httpStatus}`;
  return { exitCode, text: scrub(`${err.route} failed: ${code}: ${err.nodeMessage} (${where})`) };
}
