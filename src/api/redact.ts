// Masks what must never reach a log or a terminal: signatures, session_id_sign, passwords, secret seeds.
// Nonces and session ids are shortened; wallet addresses are kept short but recognisable. Masking always
// runs on the whole text, before anything is cut to length, so a cut can never expose half a secret.

const SECRET_KEYS = new Set(['sign', 'session_id_sign', 'login_password', 'vnc_password', 'password', 'seed', 'mnemonic', 'secret']);
const SHORTEN_KEYS = new Set(['nonce', 'session_id']);
const ADDRESS_KEYS = new Set(['wallet', 'renter']);
const SECRET_NAMES = 'session_id_sign|login_password|vnc_password|password|passwd|mnemonic|secret|seed|sign';

// `"password":"x"`, also inside a JSON string (`\"password\":\"x\"`, any depth of escaping), and `password=x`
// (a bare `password: x` is too often prose).
const QUOTED = new RegExp(`((?<![A-Za-z0-9_])(?:\\\\*")?(?:${SECRET_NAMES})(?:\\\\*")?\\s*[:=]\\s*)(\\\\*")((?:(?!\\2).)*)\\2`, 'gi');
const BARE = new RegExp(`((?<![A-Za-z0-9_])(?:${SECRET_NAMES})\\s*=\\s*)(?!\\\\*"|‹)([^\\s"',;}\\]\\\\]+)`, 'gi');
/** 48 bytes or more in hex: signatures (64 bytes) and anything like them. Node ids (32 bytes) stay. */
const LONG_HEX = /(0x)?[0-9a-fA-F]{96,}/g;
/** Found in every match of QUOTED and BARE (each holds one of SECRET_NAMES): texts without it skip them. */
const ANY_NAME = new RegExp(SECRET_NAMES, 'i');
const MASK = '‹redacted›';

/**
 * `text` with secrets masked: the exact values in `known` (what a request sent), values of secret names
 * (quoted, escaped inside JSON strings, or bare), and long hex runs.
 */
export function maskSecretText(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(MASK);
  }
  // Most texts of a reply (ids, states, times) are short and name no secret: nothing below can match them.
  if (out.length < 96 && !ANY_NAME.test(out)) return out;
  return out
    .replace(QUOTED, (_m, key: string, quote: string) => `${key}${quote}${MASK}${quote}`)
    .replace(BARE, (_m, key: string) => `${key}${MASK}`)
    .replace(LONG_HEX, MASK);
}

/** The secret values of a request body (signatures, session_id_sign, passwords), to mask in its reply. */
export function secretsOf(value: unknown, key?: string): string[] {
  if (typeof value === 'string') return key && SECRET_KEYS.has(key) && value !== '' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretsOf(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretsOf(v, k));
  return [];
}

export function redact(value: unknown, key?: string): unknown {
  if (key && SECRET_KEYS.has(key)) return typeof value === 'string' && value === '' ? '' : MASK;
  if (typeof value === 'string') {
    if (key && SHORTEN_KEYS.has(key)) return value.length > 8 ? `${value.slice(0, 4)}…` : MASK;
    if (key && ADDRESS_KEYS.has(key)) return shortAddress(value);
    return maskSecretText(value);
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, key === 'wallets' ? 'wallet' : undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/** Redacts a JSON text (keys and texts inside strings too); text that is not JSON gets maskSecretText. */
export function redactJsonText(text: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(text)));
  } catch {
    return maskSecretText(text);
  }
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
