// Where the connect flow reads and writes: our files under `~/.ssh/dbc` (our config may be moved with
// `dbc.ssh.configFile`), and the config file that gets the Include line: the one Remote-SSH reads,
// which is `remote.SSH.configFile` when the user set it, else `~/.ssh/config`. Pure.
import * as path from 'path';
import { defaultSshPaths, type SshPaths } from '../../ssh/core/paths';

export interface SshLayout {
  /** Core paths; `userConfig` is `~/.ssh/config` (what a plain `ssh` reads). */
  paths: SshPaths;
  /** The file Remote-SSH reads, which is where the Include line goes. */
  remoteSshConfig: string;
}

export interface LayoutInput {
  home: string;
  /** `dbc.ssh.configFile`, empty for the default. */
  configFile?: string;
  /** `remote.SSH.configFile`, empty when unset. */
  remoteSshConfigFile?: string;
}

/** `~` and `~/x` relative to `home`; other paths are resolved as they are. */
export function expandHome(file: string, home: string): string {
  if (file === '~') return home;
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(home, file.slice(2));
  return path.resolve(file);
}

export function sshLayout(input: LayoutInput): SshLayout {
  const ours = input.configFile?.trim();
  const paths = defaultSshPaths(input.home, ours ? { config: expandHome(ours, input.home) } : {});
  const remote = input.remoteSshConfigFile?.trim();
  return { paths, remoteSshConfig: remote ? expandHome(remote, input.home) : paths.userConfig };
}

/** The same file, as far as the path says (case-insensitive on Windows and macOS file systems). */
export function samePath(a: string, b: string, platform: string = process.platform): boolean {
  const norm = (p: string) => path.resolve(p).replace(/\\/g, '/');
  return platform === 'linux' ? norm(a) === norm(b) : norm(a).toLowerCase() === norm(b).toLowerCase();
}
