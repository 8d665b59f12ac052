// Turns an HTTP reply into the `message` of a success, or into the right error family (§1, §6). A success
// is checked against the route's shape, then every text in it is stripped of escape sequences and of the
// secrets the request sent (one walk), so nothing a node echoes reaches a terminal or a log.
import { ClientNodeError, GpuNodeError, ReplyParseError } from './errors';
import { sanitizeReply } from './nodeText';
import { maskSecretText } from './redact';
import { nestsDeeperThan, ShapeMismatch, type Shape } from './shape';
import type { Envelope } from './types';
import type { RawReply } from './transport';

/** Deeper than any reply of the API; deeper replies are refused before anything walks them. */
const MAX_DEPTH = 32;

export function parseReply<T>(route: string, reply: RawReply, shape: Shape<T>, sent: readonly string[] = []): T {
  const mask = (text: string) => maskSecretText(text, sent);
  const envelope = parseEnvelope(reply.text);
  if (reply.status === 200) {
    if (!envelope) throw new ReplyParseError(route, reply.status, mask(reply.text));
    if (envelope.errcode !== 0) throw new GpuNodeError(route, envelope.errcode, mask(messageText(envelope.message)));
    return checkMessage(route, envelope.message, shape, sent);
  }
  if (envelope) throw new ClientNodeError(route, reply.status, envelope.errcode, mask(messageText(envelope.message)));
  throw new ClientNodeError(route, reply.status, undefined, mask(reply.text.trim()).slice(0, 200) || `HTTP ${reply.status}`);
}

function checkMessage<T>(route: string, message: unknown, shape: Shape<T>, sent: readonly string[]): T {
  const problem = (text: string) => new ReplyParseError(route, 200, '', maskSecretText(text, sent));
  if (nestsDeeperThan(message, MAX_DEPTH)) throw problem(`message nests lists and objects deeper than ${MAX_DEPTH} levels`);
  let value: T;
  try {
    value = shape.parse(message, 'message');
  } catch (err) {
    if (err instanceof ShapeMismatch) throw problem(err.message);
    throw err;
  }
  return sanitizeReply(value, sent.length === 0 ? undefined : (text) => maskSecretText(text, sent)) as T;
}

function parseEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { errcode, message } = value as Partial<Envelope>;
  if (typeof errcode !== 'number') return undefined;
  return { errcode, message };
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return '(an unreadable message)'; // nested too deep to print
  }
}
