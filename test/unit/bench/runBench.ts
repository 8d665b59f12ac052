// Runs scripts/bench/run.mjs --smoke (tiny sizes) in a child process: exit code, output and results.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

export interface BenchRun {
  code: number | null;
  output: string;
  results: { _meta: { smoke: boolean; failed: Record<string, string>; skipped: Record<string, string> } } & Record<string, unknown>;
}

export function runBenchSmoke(args: string[], env: Record<string, string> = {}): Promise<BenchRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-bench-smoke-'));
  const out = path.join(dir, 'results.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench/run.mjs', '--smoke', '--no-compile', '--out', out, ...args], {
      cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const results = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined;
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, output, results });
    });
  });
}
