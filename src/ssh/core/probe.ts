// Readiness probes for "connect when ready": a VM's SSH port first refuses, then accepts TCP, then
// sends the `SSH-2.0-…` banner once sshd is up.
import * as net from 'net';

/** Resolves true if a TCP connection to host:port succeeds within `timeoutMs`; never rejects. */
export function probeTcp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return probe(host, port, timeoutMs, signal, (socket, done) => socket.once('connect', () => done(true)));
}

/** Like `probeTcp`, but also waits for the SSH identification banner. */
export function probeSshBanner(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return probe(host, port, timeoutMs, signal, (socket, done) => {
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('latin1')).slice(-1024);
      if (/(^|\n)SSH-/.test(seen)) done(true);
    });
  });
}

function probe(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  watch: (socket: net.Socket, done: (ok: boolean) => void) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const socket = net.connect({ host, port });
    let settled = false;
    const done = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(ok);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    watch(socket, done);
  });
}
