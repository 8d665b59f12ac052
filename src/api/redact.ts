// Masks what must never reach a log: signatures, session_id_sign, passwords, secret seeds. Nonces and
// session ids are shortened; wallet addresses are kept short but recognisable.

const SECRET_KEYS = new Set(['sign', 'session_id_sign', 'login_password', 'vnc_password', 'password', 'seed', 'mnemonic', 'secret']);
const SHORTEN_KEYS = new Set(['nonce', 'session_id']);
const ADDRESS_KEYS = new Set(['wallet', 'renter']);

export function redact(value: unknown, key?: string): unknown {
  if (key && SECRET_KEYS.has(key)) return typeof value === 'string' && value === '' ? '' : '‹redacted›';
  if (typeof value === 'string') {
    if (key && SHORTEN_KEYS.has(key)) return value.length > 8 ? `${value.slice(0, 4)}…` : '‹redacted›';
    if (key && ADDRESS_KEYS.has(key)) return shortAddress(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, key === 'wallets' ? 'wallet' : undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/** Redacts a JSON text; text that is not JSON is returned with long hex runs masked. */
export function redactJsonText(text: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(text)));
  } catch {
    return text.replace(/[0-9a-fA-F]{64,}/g, '‹hex›');
  }
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
