// Loopback ports and HTTP polling. Everything binds and talks to 127.0.0.1 only.
import http from 'node:http';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be listened on right now. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Resolves with the HTTP status of a GET, or 0 when nothing answers. */
export function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Polls `url` until it answers 200. `failFast()` may return an Error to stop early
 * (e.g. the server process already exited).
 */
export async function waitForHttpOk(url, { timeoutMs = 60000, intervalMs = 200, failFast = () => null } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = failFast();
    if (early) throw early;
    if ((await httpStatus(url)) === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await delay(intervalMs);
  }
}
