// The HTTP listener on 127.0.0.1: reads bodies (32 MiB max, like libevent), sends admin requests to
// /__sim/, the chain's JSON-RPC at `POST /` to chain/rpc.ts and everything else through the client-node
// pipeline, and writes `<json>\r\n` replies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Admin } from '../admin';
import { handleAdmin } from './adminRoutes';
import { handleChainRpc } from '../chain/rpc';
import type { Cancellable, RealTimers } from './forward';
import { handleApiRequest, type PipelineDeps } from './pipeline';
import { libeventError, type Reply } from './reply';

const MAX_BODY = 0x02000000;
/** libevent's default method filter; anything else gets its 405 page. */
const LIBEVENT_METHODS = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE']);

export class TimerSet implements RealTimers {
  private readonly pending = new Set<NodeJS.Timeout>();

  wait(ms: number): Cancellable {
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.pending.delete(timer as NodeJS.Timeout);
        resolve();
      }, ms);
      this.pending.add(timer);
    });
    return Object.assign(promise, {
      cancel: () => {
        if (timer) clearTimeout(timer);
        this.pending.delete(timer as NodeJS.Timeout);
      },
    });
  }

  /** Pending waits never resolve after this (their requests are being torn down). */
  dispose(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, reply: Reply): void {
  const body = `${reply.body}\r\n`;
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export interface ServerDeps extends PipelineDeps {
  admin: Admin;
  log(line: string): void;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const method = req.method ?? 'GET';
  const text = await readBody(req);
  const admin = target === '/__sim' || target.startsWith('/__sim/');
  if (admin && text !== undefined) return write(res, handleAdmin(deps.admin, method, target, text));
  if (target === '/' && method === 'POST' && text !== undefined) return write(res, handleChainRpc(deps.sim, text));
  if (text === undefined || !LIBEVENT_METHODS.has(method)) {
    deps.sim.counters.count(undefined);
    return write(res, text === undefined ? libeventError(413, 'Payload Too Large') : libeventError(405, 'Method Not Allowed'));
  }
  const outcome = await handleApiRequest(deps, { method, target, body: text });
  if ('reset' in outcome) {
    req.socket.destroy();
    return;
  }
  if ('hang' in outcome) return; // no reply: the connection stays open until the client gives up or we close
  write(res, outcome.reply);
}

export function startHttp(deps: ServerDeps, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      deps.log(`request ${req.method ?? ''} ${req.url ?? ''} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) write(res, { status: 500, body: JSON.stringify({ errcode: -32701, message: 'Unhandled request' }, null, 4) });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
