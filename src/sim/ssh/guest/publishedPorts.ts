// The host side of a running VM's `custom_port` rules, as the node's iptables DNAT makes them: a TCP
// connection to 127.0.0.1:<host port> reaches <guest port> inside the VM. Only pairs whose guest port
// the VM's HTTP service answers are opened (a range rule can name thousands of ports). The node applies
// rule changes at once, so `sync` is called after every modify; a port that cannot be bound is logged.
import * as net from 'node:net';

export type ServeGuest = (socket: net.Socket, guestPort: number) => void;

/** host → guest TCP pairs of rules in the node's syntax (`tcp,N`, `tcp,A:B`, `tcp,A-B`, `tcp,A-B:C-D`); others are skipped, as the node skips them. */
export function tcpPairs(rules: readonly string[]): Map<number, number> {
  const pairs = new Map<number, number>();
  for (const rule of rules) {
    const m = /^tcp,(\d+)(?:-(\d+))?(?::(\d+)(?:-(\d+))?)?$/.exec(rule);
    if (!m) continue;
    const [hostFrom, hostTo, guestFrom] = [Number(m[1]), Number(m[2] ?? m[1]), Number(m[3] ?? m[1])];
    for (let h = hostFrom; h <= hostTo && h <= 65535; h++) pairs.set(h, guestFrom + (h - hostFrom));
  }
  return pairs;
}

export class PublishedPorts {
  private readonly open = new Map<number, { guest: number; server: net.Server; sockets: Set<net.Socket> }>();

  constructor(private readonly serve: ServeGuest, private readonly log: (line: string) => void, private readonly label: string) {}

  /** Opens the pairs whose guest port is in `guestPorts`, closes the rest. */
  sync(rules: readonly string[], guestPorts: readonly number[]): void {
    const wanted = new Map([...tcpPairs(rules)].filter(([, guest]) => guestPorts.includes(guest)));
    for (const [host, entry] of this.open) if (wanted.get(host) !== entry.guest) this.closePort(host);
    for (const [host, guest] of wanted) if (!this.open.has(host)) this.listen(host, guest);
  }

  close(): void {
    for (const host of [...this.open.keys()]) this.closePort(host);
  }

  private listen(host: number, guest: number): void {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      this.serve(socket, guest);
    });
    server.on('error', (err) => {
      this.log(`port: ${this.label} could not publish 127.0.0.1:${host} → guest ${guest}: ${err.message}`);
      if (this.open.get(host)?.server === server) this.open.delete(host);
    });
    server.listen(host, '127.0.0.1', () => this.log(`port: ${this.label} 127.0.0.1:${host} → guest ${guest}`));
    this.open.set(host, { guest, server, sockets });
  }

  private closePort(host: number): void {
    const entry = this.open.get(host);
    this.open.delete(host);
    if (!entry) return;
    for (const s of entry.sockets) s.destroy();
    entry.server.close();
  }
}
