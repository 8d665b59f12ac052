import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSshPaths, type SshPaths } from '../../../../src/ssh/core/paths';

export interface TempHome {
  home: string;
  paths: SshPaths;
  cleanup(): void;
}

export function makeTempHome(prefix = 'dbc-ssh-'): TempHome {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { home, paths: defaultSshPaths(home), cleanup: () => fs.rmSync(home, { recursive: true, force: true }) };
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** Files in a folder whose names look like our temp or lock files. */
export function leftovers(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.dbc-lock'));
}
