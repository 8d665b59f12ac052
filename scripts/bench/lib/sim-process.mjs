// Starts lib/sim-child.mjs and talks to its admin API (docs/simulator.md) over 127.0.0.1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sim-child.mjs');

async function admin(url, route, body) {
  const res = await fetch(`${url}/__sim/${route}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
  if (!res.ok) throw new Error(`sim admin ${route}: HTTP ${res.status}`);
  return res.json();
}

/** `options`: startSimulator options (JSON-serializable: scenario object, speed, latencyMs, gpuLatencyMs…). */
export function startSimProcess(options) {
  const child = spawn(process.execPath, [childScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.write(`${JSON.stringify(options)}\n`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (!url) return reject(new Error(`unexpected simulator output: ${line}`));
      resolve({
        url,
        counters: () => admin(url, 'counters'),
        resetCounters: () => admin(url, 'reset-counters'),
        pid: child.pid,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}
