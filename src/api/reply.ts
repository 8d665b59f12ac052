// Turns an HTTP reply into the `message` of a success, or into the right error family (§1, §6).
import { ClientNodeError, GpuNodeError, ReplyParseError } from './errors';
import type { Envelope } from './types';
import type { RawReply } from './transport';

export function parseReply<T>(route: string, reply: RawReply): T {
  const envelope = parseEnvelope(reply.text);
  if (reply.status === 200) {
    if (!envelope) throw new ReplyParseError(route, reply.status, reply.text);
    if (envelope.errcode !== 0) throw new GpuNodeError(route, envelope.errcode, messageText(envelope.message));
    return envelope.message as T;
  }
  if (envelope) throw new ClientNodeError(route, reply.status, envelope.errcode, messageText(envelope.message));
  throw new ClientNodeError(route, reply.status, undefined, reply.text.trim().slice(0, 200) || `HTTP ${reply.status}`);
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
  return typeof message === 'string' ? message : JSON.stringify(message);
}
