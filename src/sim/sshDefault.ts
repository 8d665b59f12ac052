// The real SSH endpoint implementation (ssh2 based), owned by src/sim/ssh, and the real host port check.
import * as net from 'node:net';
import type { SshBackend } from './sshHost';
import { generateHostKey, startVmSsh } from './ssh/vmSsh';

/** Whether 127.0.0.1:`port` is taken: a listen attempt fails with EADDRINUSE (or EACCES below 1024). */
export function hostPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** A port on 127.0.0.1 that the OS had free a moment ago (listen on port 0). */
export function freeHostPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const defaultSshBackend: SshBackend = { start: startVmSsh, generateHostKey, portInUse: hostPortInUse };
