// One POST over HTTP with a timeout, an AbortSignal and a cap on the reply's size; failures become
// TransportError (no answer) or ReplyParseError (an answer too large to read).
import { isIP } from 'node:net';
import tls from 'node:tls';
import { ReplyParseError, TransportError, type TransportErrorKind } from './errors';

/** The part of `fetch` we use; node-fetch and the global fetch both fit. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<FetchResponse>;

export interface FetchResponse {
  status: number;
  text(): Promise<string>;
  /** The body as it arrives (node-fetch: a Node stream; global fetch: a web stream). Read in preference to text(). */
  body?: AsyncIterable<Uint8Array> | null;
  headers?: { get(name: string): string | null };
}

export interface RawReply {
  status: number;
  text: string;
}

/** Largest reply read by default: a node list or a task info is a few KiB. */
export const DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;

export interface PostOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest body read; default DEFAULT_MAX_REPLY_BYTES. */
  maxBytes?: number;
  /** How errors name the endpoint when `url` is a tunnel's local end (default: the origin of `url`). */
  endpoint?: string;
}

export async function post(fetch: FetchLike, route: string, url: string, body: string | undefined, o: PostOptions): Promise<RawReply> {
  const { timeoutMs, signal, maxBytes = DEFAULT_MAX_REPLY_BYTES } = o;
  if (signal?.aborted) throw new TransportError(route, 'aborted', undefined, 'cancelled');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: controller.signal });
    return { status: res.status, text: await readCapped(res, route, maxBytes, controller) };
  } catch (err) {
    if (err instanceof ReplyParseError) throw err;
    if (timedOut) throw new TransportError(route, 'timeout', undefined, `no answer from the client node within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
    if (signal?.aborted) throw new TransportError(route, 'aborted', undefined, 'cancelled');
    const failure = toTransportError(route, o.endpoint ?? safeOrigin(url), err);
    if (failure.kind === 'reset' && !o.endpoint && url.startsWith('http:') && (await speaksTls(url))) throw wrongProtocol(route, url, failure.code);
    throw failure;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as text, refusing (and aborting the download) once it is larger than `maxBytes`. */
async function readCapped(res: FetchResponse, route: string, maxBytes: number, controller: AbortController): Promise<string> {
  const tooLarge = (size: string) => {
    controller.abort();
    return new ReplyParseError(route, res.status, '', `the reply is larger than ${formatBytes(maxBytes)} (${size}), the most dbc reads for ${route}`);
  };
  const declared = Number(res.headers?.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(`${formatBytes(declared)} announced`);
  if (!res.body || typeof (res.body as Partial<AsyncIterable<Uint8Array>>)[Symbol.asyncIterator] !== 'function') {
    const text = await res.text();
    if (Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge('read in full');
    return text;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge('stopped reading there');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

const KINDS: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  ETIMEDOUT: 'unreachable',
};

function toTransportError(route: string, origin: string, err: unknown): TransportError {
  // node-fetch puts `code` on the error; the global fetch (undici) puts it on `cause`.
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const text = e.cause?.message ?? e.message ?? String(err);
  const kind = (code && KINDS[code]) || (/socket hang up|other side closed/i.test(text) ? 'reset' : 'other');
  const detail: Record<TransportErrorKind, string> = {
    refused: `connection refused by ${origin}: is the DBC client node running there?`,
    reset: `the connection to ${origin} was reset before a reply arrived`,
    unreachable: `cannot reach ${origin} (${code})`,
    aborted: 'cancelled',
    timeout: 'timed out',
    other: `request to ${origin} failed: ${text}`,
    'wrong-protocol': `${origin} did not answer in plain HTTP`,
  };
  return new TransportError(route, kind, code, detail[kind]);
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** An http:// endpoint whose port speaks TLS: it closes a plain request without an answer (which looks like a reset). */
function wrongProtocol(route: string, url: string, code: string | undefined): TransportError {
  const u = new URL(url);
  return new TransportError(route, 'wrong-protocol', code, `${u.origin} speaks https, not http: use https://${u.host} as the endpoint (nothing was processed)`);
}

/** Whether `url`'s host and port complete a TLS handshake (a probe after a reset; nothing is sent). */
function speaksTls(url: string, timeoutMs = 2000): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: u.hostname, port: Number(u.port || 80), rejectUnauthorized: false, servername: isIP(u.hostname) ? undefined : u.hostname,
    });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}
