// What the bench needs built: out/ (tsc, for the layers it drives) and the production bundles, built
// aside into the scratch folder so that dist/ (the development build others run) is never touched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, tmpDir } from './lib/paths.mjs';

function node(args) {
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
}

/** The compiled modules the measurements load; missing ones make the run fail before measuring. */
const NEEDED = ['src/tree/model/refreshScheduler.js', 'src/cli/main.js', 'src/sim/index.js', 'src/sim/demo.js', 'src/core/logFollower.js'];

/** tsc emits even with type errors (another layer's work in progress); only missing output is fatal. */
export function compileOut() {
  try {
    node([path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
  } catch {
    console.warn('[bench] tsc reported errors; measuring what it emitted');
  }
  assertCompiled();
}

export function assertCompiled() {
  for (const f of NEEDED) {
    if (!fs.existsSync(path.join(repoRoot, 'out', f))) throw new Error(`out/${f} is missing: run "npx tsc -p tsconfig.test.json"`);
  }
}

/** `node esbuild.js --production` into a scratch folder; returns that folder (extension.js and its lazy bundles). */
export function buildProduction() {
  const dir = tmpDir('production');
  node(['esbuild.js', '--production', '--outdir', dir]);
  return dir;
}
