// A hostile "client node" on 127.0.0.1: every request is handed to the test's handler, which may echo
// the request, malform the reply, stream an endless body or send escape sequences. Counts what it sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
  path: string;
  body: string;
  json: Record<string, any>;
}

export type Handler = (req: HostileRequest, res: http.ServerResponse) => void;

export class HostileNode {
  handler: Handler = (_req, res) => res.end('{"errcode":0,"message":"ok"}');
  /** Bytes written by `stream()` before the client went away, per request. */
  readonly streamed: number[] = [];
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<HostileNode> {
    const node = new HostileNode(http.createServer());
    node.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, any> = {};
        try {
          json = JSON.parse(body);
        } catch {
          // not JSON: the handler sees the text
        }
        node.handler({ path: (req.url ?? '').replace(/^\/api\/v1/, ''), body, json }, res);
      });
    });
    await new Promise<void>((resolve) => node.server.listen(0, '127.0.0.1', resolve));
    return node;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reply(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(text);
  }

  /** Writes `{"errcode":0,"message":[{"task_id":"…","desc":"xxxx…` forever, until the client closes. */
  stream(res: http.ServerResponse, taskId: string, headers: http.OutgoingHttpHeaders = {}): void {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    let sent = 0;
    const slot = this.streamed.push(0) - 1;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = (): void => {
      while (!res.destroyed) {
        sent += chunk.length;
        this.streamed[slot] = sent;
        if (sent > 1024 * 1024 * 1024) {
          res.end(); // 1 GiB: the client should have hung up long ago
          return;
        }
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    res.write(`{"errcode":0,"message":[{"task_id":"${taskId}","status":"running","desc":"`);
    pump();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
