// What a run of `dbc` talks to. The entry point passes the real process; tests pass buffers, an env
// object and a recording fetch, so the whole program runs in-process.
import type { FetchLike } from '../api/transport';

export interface Writable {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Replaces the HTTP client (tests). */
  fetch?: FetchLike;
  /** Aborted on Ctrl+C: stops `--follow` and `--wait` loops and pending requests. */
  signal?: AbortSignal;
  /** Reads all of standard input (for `--password-stdin`). */
  readStdin?: () => Promise<string>;
  /** Waits between polls; tests make it instant. Rejects or resolves early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Working directory for relative file arguments. */
  cwd?: string;
}
