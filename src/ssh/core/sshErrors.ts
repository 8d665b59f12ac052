export type SshErrorCode =
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'auth-failed'
  | 'connect-failed'
  | 'timeout'
  | 'aborted'
  | 'remote-failed';

/** A failure of our own SSH connection. Messages never contain passwords or key material. */
export class SshError extends Error {
  constructor(readonly code: SshErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = code === 'aborted' ? 'AbortError' : 'SshError';
  }
}
