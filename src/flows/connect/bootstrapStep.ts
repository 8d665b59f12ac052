// The one use of the VM password: log in over SSH (core bootstrapKey) and install the chosen public
// key, under a cancellable progress notification. Failures become one clear message per SshError code
// with the action that helps (reset a re-created VM's host key, set a password, connect when ready).
import * as vscode from 'vscode';
import type { TaskInfo } from '../../api/types';
import type { CommandServices } from '../commandServices';
import { bootstrapKey } from '../../ssh/core/bootstrap';
import type { KeyPairFiles } from '../../ssh/core/keys';
import { hostAliasFor } from '../../ssh/core/hostAlias';
import { resetHost } from '../../ssh/core/knownHosts';
import type { SshTarget } from '../../ssh/core/sshCommand';
import { SshError } from '../../ssh/core/sshErrors';
import type { VmRef } from '../../config/model/refs';
import { OperationFailed, UserCancelled, UserFacingError, type ErrorAction } from '../../ui/model/errors';
import { withProgress } from '../../ui/progress';
import { describeSshFailure, type SshFailureAction } from './model/sshFailure';
import { loginPassword } from '../../remote/model/sshTarget';
import type { SshSetup } from '../../remote/remoteServices';

const t = vscode.l10n.t;
/**
 * The VM's reversible alias (hostAlias.ts: one per node and task id, whatever alias its block shows) → its
 * create_time when its key was installed, to tell a re-created VM from an attack.
 */
const INSTALLED_KEY = 'dbc.ssh.keyInstalled';

export interface InstallContext {
  ref: VmRef;
  name: string;
  /** How the logs name the VM: its Host alias when it has a block, else its name. */
  alias: string;
  info: TaskInfo;
  target: SshTarget;
  key: KeyPairFiles;
  ssh: SshSetup;
}

export async function installKey(svc: CommandServices, c: InstallContext): Promise<void> {
  const password = loginPassword(c.info);
  if (!password) {
    throw new UserFacingError('The node reports no login password for {0}; DBC needs it once to install your SSH key.', [c.name], 'Set one while the VM is running, then connect again.', [setPasswordAction(c.ref)]);
  }
  const { host, port, user } = c.target;
  try {
    const result = await withProgress(t('Installing your SSH key on {0}…', c.name), (signal) => bootstrapKey({
      host, port, user, password, env: c.ssh.env, publicKey: c.key.publicKey, signal, totalTimeoutMs: 60_000,
    }));
    svc.log.info(`[ssh] ${c.alias}: key ${c.key.fingerprint} ${result.keyAdded ? 'installed' : 'already installed'} for ${user}@${host}:${port}`);
    if (result.hostKey.learned) svc.log.info(`[ssh] ${c.alias}: learned host key ${result.hostKey.type} ${result.hostKey.fingerprint}`);
    const installed = svc.state.get<Record<string, string>>(INSTALLED_KEY) ?? {};
    await svc.state.update(INSTALLED_KEY, { ...installed, [hostAliasFor(c.ref)]: c.info.create_time ?? '' });
  } catch (err) {
    if (!(err instanceof SshError)) throw err;
    throw sshFailure(svc, c, err);
  }
}

function sshFailure(svc: CommandServices, c: InstallContext, err: SshError): Error {
  svc.log.warn(`[ssh] ${c.alias}: ${err.code}: ${err.message}`);
  const installedAt = svc.state.get<Record<string, string>>(INSTALLED_KEY)?.[hostAliasFor(c.ref)];
  const recreated = installedAt !== undefined && c.info.create_time !== undefined && installedAt !== c.info.create_time;
  const endpoint = `${c.target.host}:${c.target.port}`;
  const text = describeSshFailure(err.code, { vm: c.name, endpoint, user: c.target.user, recreated });
  if (!text) return new UserCancelled();
  const actions = text.actions.map((a) => action(svc, c, a));
  return new OperationFailed(t('Connecting to {0} failed', c.name), new UserFacingError(text.template, text.args, text.hint, actions));
}

function action(svc: CommandServices, c: InstallContext, kind: SshFailureAction): ErrorAction {
  switch (kind) {
    case 'resetKnownHost':
      return {
        label: t('Reset Known Host'),
        run: async () => {
          await resetHost(c.target.host, c.target.port, c.ssh.env);
          await vscode.commands.executeCommand('dbc.vm.connect', c.ref);
        },
      };
    case 'setPassword':
      return setPasswordAction(c.ref);
    case 'connectWhenReady':
      return { label: t('Connect When Ready'), run: () => svc.readyWatches.watch(c.ref, c.name, 'always') };
  }
}

function setPasswordAction(ref: VmRef): ErrorAction {
  return { label: t('Set Password…'), run: () => vscode.commands.executeCommand('dbc.vm.setPassword', ref) };
}
