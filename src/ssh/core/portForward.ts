// `ssh -L` in-process: a listener on 127.0.0.1 whose connections are carried to a port inside the VM
// (on its loopback) through the VM's SSH connection. The connection comes from `lease` per accepted
// socket, so a shared pool keeps one SSH connection for all of them and reconnects after a drop.
import * as net from 'net';
import type { ClientChannel } from 'ssh2';
import { type Lease } from './connectionPool';

export interface ForwardOptions {
  /** The port inside the VM. */
  remotePort: number;
  /** The local port; 0 or absent picks a free one. */
  localPort?: number;
  lease(): Promise<Lease>;
  /** A tunnelled connection failed (e.g. nothing listens on the guest port). */
  onError?(err: Error): void;
}

export interface PortForward {
  readonly localPort: number;
  /** `http://127.0.0.1:<local port>/`. */
  readonly url: string;
  /** Tunnelled connections open now. */
  readonly active: number;
  close(): Promise<void>;
}

export class LocalPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Local port ${port} is already in use.`);
    this.name = 'LocalPortInUseError';
  }
}

export function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`${what} must be a port number from 1 to 65535 (got ${port}).`);
}

export async function startForward(opts: ForwardOptions): Promise<PortForward> {
  checkPort(opts.remotePort, 'The guest port');
  if (opts.localPort) checkPort(opts.localPort, 'The local port');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void tunnel(socket, opts);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new LocalPortInUseError(opts.localPort ?? 0) : err));
    server.listen(opts.localPort ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const localPort = (server.address() as net.AddressInfo).port;
  return {
    localPort,
    url: `http://127.0.0.1:${localPort}/`,
    get active() {
      return sockets.size;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Whether something inside the VM accepts a connection on `remotePort` (opens and closes one). */
export async function probeGuestPort(lease: Lease, remotePort: number): Promise<boolean> {
  try {
    return await new Promise<boolean>((resolve) => {
      lease.client.forwardOut('127.0.0.1', 0, '127.0.0.1', remotePort, (err, channel) => {
        if (err) return resolve(false);
        channel.on('error', () => undefined);
        channel.close();
        resolve(true);
      });
    });
  } finally {
    lease.release();
  }
}

async function tunnel(socket: net.Socket, opts: ForwardOptions, retry = true): Promise<void> {
  socket.pause();
  let lease: Lease;
  try {
    lease = await opts.lease();
  } catch (err) {
    socket.destroy();
    opts.onError?.(err instanceof Error ? err : new Error(String(err)));
    return;
  }
  if (socket.destroyed) return lease.release();
  const opened = (err: Error | undefined, channel: ClientChannel): void => {
    if (err) {
      lease.release();
      socket.destroy();
      opts.onError?.(new Error(`Guest port ${opts.remotePort} refused the connection (${err.message}).`));
      return;
    }
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      lease.release();
    };
    channel.on('error', () => socket.destroy());
    channel.on('close', () => {
      socket.end(); // not destroy: what the socket still buffers must reach the browser
      finish();
    });
    socket.on('close', () => {
      channel.close();
      finish();
    });
    socket.pipe(channel).pipe(socket);
    socket.resume();
  };
  try {
    lease.client.forwardOut('127.0.0.1', socket.remotePort ?? 0, '127.0.0.1', opts.remotePort, opened);
  } catch (err) {
    // ssh2 throws `Not connected` when the connection dropped before the pool heard of it: reconnect once.
    lease.discard?.();
    lease.release();
    if (retry) return tunnel(socket, opts, false);
    socket.destroy();
    opts.onError?.(err instanceof Error ? err : new Error(String(err)));
  }
}
