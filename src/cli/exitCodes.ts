// Exit codes of `dbc`, one per error family (documented in docs/cli.md).
export const ExitCode = {
  ok: 0,
  /** The GPU node answered with a non-zero errcode (HTTP 200), or a watched VM ended in an error state. */
  gpu: 1,
  /** `dbc verify`: the signature does not match. */
  invalidSignature: 1,
  /** Bad flags or arguments, failed validation, missing or unusable credentials: nothing was sent. */
  usage: 2,
  /** The client node rejected the request itself (HTTP 400/404/500 with its own errcode). */
  clientNode: 3,
  /** No answer: connection refused or reset, our timeout, or the client node's 30 s timeout. */
  transport: 4,
  /** An answer that is not the `{errcode, message}` JSON envelope. */
  badReply: 5,
  /** `dbc ssh`: the SSH login, host-key check or key install failed, or the ssh config could not be written. */
  ssh: 6,
  /** Interrupted by Ctrl+C while waiting (a `--follow` stopped by Ctrl+C exits 0). */
  interrupted: 130,
  /** A bug in dbc itself. */
  internal: 70,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage problem found before anything was sent; printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure whose exit code and one-line text are already decided by the command. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
