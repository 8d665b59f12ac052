// One POST over HTTP with a timeout and an AbortSignal; failures become TransportError.
import { TransportError, type TransportErrorKind } from './errors';

/** The part of `fetch` we use; node-fetch and the global fetch both fit. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface RawReply {
  status: number;
  text: string;
}

export async function post(fetch: FetchLike, route: string, url: string, body: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<RawReply> {
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
    return { status: res.status, text: await res.text() };
  } catch (err) {
    if (timedOut) throw new TransportError(route, 'timeout', undefined, `no answer from the client node within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
    if (signal?.aborted) throw new TransportError(route, 'aborted', undefined, 'cancelled');
    throw toTransportError(route, url, err);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
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

function toTransportError(route: string, url: string, err: unknown): TransportError {
  // node-fetch puts `code` on the error; the global fetch (undici) puts it on `cause`.
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const text = e.cause?.message ?? e.message ?? String(err);
  const kind = (code && KINDS[code]) || (/socket hang up|other side closed/i.test(text) ? 'reset' : 'other');
  const origin = safeOrigin(url);
  const detail: Record<TransportErrorKind, string> = {
    refused: `connection refused by ${origin}: is the DBC client node running there?`,
    reset: `the connection to ${origin} was reset before a reply arrived`,
    unreachable: `cannot reach ${origin} (${code})`,
    aborted: 'cancelled',
    timeout: 'timed out',
    other: `request to ${origin} failed: ${text}`,
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
