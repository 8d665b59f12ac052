// What can go wrong talking to a DBC chain endpoint. Each kind calls for a different reaction: check
// the endpoint and the network (no answer), the endpoint is not a chain RPC (HTTP status, unreadable
// reply), or the chain refused the call (a JSON-RPC error object).

export abstract class ChainError extends Error {
  abstract readonly kind: 'transport' | 'http' | 'reply' | 'rpc';
  constructor(
    message: string,
    /** The JSON-RPC method, e.g. `chain_getBlock`. */
    readonly method: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type ChainTransportKind = 'refused' | 'reset' | 'timeout' | 'unreachable' | 'aborted' | 'tls' | 'other';

/** No HTTP answer: refused, reset, our timeout, DNS or TLS failure, or cancelled. */
export class ChainTransportError extends ChainError {
  readonly kind = 'transport' as const;
  constructor(method: string, readonly transport: ChainTransportKind, readonly code: string | undefined, detail: string) {
    super(`${method}: ${detail}`, method);
  }
}

/** An HTTP answer other than 200 (a proxy's 502, a 404 from something that is no chain RPC…). */
export class ChainHttpError extends ChainError {
  readonly kind = 'http' as const;
  constructor(method: string, readonly status: number, readonly body: string) {
    super(`${method}: the chain endpoint answered HTTP ${status}${body ? `: ${body.slice(0, 120)}` : ''}`, method);
  }
}

/** An answer we cannot use: not JSON-RPC 2.0, another request's id, or a `result` of the wrong shape. */
export class ChainReplyError extends ChainError {
  readonly kind = 'reply' as const;
  constructor(method: string, readonly problem: string) {
    super(`${method}: unusable reply from the chain endpoint: ${problem}`, method);
  }
}

/** The chain answered with a JSON-RPC `error` object (e.g. -32601 method not found, -32602 invalid params). */
export class ChainRpcError extends ChainError {
  readonly kind = 'rpc' as const;
  constructor(method: string, readonly code: number, readonly rpcMessage: string, readonly data?: unknown) {
    super(`${method}: the chain answered error ${code}: ${rpcMessage}${typeof data === 'string' && data ? ` (${data.slice(0, 200)})` : ''}`, method);
  }
}

/** The caller cancelled: stay quiet. */
export function isChainCancellation(err: unknown): boolean {
  return err instanceof ChainTransportError && err.transport === 'aborted';
}

/** Worth asking again (a read only): a reset or timeout, or a gateway that could not reach the chain node. */
export function isTransient(err: unknown): boolean {
  if (err instanceof ChainTransportError) return err.transport === 'reset' || err.transport === 'timeout';
  return err instanceof ChainHttpError && [429, 502, 503, 504].includes(err.status);
}
