// Runs `dbc` in-process with buffers, an env object and a recording fetch.
import { run } from '../../../src/cli/main';
import type { FetchLike } from '../../../src/api/transport';
import { recordingFetch, type Recorded } from '../api/recordingFetch';

export const NODE = '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45';
export const TASK = 'Gz3SL4zw1wKGNxKCkCS5eZ';
export const BASE = 'http://127.0.0.1:5002';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  requests: Recorded[];
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  replies?: Array<{ status: number; text: string } | Error>;
  fetch?: FetchLike;
  stdin?: string;
  cwd?: string;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

export async function cli(argv: string[], o: CliOptions = {}): Promise<CliResult> {
  const recorder = recordingFetch(o.replies ?? []);
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: o.env ?? {},
    fetch: o.fetch ?? recorder.fetch,
    sleep: o.sleep ?? (async () => undefined),
    readStdin: o.stdin === undefined ? undefined : async () => o.stdin!,
    cwd: o.cwd,
    signal: o.signal,
  });
  return { code, stdout, stderr, requests: recorder.requests };
}

export const reply = (status: number, body: unknown) => ({ status, text: `${JSON.stringify(body)}\r\n` });
export const gpuError = (errcode: number, message: string) => reply(200, { errcode, message });
