// One ssh2 connection to a VM, logged in with a password, a private key or the ssh-agent, its host key
// checked against our known_hosts with accept-new semantics (hostKeyCheck.ts), and `execCollect` to
// run a command on it. The password bootstrap (passwordSession.ts) and GPU telemetry / port forwarding
// (keySession.ts) share it, so both follow the same host-key rules as Remote-SSH.
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { type SshFileEnv } from './fileEnv';
import { hostKeyFromBlob, judgeHostKey, preferredHostKeyAlgorithms, type PresentedHostKey } from './hostKeyCheck';
import { addKnownHost, knownHostsPattern, readKnownHostKeys } from './knownHosts';
import { SshError } from './sshErrors';
import { ssh2 } from './ssh2Lib';

export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  env: SshFileEnv;
  signal?: AbortSignal;
  /** Time allowed for TCP connect, handshake and login. Default 20 s. */
  timeoutMs?: number;
}

export type SshAuth =
  | { kind: 'password'; password: string }
  /** A private key (OpenSSH/PEM text); `agent` (a socket path) is tried too, for keys with a passphrase. */
  | { kind: 'key'; privateKey: Buffer; agent?: string; label: string }
  | { kind: 'agent'; agent: string; label: string };

export interface HostKeyOutcome {
  type: string;
  fingerprint: string;
  /** True when the key was unknown and has just been added to our known_hosts. */
  learned: boolean;
}

export interface VerifiedSession {
  client: Client;
  hostKey: HostKeyOutcome;
}

export interface ExecResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

export async function connectVerified(target: SshEndpoint, auth: SshAuth): Promise<VerifiedSession> {
  const known = await readKnownHostKeys(target.host, target.port, target.env);
  const preferred = preferredHostKeyAlgorithms(known.keys);
  const client = new (ssh2().Client)();
  let hostKey: HostKeyOutcome | undefined;
  let hostError: SshError | undefined;
  const verify = (blob: Buffer, accept: (ok: boolean) => void): void => {
    void checkHostKey(target, known, blob).then(
      (outcome) => {
        hostKey = outcome;
        accept(true);
      },
      (err: unknown) => {
        hostError = err instanceof SshError ? err : new SshError('connect-failed', 'Could not record the host key.', { cause: err });
        accept(false);
      },
    );
  };
  await new Promise<void>((resolve, reject) => {
    const cleanup = watchAbort(target.signal, () => {
      client.destroy();
      reject(new SshError('aborted', 'SSH login cancelled.'));
    });
    client.once('ready', () => {
      cleanup();
      resolve();
    });
    // Kept for the client's whole life: ssh2 may emit more errors after a destroy or a reset,
    // and an unhandled 'error' event would crash the process. Only the first one matters.
    client.on('error', (err: Error & { level?: string }) => {
      cleanup();
      client.destroy();
      reject(hostError ?? mapClientError(err, target, auth));
    });
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: target.timeoutMs ?? 20_000,
      hostVerifier: verify,
      ...authConfig(client, auth),
      // ssh2 applies these in key order: take the known types out, then put them first.
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } } : {}),
    });
  });
  if (!hostKey) throw new SshError('connect-failed', 'The server did not present a host key.');
  return { client, hostKey };
}

function authConfig(client: Client, auth: SshAuth): Partial<ConnectConfig> {
  switch (auth.kind) {
    case 'password':
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => finish(prompts.map(() => auth.password)));
      return { password: auth.password, tryKeyboard: true };
    case 'key':
      return { privateKey: auth.privateKey, ...(auth.agent ? { agent: auth.agent } : {}) };
    case 'agent':
      return { agent: auth.agent };
  }
}

/** Runs `command`, collecting output (capped at `maxBytes` per stream). */
export function execCollect(client: Client, command: string, maxBytes = 64 * 1024): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel: ClientChannel) => {
      if (err) return reject(new SshError('remote-failed', `Could not run a command on the VM: ${err.message}`, { cause: err }));
      const out = collector(maxBytes);
      const errOut = collector(maxBytes);
      let code: number | null = null;
      let signal: string | undefined;
      channel.on('data', out.push);
      channel.stderr.on('data', errOut.push);
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? undefined;
      });
      channel.on('close', () => resolve({ code, signal, stdout: out.text(), stderr: errOut.text() }));
    });
  });
}

async function checkHostKey(target: SshEndpoint, known: Awaited<ReturnType<typeof readKnownHostKeys>>, blob: Buffer): Promise<HostKeyOutcome> {
  const presented: PresentedHostKey = hostKeyFromBlob(blob);
  const verdict = judgeHostKey(known, presented);
  const where = knownHostsPattern(target.host, target.port);
  switch (verdict) {
    case 'known':
      return { type: presented.type, fingerprint: presented.fingerprint, learned: false };
    case 'new':
      await addKnownHost(target.host, target.port, presented, target.env);
      return { type: presented.type, fingerprint: presented.fingerprint, learned: true };
    case 'revoked':
      throw new SshError('host-key-revoked', `The host key of ${where} (${presented.fingerprint}) is marked as revoked.`);
    case 'changed':
      throw new SshError(
        'host-key-changed',
        `The host key of ${where} has changed (now ${presented.type} ${presented.fingerprint}). ` +
          'If this VM was re-created on the same address, reset its known host entry; otherwise someone may be intercepting the connection.',
      );
  }
}

function mapClientError(err: Error & { level?: string }, target: SshEndpoint, auth: SshAuth): SshError {
  const where = `${target.user}@${target.host}:${target.port}`;
  if (err.level === 'client-authentication') {
    const how = auth.kind === 'password' ? 'the password login' : `the key ${auth.label}`;
    return new SshError('auth-failed', `The VM refused ${how} for ${where}.`, { cause: err });
  }
  if (err.level === 'client-timeout') return new SshError('timeout', `Timed out connecting to ${where}.`, { cause: err });
  return new SshError('connect-failed', `Could not connect to ${where}: ${err.message}`, { cause: err });
}

export function watchAbort(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    queueMicrotask(onAbort);
    return () => undefined;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

function collector(maxBytes: number): { push: (chunk: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push: (chunk) => {
      if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
