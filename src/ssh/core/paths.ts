// Where the SSH core keeps its files. Everything the extension owns lives under `~/.ssh/dbc/`;
// the only file outside it that we touch is `~/.ssh/config`, and only for one fenced Include line.
import * as os from 'os';
import * as path from 'path';

export interface SshPaths {
  /** The user's `~/.ssh` (created with mode 700 when missing). */
  sshDir: string;
  /** The user's own config, `~/.ssh/config`, which gets the fenced Include line. */
  userConfig: string;
  /** Our folder, `~/.ssh/dbc` (mode 700). */
  dbcDir: string;
  /** Our config file with one `Host` block per VM, `~/.ssh/dbc/config`. */
  config: string;
  /** Our known_hosts, `~/.ssh/dbc/known_hosts`. */
  knownHosts: string;
  /** Which VM last used each ip:port, `~/.ssh/dbc/endpoints.json`. */
  endpoints: string;
  /** The dedicated key pair, `~/.ssh/dbc/id_ed25519` (+ `.pub`). */
  identity: string;
}

export function defaultSshPaths(home: string = os.homedir(), overrides: Partial<SshPaths> = {}): SshPaths {
  const sshDir = overrides.sshDir ?? path.join(home, '.ssh');
  const dbcDir = overrides.dbcDir ?? path.join(sshDir, 'dbc');
  return {
    sshDir,
    userConfig: path.join(sshDir, 'config'),
    dbcDir,
    config: path.join(dbcDir, 'config'),
    knownHosts: path.join(dbcDir, 'known_hosts'),
    endpoints: path.join(dbcDir, 'endpoints.json'),
    identity: path.join(dbcDir, 'id_ed25519'),
    ...overrides,
  };
}
