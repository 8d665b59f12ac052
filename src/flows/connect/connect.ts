// "Connect via Remote-SSH", step by step: fresh task details → the key to install (asked once) → the
// Include line (asked once, with consent) → claim the ip:port (resets a re-created VM's known host) →
// install the key with the VM password if our Host block is not key-only yet → write the key-only Host
// block → open a Remote-SSH window (or a terminal when that cannot work).
import * as vscode from 'vscode';
import type { TaskInfo } from '../../api/types';
import type { CommandServices } from '../commandServices';
import { hostAliasFor } from '../../ssh/core/hostAlias';
import { claimEndpoint } from '../../ssh/core/knownHosts';
import type { SshTarget } from '../../ssh/core/sshCommand';
import { listVmHosts, upsertVmHost, vmHostEntry } from '../../ssh/core/sshConfig';
import { vmEndpoints } from '../../tree/model/format';
import type { VmRef } from '../../config/model/refs';
import { osFacetOf } from '../../tree/model/vmState';
import { UserFacingError } from '../../ui/model/errors';
import { installKey } from './bootstrapStep';
import { includeWithConsent } from './includeSetup';
import { keyToInstall } from './keySetup';
import { planOpen, type OpenPlan } from './model/openPlan';
import { needsBootstrap, sshTargetOf } from '../../remote/model/sshTarget';
import { carryOut } from './openStep';
import { taskInfoOf, vmName } from '../vmInfo';

const t = vscode.l10n.t;

export interface ConnectOptions {
  /** An absolute folder on the VM; default `dbc.ssh.remoteFolder`. */
  folder?: string;
  reuseWindow?: boolean;
}

export interface ConnectResult {
  alias: string;
  plan: OpenPlan;
}

export async function connectToVm(svc: CommandServices, ref: VmRef, opts: ConnectOptions = {}): Promise<ConnectResult> {
  const info = await taskInfoOf(svc, ref, 0);
  const name = vmName(svc, ref);
  const target = linuxTarget(ref, name, info);
  svc.readyWatches.cancel(ref);
  const ssh = svc.remote.ssh();
  const vm = { nodeId: ref.nodeId, taskId: ref.taskId };
  const alias = hostAliasFor(vm);
  const key = await keyToInstall(svc, ssh);
  const visibility = await includeWithConsent(svc, ssh);
  if (await claimEndpoint(target.host, target.port, vm, ssh.env)) svc.log.info(`[ssh] ${target.host}:${target.port} is now ${alias}: its known host entries were reset`);
  const block = (await listVmHosts(ssh.env)).find((b) => b.alias === alias);
  if (needsBootstrap(block, target, key.privateKeyPath)) await installKey(svc, { ref, name, alias, info, target, key, ssh });
  await upsertVmHost(vmHostEntry({ vm, ...target, stage: 'key', identityFile: key.privateKeyPath }, ssh.paths), ssh.env);
  svc.gpu.keyChanged(ref);
  const remoteSsh = svc.remote.remoteSsh();
  const plan = planOpen({
    alias, configFile: ssh.paths.config, remoteSsh: remoteSsh?.id, remoteSshSeesAlias: visibility.remoteSshSees, sshSeesAlias: visibility.sshSees,
    folder: opts.folder ?? svc.settings.value.sshRemoteFolder, reuseWindow: opts.reuseWindow,
  });
  svc.log.info(`[ssh] ${name}: opening ${alias} (${plan.kind}${remoteSsh ? ` via ${remoteSsh.id}` : ''})`);
  await carryOut(svc, plan, { ref, name, ssh });
  return { alias, plan };
}

function linuxTarget(ref: VmRef, name: string, info: TaskInfo): SshTarget {
  if (osFacetOf(info) === 'windows') {
    const rdp = { label: t('Connect via Remote Desktop'), run: () => vscode.commands.executeCommand('dbc.vm.connectRdp', ref) };
    throw new UserFacingError('{0} is a Windows VM: connect with Remote Desktop to {1}.', [name, vmEndpoints(info).rdp ?? '?'], undefined, [rdp]);
  }
  const target = sshTargetOf(info);
  if (!target) throw new UserFacingError('{0} has no SSH port (it may be a Windows VM, or still being created).', [name]);
  return target;
}
