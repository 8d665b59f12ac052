// Where the bench finds the repo, the compiled TypeScript (out/) and its scratch folder (bench/tmp/, or
// bench/tmp/smoke/ for a smoke run, so a smoke run and a full run in one checkout do not collide).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const benchDir = path.join(repoRoot, 'bench');
export const resultsFile = path.join(benchDir, 'results.json');

const require = createRequire(import.meta.url);

/** A module compiled by `tsc -p tsconfig.test.json`, e.g. outModule('src/tree/model/refreshScheduler'). */
export function outModule(relative) {
  return require(path.join(repoRoot, 'out', relative));
}

/** The scratch root: bench/tmp, or DBC_BENCH_TMP (set by run.mjs for smoke runs). */
export function tmpRoot() {
  return process.env.DBC_BENCH_TMP || path.join(benchDir, 'tmp');
}

/** A fresh folder under the scratch root (git-ignored). */
export function tmpDir(name) {
  const dir = path.join(tmpRoot(), name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
