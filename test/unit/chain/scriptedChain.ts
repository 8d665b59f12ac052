// A misbehaving chain endpoint on 127.0.0.1 for the chain client's tests: each request is answered by
// the next step of a script (a reply, a delay, a reset), and every request body is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { reply: (req: { id: number; method: string; params: unknown }) => unknown; status?: number }
  | { raw: string; status?: number }
  | { hang: true }
  | { reset: true };

export interface ScriptedChain {
  url: string;
  requests: Array<{ id: number; method: string; params: unknown; text: string }>;
  close(): Promise<void>;
}

export async function scriptedChain(steps: Step[], fallback?: Step): Promise<ScriptedChain> {
  const requests: ScriptedChain['requests'] = [];
  const hanging: ServerResponse[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const doc = JSON.parse(text) as { id: number; method: string; params: unknown };
    requests.push({ ...doc, text });
    const step = steps.shift() ?? fallback;
    if (!step || 'hang' in step) {
      hanging.push(res);
      return;
    }
    if ('reset' in step) {
      req.socket.destroy();
      return;
    }
    const body = 'raw' in step ? step.raw : JSON.stringify({ jsonrpc: '2.0', id: doc.id, result: step.reply(doc) });
    res.writeHead(step.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** `chain_getBlock`'s result at height `n`. */
export const blockResult = (n: number) => ({ block: { header: { number: `0x${n.toString(16)}`, parentHash: '0x00' }, extrinsics: [] }, justifications: null });
