// The SSH endpoint of one simulated Linux VM, built on ssh2's Server (no hand-written protocol).
// It listens on 127.0.0.1 only. Logins: the VM user's current password, or a key from
// `<homeDir>/.ssh/authorized_keys`. Sessions run real commands in `homeDir` (see vmSession.ts);
// `direct-tcpip` forwards only to loopback (vmForward.ts). The optional guest answers nvidia-smi and
// serves its HTTP ports in-process (guest/). Nothing secret is ever logged.
import * as net from 'net';
import { Server } from 'ssh2';
import { generateEd25519Pair } from '../../ssh/core/keys';
import { ChildProcesses } from './childProcesses';
import type { Guest } from './guest/guestWorld';
import { authenticate } from './vmAuth';
import { forwardToLoopback } from './vmForward';
import { handleSession } from './vmSession';

export interface VmSshOptions {
  port: number;
  user: string;
  password(): string;
  homeDir: string;
  hostKey: string;
  guest?: Guest;
}

export interface VmSshServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A fresh OpenSSH-format ed25519 private host key. */
export function generateHostKey(): string {
  return generateEd25519Pair().private;
}

/** Starts the endpoint on 127.0.0.1:`port` (0 = any free port); rejects e.g. on EADDRINUSE. */
export function startVmSsh(opts: VmSshOptions): Promise<VmSshServer> {
  const procs = new ChildProcesses();
  const sockets = new Set<net.Socket>();
  // We own the listening socket and hand connections to ssh2, so close() can cut them all.
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    ssh.injectSocket(socket);
  });
  const listeningPort = (): number => {
    const addr = listener.address();
    return typeof addr === 'object' && addr !== null ? addr.port : opts.port;
  };
  const ssh = new Server({ hostKeys: [opts.hostKey] }, (client, info) => {
    client.on('error', () => client.end());
    client.on('authentication', (ctx) => authenticate(ctx, opts));
    client.on('ready', () => {
      const connection = `${info.ip} ${info.port} 127.0.0.1 ${listeningPort()}`;
      client.on('session', (accept) => handleSession(accept, { user: opts.user, homeDir: opts.homeDir, procs, connection, guest: opts.guest }));
      client.on('tcpip', (accept, reject, tcpip) => forwardToLoopback(accept, reject, tcpip, opts.guest));
    });
  });
  return new Promise((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(opts.port, '127.0.0.1', () => {
      listener.off('error', reject);
      listener.on('error', () => undefined);
      resolve({ port: listeningPort(), close: () => closeAll(listener, sockets, procs, opts.guest) });
    });
  });
}

async function closeAll(listener: net.Server, sockets: Set<net.Socket>, procs: ChildProcesses, guest: Guest | undefined): Promise<void> {
  const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
  guest?.close();
  await procs.killAll();
  for (const socket of sockets) socket.destroy();
  await closed;
}
