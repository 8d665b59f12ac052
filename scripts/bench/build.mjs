// What the bench needs built: out/ (tsc, for the layers it drives) and the production bundle (measured,
// then staged aside), after which dist/ gets its normal development build back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths.mjs';

function node(args) {
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
}

/** tsc emits even with type errors (another layer's work in progress); only missing output is fatal. */
export function compileOut() {
  try {
    node([path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
  } catch {
    console.warn('[bench] tsc reported errors; measuring what it emitted');
  }
  for (const f of ['src/tree/model/refreshScheduler.js', 'src/cli/main.js', 'src/sim/index.js']) {
    if (!fs.existsSync(path.join(repoRoot, 'out', f))) throw new Error(`out/${f} is missing after tsc`);
  }
}

export function buildProduction() {
  node(['esbuild.js', '--production']);
}

export function buildDevelopment() {
  node(['esbuild.js']);
}
