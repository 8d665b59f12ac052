// The logging interface the pure layers take; ui/log.ts implements it on a LogOutputChannel.
import { sanitizeNodeText } from '../../api/nodeText';
import { maskSecretText } from '../../api/redact';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * What a log line may show: secrets masked even if a caller forgot (long hex runs, values of secret
 * names, also inside JSON strings), and no escape sequences or control characters from node text.
 * The API client already redacts its bodies; this is the second belt.
 */
export function maskSecrets(text: string): string {
  return sanitizeNodeText(maskSecretText(text), { tabs: true, newlines: true });
}
