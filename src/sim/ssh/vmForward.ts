// `direct-tcpip` (ssh -L) from the simulated VM: only to loopback, which on a real VM would be a
// service inside the guest. A port the guest's HTTP service answers (guest/httpService.ts) is served
// in-process; other ports are connected to on this machine's loopback (Remote-SSH's server runs
// there). Anything else is refused.
import * as net from 'net';
import { type AcceptConnection, type RejectConnection, type TcpipRequestInfo } from 'ssh2';
import type { Guest } from './guest/guestWorld';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function forwardToLoopback(accept: AcceptConnection, reject: RejectConnection, info: TcpipRequestInfo, guest?: Guest): void {
  if (!LOOPBACK.has(info.destIP) || !Number.isInteger(info.destPort) || info.destPort < 1 || info.destPort > 65535) {
    return reject();
  }
  if (guest?.serve(info.destPort, accept)) return;
  const socket = net.connect({ host: info.destIP === 'localhost' ? '127.0.0.1' : info.destIP, port: info.destPort });
  socket.once('error', () => reject());
  socket.once('connect', () => {
    socket.removeAllListeners('error');
    const channel = accept();
    socket.pipe(channel).pipe(socket);
    socket.on('error', () => channel.destroy());
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
    socket.on('close', () => channel.end());
  });
}
