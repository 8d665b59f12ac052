// The logging interface the pure layers take; ui/log.ts implements it on a LogOutputChannel.

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Masks what must never reach a log even if a caller forgot: long hex runs (signatures, seeds) and
 * `key: value` pairs of secret names. The API client already redacts its bodies; this is the second belt. */
export function maskSecrets(text: string): string {
  return text
    .replace(/("?(?:sign|session_id_sign|seed|mnemonic|password|login_password|vnc_password|secret)"?\s*[:=]\s*)"[^"]*"/gi, '$1"‹redacted›"')
    .replace(/(0x)?[0-9a-fA-F]{96,}/g, '‹hex›');
}
