// Small value helpers shared by the client-node and GPU-node halves of the simulator.

/** C `atoi`: optional leading blanks and sign, then digits; anything else stops the scan; no digits → 0. */
export function atoi(s: string): number {
  const m = /^[ \t\n\r\f\v]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  if (n > 2147483647) return 2147483647;
  if (n < -2147483648) return -2147483648;
  return n;
}

/**
 * `util::split(src, sep)` (string_util.cpp): the pieces between separators, empty ones dropped, so
 * `"host:"` is one piece and `"a::b"` two. The node checks `ip:port` and `a.b.c.d/n` this way.
 */
export function utilSplit(src: string, sep: string): string[] {
  return src.split(sep).filter((piece) => piece !== '');
}

/** Two decimals at most, trailing zeros dropped: 8 → "8", 1.5 → "1.5", 3.494 → "3.49". */
function trimDecimals(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** `size2GB`: always in G, e.g. 3575.8 → "3575.8G". */
export function sizeGb(gb: number): string {
  return `${trimDecimals(gb)}G`;
}

/** `scale_size`: the largest unit (B K M G T P) that keeps the integer part ≥ 1. */
export function scaleSize(gb: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let value = gb * 1024 * 1024 * 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${trimDecimals(value)}${units[i]}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time as `YYYY-MM-DD HH:MM:SS`, like the GPU node renders dates. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${trimDecimals((part / whole) * 100)}%` : '0%';
}

/** JSON_PARSE_STRING: a value that is not a JSON string is treated as absent (""). */
export function str(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** An array of strings, or undefined when the key is absent or not an array; non-strings are dropped. */
export function strArray(obj: Record<string, unknown>, key: string): string[] | undefined {
  const v = obj[key];
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

export { isRecord } from '../util/isRecord';
