// A small HTTP service "inside" a simulated VM, reached only through `ssh -L` (direct-tcpip) to one of
// the VM's HTTP ports: it stands in for Jupyter or TensorBoard so port forwarding can be tested end to
// end. It never listens on a socket: each forwarded channel is handed to it as a connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export class GuestHttpService {
  private readonly server: Server;
  private readonly ports = new WeakMap<object, number>();

  constructor(private readonly taskId: string) {
    this.server = createServer((req, res) => this.answer(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** Serves one forwarded connection to guest port `port`. */
  serve(stream: Duplex, port: number): void {
    this.ports.set(stream, port);
    stream.on('error', () => stream.destroy());
    this.server.emit('connection', stream);
  }

  close(): void {
    this.server.close();
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const port = this.ports.get(req.socket) ?? 0;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api/status') {
      return send(res, 200, 'application/json', JSON.stringify({ service: 'dbc-sim guest http', task_id: this.taskId, port, method: req.method, path }));
    }
    if (path !== '/') return send(res, 404, 'text/plain; charset=utf-8', `404: ${path} not found on guest port ${port}\n`);
    const title = `Guest port ${port} of ${this.taskId}`;
    send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>A simulated web service inside the VM (dbc-sim), reached through SSH port forwarding.</p></body></html>\n`);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}
