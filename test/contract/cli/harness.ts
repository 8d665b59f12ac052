// The CLI contract tests: the built `dist/cli.js` as a child process against an in-process simulator
// on a random loopback port, with time sped up. Only 127.0.0.1 is ever contacted.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEMO_NODE_A_ID, DEMO_RENTER_SEED, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/sim';
import { raw, type RawResponse } from '../../support/simHttp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Builds dist/ once if it is missing (npm test builds it first). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.js failed');
}

export function startSim(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  // Strict nonces: dbc must never reuse one (node 0.4.1.8 would not notice).
  return startSimulator({ port: 0, speed: 1000, gpuLatencyMs: 0, ssh: false, clientTimeoutMs: 1500, strictNonces: true, ...opts });
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The wallet env of the demo renter on node A, pointed at `sim`. Nothing inherited but PATH. */
export function walletEnv(sim: RunningSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', DBC_ENDPOINT: sim.url, DBC_NODE: DEMO_NODE_A_ID, DBC_SEED: DEMO_RENTER_SEED, ...extra };
}

export function dbc(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dbc ${args.join(' ')} did not finish in ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running `dbc` (e.g. `vm logs --follow`) whose output can be awaited line by line. */
export class LiveDbc {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [CLI, ...args], { env });
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout)) {
      if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in output; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(timeoutMs = 10_000): Promise<number | null> {
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** The simulator's admin API over HTTP (`/__sim/…`). */
export async function admin(sim: RunningSimulator, method: 'GET' | 'POST', route: string, body?: unknown): Promise<any> {
  const r: RawResponse = await raw(sim.url, method, `/__sim/${route}`, body === undefined ? undefined : JSON.stringify(body));
  if (r.status !== 200) throw new Error(`admin ${route}: HTTP ${r.status} ${r.text}`);
  return r.json;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export const createFlags = (sshPort: number, vncPort: number, desc: string): string[] => [
  '--image', 'ubuntu.qcow2', '--ssh-port', String(sshPort), '--vnc-port', String(vncPort),
  '--gpus', '1', '--cpus', '4', '--mem', '8', '--disk', '50', '--desc', desc,
];
