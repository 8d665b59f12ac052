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
  /** The rent-order discovery requests (`/api/v1/rent_orders`), kept apart from `requests`. */
  rentOrderRequests: Recorded[];
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  replies?: Array<{ status: number; text: string } | Error>;
  fetch?: FetchLike;
  stdin?: string;
  cwd?: string;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The node's rent cache for discovery (`POST /api/v1/rent_orders`); default: empty, i.e. a
   * whole-machine rental, so the other tests see only their own requests.
   */
  rentOrders?: unknown[] | Error | { status: number; text: string };
}

const RENT_ORDERS = '/api/v1/rent_orders';

/** Answers rent-order discovery from `o.rentOrders` and passes everything else on. */
function withRentOrders(inner: FetchLike, o: CliOptions, seen: Recorded[]): FetchLike {
  return async (url, init) => {
    if (!new URL(url).pathname.startsWith(RENT_ORDERS)) return inner(url, init);
    seen.push({ url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined, headers: init.headers });
    if (o.rentOrders instanceof Error) throw o.rentOrders;
    if (o.rentOrders && !Array.isArray(o.rentOrders)) {
      const raw = o.rentOrders;
      return { status: raw.status, text: async () => raw.text };
    }
    const text = `${JSON.stringify({ errcode: 0, message: { rent_orders: o.rentOrders ?? [] } })}\r\n`;
    return { status: 200, text: async () => text };
  };
}

export async function cli(argv: string[], o: CliOptions = {}): Promise<CliResult> {
  const recorder = recordingFetch(o.replies ?? []);
  const rentOrderRequests: Recorded[] = [];
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: o.env ?? {},
    fetch: withRentOrders(o.fetch ?? recorder.fetch, o, rentOrderRequests),
    sleep: o.sleep ?? (async () => undefined),
    readStdin: o.stdin === undefined ? undefined : async () => o.stdin!,
    cwd: o.cwd,
    signal: o.signal,
  });
  return { code, stdout, stderr, requests: recorder.requests, rentOrderRequests };
}

export const reply = (status: number, body: unknown) => ({ status, text: `${JSON.stringify(body)}\r\n` });
export const gpuError = (errcode: number, message: string) => reply(200, { errcode, message });
