// A plain object (not null, not an array), safe to read by key: for JSON and arguments we did not write.
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
