// A VM's SSH endpoint from its task details, whether the password-to-key bootstrap is (still) needed,
// and the command line "Copy SSH Command" gives. Pure.
import type { TaskInfo } from '../../api/types';
import type { VmHostBlock } from '../../ssh/core/hostBlocks';
import { type ShellFlavor } from '../../ssh/core/shellQuote';
import { sshCommandForAlias, sshCommandForTarget, type SshTarget } from '../../ssh/core/sshCommand';

/** The login user the node reports, `dbc` (the Ubuntu images' user) when it reports none. */
export function loginUser(info: Pick<TaskInfo, 'user_name'>, fallback = 'dbc'): string {
  return info.user_name && info.user_name !== 'N/A' ? info.user_name : fallback;
}

/** The login password the node reports, if any. */
export function loginPassword(info: Pick<TaskInfo, 'login_password'>): string | undefined {
  const p = info.login_password;
  return p && p !== 'N/A' ? p : undefined;
}

export function sshTargetOf(info: TaskInfo): SshTarget | undefined {
  const port = Number(info.ssh_port);
  if (!info.ssh_ip || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: info.ssh_ip, port, user: loginUser(info) };
}

const normPath = (p: string | undefined) => (p ?? '').replace(/\\/g, '/').replace(/^"(.*)"$/, '$1');

/** The block already points at this endpoint and user. */
export function blockMatches(block: VmHostBlock | undefined, target: SshTarget): block is VmHostBlock {
  return block !== undefined && block.hostName === target.host && block.port === target.port && block.user === target.user;
}

/**
 * The key must be installed unless our block says it already was: key-only, same endpoint, user and
 * key. A VM re-created on the same ip:port has another task id, so no block yet (even under the same name).
 */
export function needsBootstrap(block: VmHostBlock | undefined, target: SshTarget, identityFile: string): boolean {
  if (!blockMatches(block, target)) return true;
  return block.stage !== 'key' || normPath(block.identityFile) !== normPath(identityFile);
}

export interface CommandTextInput {
  alias: string;
  block: VmHostBlock | undefined;
  target: SshTarget;
  /** `~/.ssh/config` includes our file. */
  sshSeesAlias: boolean;
  configFile: string;
  shell?: ShellFlavor;
}

/** `ssh <alias>` (with `-F <file>` when not included) once our block is written, else `ssh -p PORT user@ip`. */
export function sshCommandText(input: CommandTextInput): string {
  const shell = input.shell ?? 'posix';
  if (!blockMatches(input.block, input.target)) return sshCommandForTarget(input.target, { shell });
  return sshCommandForAlias(input.alias, { shell, configFile: input.sshSeesAlias ? undefined : input.configFile });
}
