// The error families of the DBC client-node API (docs/dbc-protocol.md §6). They are kept apart because
// each calls for a different reaction: fix the request, fix the wallet or rental, wait and reconcile,
// or check that the client node is running.
import { sanitizeNodeText } from './nodeText';

/** Base class: every failure of an API call is one of the subclasses below. */
export abstract class DbcApiError extends Error {
  abstract readonly family: 'client-node' | 'gpu-node' | 'transport' | 'reply';
  constructor(
    message: string,
    /** Route name, e.g. `tasks.start`, for messages and logs. */
    readonly route: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What the client node itself answered with HTTP 400/404/500 (or a non-JSON libevent status). */
export type ClientNodeErrorKind =
  | 'invalid-params' // -25: body, envelope, auth presence, query, unknown image_server
  | 'invalid-request' // -32600: bad uri, non-POST
  | 'not-found' // -32601: no such route
  | 'forward-failed' // -32701: unknown node, no peers, too many pending, unhandled request
  | 'node-timeout' // -1 "<op> timeout": the GPU node did not answer in 30 s (it may still act!)
  | 'bad-gpu-reply' // -1 otherwise: the GPU reply could not be decrypted or parsed
  | 'http-status'; // 405/413/503 from libevent, or anything else unexpected

export class ClientNodeError extends DbcApiError {
  readonly family = 'client-node' as const;
  readonly kind: ClientNodeErrorKind;
  /** The node's text, stripped of escape sequences and control characters. */
  readonly nodeMessage: string;
  constructor(
    route: string,
    readonly httpStatus: number,
    readonly errcode: number | undefined,
    nodeMessage: string,
  ) {
    const clean = sanitizeNodeText(nodeMessage);
    super(`${route}: client node answered HTTP ${httpStatus}${errcode === undefined ? '' : ` errcode ${errcode}`}: ${clean}`, route);
    this.nodeMessage = clean;
    this.kind = classifyClientNodeError(httpStatus, errcode, clean);
  }
}

function classifyClientNodeError(status: number, errcode: number | undefined, text: string): ClientNodeErrorKind {
  switch (errcode) {
    case -25: return 'invalid-params';
    case -32600: return 'invalid-request';
    case -32601: return 'not-found';
    case -32701: return 'forward-failed';
    case -1: return /timeout$/.test(text) ? 'node-timeout' : 'bad-gpu-reply';
    default: return status === 404 ? 'not-found' : 'http-status';
  }
}

/** A document from the GPU node (HTTP 200) whose errcode is not 0. */
export class GpuNodeError extends DbcApiError {
  readonly family = 'gpu-node' as const;
  /** The node's text, stripped of escape sequences and control characters. */
  readonly nodeMessage: string;
  constructor(
    route: string,
    readonly errcode: number,
    nodeMessage: string,
  ) {
    const clean = sanitizeNodeText(nodeMessage);
    super(`${route}: GPU node answered errcode ${errcode}: ${clean}`, route);
    this.nodeMessage = clean;
  }

  /** errcode -3 with `check authority failed…`: the wallet, session or rental was refused. */
  get isAuthority(): boolean {
    return this.errcode === -3 && this.nodeMessage.startsWith('check authority failed');
  }

  /** The reason after `check authority failed: `, e.g. `nonce check failed`. */
  get authorityReason(): string | undefined {
    const m = /^check authority failed(?::\s*(.*))?$/.exec(this.nodeMessage);
    return this.errcode === -3 && m ? (m[1] ?? '') : undefined;
  }
}

/** `wrong-protocol`: an http:// endpoint that speaks https (the request was never read). */
export type TransportErrorKind = 'refused' | 'reset' | 'aborted' | 'timeout' | 'unreachable' | 'wrong-protocol' | 'other';

/** The request did not get an HTTP answer: connection refused or reset, cancelled, or our own timeout. */
export class TransportError extends DbcApiError {
  readonly family = 'transport' as const;
  constructor(
    route: string,
    readonly kind: TransportErrorKind,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`${route}: ${detail}`, route);
  }
}

/**
 * An HTTP answer we cannot use: not the `{errcode, message}` JSON envelope, or a `message` whose shape
 * is not the route's (then `problem` says what was wrong, e.g. `message[0].task_id: expected a string`).
 */
export class ReplyParseError extends DbcApiError {
  readonly family = 'reply' as const;
  /** The body (the caller masks secrets first), stripped of escape sequences and control characters. */
  readonly body: string;
  readonly problem?: string;
  constructor(
    route: string,
    readonly httpStatus: number,
    body: string,
    problem?: string,
  ) {
    const clean = sanitizeNodeText(body);
    const cleanProblem = problem === undefined ? undefined : sanitizeNodeText(problem);
    super(`${route}: unparsable reply (HTTP ${httpStatus}): ${cleanProblem ?? clean.slice(0, 200)}`, route);
    this.body = clean.slice(0, 4096);
    this.problem = cleanProblem;
  }
}

/** The caller cancelled (AbortSignal): UI code treats this as silent. */
export function isCancellation(err: unknown): boolean {
  return err instanceof TransportError && err.kind === 'aborted';
}

/**
 * True when the request may have reached the GPU node although we got no answer: our own timeout,
 * the client node's 30 s timeout, or a reset. A state-changing call must then be reconciled by
 * reading state (never retried blindly: a second create may make a second VM).
 */
export function isOutcomeUnknown(err: unknown): boolean {
  if (err instanceof ClientNodeError) return err.kind === 'node-timeout' || err.kind === 'bad-gpu-reply';
  if (err instanceof TransportError) return err.kind === 'timeout' || err.kind === 'reset';
  return err instanceof ReplyParseError;
}

/**
 * True when the node refused us for lack of valid credentials. Both shapes mean the same (§13 Q4):
 * the client node's `-25 … all invalid` and the GPU node's `check authority failed: …`.
 */
export function isUnauthenticated(err: unknown): boolean {
  if (err instanceof GpuNodeError) return err.isAuthority;
  return err instanceof ClientNodeError && err.kind === 'invalid-params' && /all invalid$/.test(err.nodeMessage);
}

/** True when the GPU node says the task (or its log, snapshot, image) does not exist: `… not exist`. */
export function isNotExist(err: unknown): err is GpuNodeError {
  return err instanceof GpuNodeError && !err.isAuthority && /not exist/.test(err.nodeMessage);
}

/**
 * True when the client node could not parse the GPU node's reply (-1 `response parse error`, on image,
 * disk and free-memory routes `http response parse error`). Node 0.4.1.8 builds its replies without
 * escaping, so this is what a `"` or `\` in a log line (logs) or in a VM's `desc` (task list, task
 * info, create) produces: the same request fails again until that text is gone from the reply.
 */
export function isUnencodableReply(err: unknown): err is ClientNodeError {
  return err instanceof ClientNodeError && err.kind === 'bad-gpu-reply' && /^(http )?response parse error$/.test(err.nodeMessage);
}
