// JSON-RPC 2.0 over HTTP(S) POST, as the GPU node talks to the chain (HttpDBCChainClient.cpp: one POST
// of `{"jsonrpc": "2.0", "id": 1, "method": …, "params": […]}` to the endpoint, JSON back). A timeout
// per attempt, a cap on the reply's size, and a second attempt only for reads after a transient failure.
import { nodeFetch } from '../api/nodeFetch';
import { abortableSleep } from '../util/sleep';
import { chainOrigin } from './endpoint';
import { ChainHttpError, ChainReplyError, ChainRpcError, ChainTransportError, isTransient, type ChainTransportKind } from './errors';
import { isRecord } from '../util/isRecord';
import { errorMessage } from '../util/errorMessage';

/** The part of `fetch` used here (node-fetch and the global fetch both fit). */
export type ChainFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string>; body?: AsyncIterable<Uint8Array> | null | unknown }>;

export interface ChainExchange {
  method: string;
  /** The endpoint's origin (never its path). */
  origin: string;
  status?: number;
  error?: string;
  durationMs: number;
  attempt: number;
}

export interface JsonRpcOptions {
  url: string;
  fetch?: ChainFetch;
  /** Per attempt; the node waits 5 s to connect and 10 s to read. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts for a read after a reset, a timeout or a gateway error. Default 1. */
  readRetries?: number;
  /** Default 4 MiB (a block with its extrinsics is a few KiB). */
  maxReplyBytes?: number;
  onExchange?: (e: ChainExchange) => void;
}

export interface RpcCallOptions {
  signal?: AbortSignal;
  /** Only a read may be sent twice. */
  read: boolean;
}

export const DEFAULT_CHAIN_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REPLY = 4 * 1024 * 1024;
const RETRY_DELAY_MS = 500;

export class JsonRpc {
  private readonly fetch: ChainFetch;
  private nextId = 1;

  constructor(private readonly o: JsonRpcOptions) {
    this.fetch = o.fetch ?? nodeFetch;
  }

  get url(): string {
    return this.o.url;
  }

  /** `params` is JSON text of an array, written by the caller (a rent order id goes unquoted, as the node sends it). */
  async call(method: string, params: string, o: RpcCallOptions): Promise<unknown> {
    const attempts = 1 + (o.read ? Math.max(0, this.o.readRetries ?? 1) : 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, params, attempt, o.signal);
      } catch (err) {
        if (attempt >= attempts || !isTransient(err) || o.signal?.aborted) throw err;
        await abortableSleep(RETRY_DELAY_MS * attempt, o.signal).catch(() => undefined);
        if (o.signal?.aborted) throw new ChainTransportError(method, 'aborted', undefined, 'cancelled');
      }
    }
  }

  private async once(method: string, params: string, attempt: number, signal?: AbortSignal): Promise<unknown> {
    const id = this.nextId++;
    const body = `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${params}}`;
    const started = Date.now();
    const exchange: ChainExchange = { method, origin: chainOrigin(this.o.url), durationMs: 0, attempt };
    try {
      const { status, text } = await this.post(method, body, signal);
      exchange.status = status;
      if (status !== 200) throw new ChainHttpError(method, status, text.trim());
      return readResult(method, id, text);
    } catch (err) {
      exchange.error = errorMessage(err);
      throw err;
    } finally {
      exchange.durationMs = Date.now() - started;
      this.o.onExchange?.(exchange);
    }
  }

  private async post(method: string, body: string, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    if (signal?.aborted) throw new ChainTransportError(method, 'aborted', undefined, 'cancelled');
    const timeoutMs = this.o.timeoutMs ?? DEFAULT_CHAIN_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const res = await this.fetch(this.o.url, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      return { status: res.status, text: await readCapped(res, method, this.o.maxReplyBytes ?? DEFAULT_MAX_REPLY) };
    } catch (err) {
      if (err instanceof ChainReplyError) throw err;
      if (signal?.aborted) throw new ChainTransportError(method, 'aborted', undefined, 'cancelled');
      if (deadline.aborted) throw new ChainTransportError(method, 'timeout', undefined, `no answer from ${chainOrigin(this.o.url)} within ${formatMs(timeoutMs)}`);
      throw transportError(method, this.o.url, err);
    }
  }
}

/** The `result` of a JSON-RPC 2.0 reply to request `id`, or the chain's error. */
function readResult(method: string, id: number, text: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ChainReplyError(method, `not JSON: ${text.slice(0, 80)}`);
  }
  if (!isRecord(doc) || doc['jsonrpc'] !== '2.0') throw new ChainReplyError(method, 'not a JSON-RPC 2.0 reply');
  if (doc['id'] !== id) throw new ChainReplyError(method, `the reply is for request ${JSON.stringify(doc['id'])}, not ${id}`);
  const error = doc['error'];
  if (error !== undefined) {
    if (!isRecord(error) || typeof error['code'] !== 'number') throw new ChainReplyError(method, 'an error without a code');
    throw new ChainRpcError(method, error['code'], typeof error['message'] === 'string' ? error['message'] : '', error['data']);
  }
  if (!('result' in doc)) throw new ChainReplyError(method, 'neither result nor error');
  return doc['result'];
}

/** The body as text, refused once larger than `max` bytes (leaving the loop early closes the stream). */
async function readCapped(res: { text(): Promise<string>; body?: unknown }, method: string, max: number): Promise<string> {
  const body = res.body as AsyncIterable<Uint8Array> | null | undefined;
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
    const text = await res.text();
    if (Buffer.byteLength(text) > max) throw new ChainReplyError(method, `larger than ${max} bytes`);
    return text;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw new ChainReplyError(method, `larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const KINDS: Record<string, ChainTransportKind> = {
  ECONNREFUSED: 'refused', ECONNRESET: 'reset', EPIPE: 'reset', UND_ERR_SOCKET: 'reset', ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable', ENETUNREACH: 'unreachable', ENOTFOUND: 'unreachable', EAI_AGAIN: 'unreachable', ETIMEDOUT: 'unreachable',
};

function transportError(method: string, url: string, err: unknown): ChainTransportError {
  // node-fetch puts `code` on the error; the global fetch (undici) puts it on `cause`.
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const text = e.cause?.message ?? e.message ?? String(err);
  const tls = /CERT|SSL|TLS|SELF_SIGNED/.test(code ?? '');
  const kind: ChainTransportKind = tls ? 'tls' : (code && KINDS[code]) || (/socket hang up|other side closed/i.test(text) ? 'reset' : 'other');
  const origin = chainOrigin(url);
  const detail: Record<ChainTransportKind, string> = {
    refused: `connection refused by ${origin}`,
    reset: `the connection to ${origin} was closed before a reply arrived`,
    timeout: 'timed out',
    unreachable: `cannot reach ${origin} (${code ?? 'network'})`,
    aborted: 'cancelled',
    tls: `the TLS certificate of ${origin} was refused (${code ?? ''})`,
    other: `request to ${origin} failed: ${text}`,
  };
  return new ChainTransportError(method, kind, code, detail[kind]);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
