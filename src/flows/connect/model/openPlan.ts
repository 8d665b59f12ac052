// What "connect" finally does, as data: a window on `ssh-remote+<alias>` through the core commands
// every Remote-SSH implementation handles (`vscode.newWindow`, or `vscode.openFolder` with a
// `vscode-remote://` URI when a folder is wanted), or an integrated terminal running ssh when no
// Remote-SSH is installed or it cannot see our Host alias. Pure: the glue turns a plan into calls.
import { sshArgsForAlias } from '../../../ssh/core/sshCommand';

export type OpenPlan =
  | { kind: 'window'; command: 'vscode.newWindow'; options: { remoteAuthority: string; reuseWindow: boolean } }
  | { kind: 'folder'; command: 'vscode.openFolder'; uri: string; options: { forceNewWindow: boolean; forceReuseWindow: boolean } }
  | { kind: 'terminal'; reason: 'no-remote-ssh' | 'not-included'; args: string[] };

export interface PlanInput {
  alias: string;
  /** Our ssh config file (`~/.ssh/dbc/config`). */
  configFile: string;
  /** The installed Remote-SSH extension id, if any. */
  remoteSsh: string | undefined;
  /** The config file Remote-SSH reads includes our file (or is our file). */
  remoteSshSeesAlias: boolean;
  /** `~/.ssh/config` includes our file, so a plain `ssh <alias>` works. */
  sshSeesAlias: boolean;
  /** An absolute folder on the VM to open, e.g. `/home/dbc`. */
  folder?: string;
  reuseWindow?: boolean;
}

export function remoteAuthority(alias: string): string {
  return `ssh-remote+${alias}`;
}

/** `vscode-remote://ssh-remote+<alias>/<folder>`, each path segment percent-encoded. */
export function remoteFolderUri(alias: string, folder: string): string {
  if (!folder.startsWith('/')) throw new Error(`The remote folder must be an absolute path: "${folder}".`);
  const segments = folder.split('/').filter(Boolean).map(encodeURIComponent);
  return `vscode-remote://${remoteAuthority(alias)}/${segments.join('/')}`;
}

export function planOpen(input: PlanInput): OpenPlan {
  if (!input.remoteSsh || !input.remoteSshSeesAlias) {
    const args = sshArgsForAlias(input.alias, input.sshSeesAlias ? undefined : input.configFile);
    return { kind: 'terminal', reason: input.remoteSsh ? 'not-included' : 'no-remote-ssh', args };
  }
  const reuse = input.reuseWindow ?? false;
  const folder = input.folder?.trim();
  if (folder) {
    return { kind: 'folder', command: 'vscode.openFolder', uri: remoteFolderUri(input.alias, folder), options: { forceNewWindow: !reuse, forceReuseWindow: reuse } };
  }
  return { kind: 'window', command: 'vscode.newWindow', options: { remoteAuthority: remoteAuthority(input.alias), reuseWindow: reuse } };
}
