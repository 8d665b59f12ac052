// Password-to-key bootstrap: log in once with the VM password (passwordSession.ts) and install a
// public key into the VM's ~/.ssh/authorized_keys, idempotently. After this the Host block can be
// switched to key-only (sshConfig.ts, stage 'key').
import { quotePosix } from './shellQuote';
import { connectWithPassword, execCollect, watchAbort, type HostKeyOutcome, type PasswordLogin } from './passwordSession';
import { SshError } from './sshErrors';

export { probeTcp, probeSshBanner } from './probe';
export { SshError, type SshErrorCode } from './sshErrors';

export interface BootstrapOptions extends PasswordLogin {
  /** The authorized_keys line to install (`type base64 [comment]`). */
  publicKey: string;
  /** Overall limit, login included. Default 60 s. */
  totalTimeoutMs?: number;
}

export interface BootstrapResult {
  /** False when the key was already there. */
  keyAdded: boolean;
  hostKey: HostKeyOutcome;
}

export async function bootstrapKey(opts: BootstrapOptions): Promise<BootstrapResult> {
  const script = installKeyScript(opts.publicKey);
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), opts.totalTimeoutMs ?? 60_000);
  const stopForwarding = watchAbort(opts.signal, () => limit.abort());
  const signal = limit.signal;
  try {
    const session = await connectWithPassword({ ...opts, signal });
    const stopClosing = watchAbort(signal, () => session.client.destroy());
    try {
      const result = await execCollect(session.client, `sh -c ${quotePosix(script)}`);
      if (signal.aborted) throw new SshError('aborted', 'SSH key install cancelled.');
      if (result.code !== 0) {
        const detail = result.stderr.trim().slice(0, 500) || `exit status ${result.code ?? result.signal}`;
        throw new SshError('remote-failed', `Installing the SSH key on the VM failed: ${detail}`);
      }
      return { keyAdded: /\badded\b/.test(result.stdout), hostKey: session.hostKey };
    } finally {
      stopClosing();
      session.client.end();
    }
  } catch (err) {
    throw timeoutOrCancel(err, opts.signal, signal);
  } finally {
    clearTimeout(timer);
    stopForwarding();
  }
}

/** Tells a caller's cancel apart from our own overall timeout (both abort `limit`). */
function timeoutOrCancel(err: unknown, callerSignal: AbortSignal | undefined, limit: AbortSignal): unknown {
  if (!limit.aborted || (err instanceof SshError && err.code !== 'aborted' && err.code !== 'connect-failed')) return err;
  return callerSignal?.aborted ? new SshError('aborted', 'SSH key install cancelled.') : new SshError('timeout', 'Timed out installing the SSH key.');
}

/**
 * POSIX sh that adds `publicKey` to ~/.ssh/authorized_keys unless a line with the same key
 * (type + base64, whatever the comment) is there. Creates ~/.ssh 700 and the file 600; adds a
 * newline first if the file does not end with one. Prints `added` or `present`.
 */
export function installKeyScript(publicKey: string): string {
  const line = publicKey.trim();
  const [type, data] = line.split(/\s+/);
  if (!type || !data || /[\r\n]/.test(line)) throw new Error('Not an OpenSSH public key line.');
  return [
    'umask 077',
    `key=${quotePosix(line)}`,
    `match=${quotePosix(`${type} ${data}`)}`,
    'd="$HOME/.ssh"; f="$d/authorized_keys"',
    'mkdir -p "$d" && chmod 700 "$d" || exit 1',
    '[ -f "$f" ] || : > "$f" || exit 1',
    'chmod 600 "$f" || exit 1',
    'if grep -qF -- "$match" "$f"; then echo present; exit 0; fi',
    'if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then echo >> "$f" || exit 1; fi',
    'printf \'%s\\n\' "$key" >> "$f" && echo added',
  ].join('\n');
}
