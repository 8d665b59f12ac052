// Reading loosely typed spec values: callers pass strings or numbers (CLI flags, JSON files, UI inputs).

export type ScalarValue =
  | { kind: 'absent' }
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; type: string };

/** A JSON-ish type name for messages: string, number, boolean, array, object or null. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `undefined`, `null` and blank strings are absent; strings and finite numbers are text. */
export function readScalar(value: unknown): ScalarValue {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'absent' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'text', text: numberText(value) };
  return { kind: 'invalid', type: typeName(value) };
}

function numberText(n: number): string {
  return Number.isFinite(n) && Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** The value of an all-digits string, or undefined (no sign, no spaces, no decimals). */
export function parseDigits(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export function isAbsent(value: unknown): boolean {
  return readScalar(value).kind === 'absent';
}
