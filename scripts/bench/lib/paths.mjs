// Where the bench finds the repo, the compiled TypeScript (out/) and its scratch folder (bench/tmp/).
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

/** A fresh folder under bench/tmp/ (git-ignored). */
export function tmpDir(name) {
  const dir = path.join(benchDir, 'tmp', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
