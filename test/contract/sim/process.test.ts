// `node dist/sim.js` as a process: the `listening on` line, the demo credentials, a clean SIGTERM.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_NODE_IDS, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED } from '../../../src/sim';
import { raw } from '../../support/simHttp';

const ROOT = resolve(__dirname, '../../../..');
const BUNDLE = join(ROOT, 'dist', 'sim.js');

function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs));
}

/** Rebuilds only the simulator bundle when it is missing or older than its sources. */
async function ensureBundle(): Promise<void> {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource(join(ROOT, 'src', 'sim'))) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'sim', 'main.ts')], outfile: BUNDLE, bundle: true, format: 'cjs', platform: 'node',
    target: 'node20', sourcemap: true, logLevel: 'warning', banner: { js: '#!/usr/bin/env node' },
    external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  });
}

function readUntil(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolveOut, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} in: ${out}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolveOut(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)}: ${out}`)));
  });
}

describe('sim: the dbc-sim process', () => {
  before(async function () {
    this.timeout(60_000);
    await ensureBundle();
  });

  it('prints `listening on`, serves the API, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', '--speed', '1000', '--no-ssh', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await readUntil(child, /demo node ids: .*\n/, 20_000);
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      assert.ok(url, out);
      assert.ok(out.includes(DEMO_RENTER_ADDRESS) && out.includes(DEMO_RENTER_SEED));
      for (const id of DEMO_NODE_IDS) assert.ok(out.includes(id));
      assert.equal((await raw(url, 'GET', '/api/v1/')).json.message.client_version, '0.4.1.8');
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses bad flags with a non-zero exit', async () => {
    const child = spawn(process.execPath, [BUNDLE, '--snapshot-routes', 'sideways'], { stdio: 'ignore' });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    assert.notEqual(code, 0);
  });
});
