// Builds the request envelope of §4. Every scalar inside `additional` goes out as a JSON string,
// because the GPU node silently treats non-string scalars as absent (`"gpu_count": 2` → 0 GPUs) —
// with one exception: the disk routes read `size` with JSON_PARSE_INT, which ignores a string. A value
// that must stay a JSON number is wrapped in `JsonInteger`, so the exception is visible where it is made.
import { RequestError } from './requestError';
import type { AdditionalValue, AuthFields, RequestBody } from './types';

/** An `additional` value sent as a JSON integer, not as a string (`"size": 100`). */
export class JsonInteger {
  constructor(readonly value: number) {
    if (!Number.isSafeInteger(value)) throw new RequestError(`Expected a whole number, got ${value}.`);
  }
}

export const jsonInteger = (value: number): JsonInteger => new JsonInteger(value);

// `rent_order` (a per-GPU rental) belongs at the top level, not inside `additional` (§4); it is lifted
// out so that callers may pass it with the other create fields.
export function buildEnvelope(nodeId: string | undefined, additional: Record<string, unknown>, auth?: AuthFields, rentOrder?: string): RequestBody {
  const { rent_order: inAdditional, ...rest } = additional;
  const order = rentOrder ?? (inAdditional === undefined || inAdditional === '' ? undefined : String(inAdditional));
  const body: RequestBody = { peer_nodes_list: nodeId ? [nodeId] : [], additional: stringifyAdditional(rest), ...(auth ?? {}) };
  if (order !== undefined) body['rent_order'] = order;
  return body;
}

export function stringifyAdditional(additional: Record<string, unknown>): Record<string, AdditionalValue> {
  const out: Record<string, AdditionalValue> = {};
  for (const [key, value] of Object.entries(additional)) {
    const v = stringifyValue(value);
    if (v !== undefined) out[key] = v as AdditionalValue;
  }
  return out;
}

function stringifyValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof JsonInteger) return value.value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((v) => stringifyValue(v)).filter((v) => v !== undefined);
  if (typeof value === 'object') return stringifyAdditional(value as Record<string, unknown>);
  return value;
}
