// Where things live: the repo (= the extension under development), test output, code-server, chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const codeServerDir = process.env.DBC_CODE_SERVER_DIR
  || path.join(os.homedir(), '.cache', 'dbc-vscode', 'code-server');
export const codeServerBin = process.env.DBC_CODE_SERVER_BIN
  || path.join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const chromiumBin = process.env.DBC_CHROMIUM_BIN || '/usr/bin/chromium';
export const simScript = process.env.DBC_SIM_SCRIPT || path.join(repoRoot, 'dist', 'sim.js');
export const installScript = path.join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh');

/** A folder under .test-output/ (created), for artifacts that should survive the run. */
export function outputDir(...parts) {
  const dir = path.join(repoRoot, '.test-output', ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A fresh scratch folder in os.tmpdir() for profiles and user-data. Kept short on purpose: VS Code puts
 * unix sockets under its user-data-dir, and socket paths must stay under ~104 characters.
 */
export function scratchDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dbc-${prefix}-`));
}

export function removeDir(dir) {
  if (dir && !process.env.DBC_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
}

/** Makes `dir/name` (and parents) and returns its path. */
export function subdir(dir, name) {
  const p = path.join(dir, name);
  fs.mkdirSync(p, { recursive: true });
  return p;
}
