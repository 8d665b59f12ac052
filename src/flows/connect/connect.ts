// "Connect via Remote-SSH", step by step: fresh task details → the key to install (asked once) → the
// Include line (asked once, with consent) → claim the ip:port (resets a re-created VM's known host) →
// install the key with the VM password if our Host block is not key-only yet → write the key-only Host
// block → open a Remote-SSH window (or a terminal when that cannot work).
import * as vscode from 'vscode';
import type { TaskInfo } from '../../api/types';
import type { CommandServices } from '../commandServices';
import { claimEndpoint } from '../../ssh/core/knownHosts';
import type { SshTarget } from '../../ssh/core/sshCommand';
import { findVmHost, vmHostEntry, writeVmHost, type AliasNaming } from '../../ssh/core/sshConfig';
import { vmEndpoints } from '../../tree/model/format';
import type { NodeRef, VmRef } from '../../config/model/refs';
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
  const key = await keyToInstall(svc, ssh);
  const visibility = await includeWithConsent(svc, ssh);
  if (await claimEndpoint(target.host, target.port, vm, ssh.env)) svc.log.info(`[ssh] ${target.host}:${target.port} is now ${name}'s: its known host entries were reset`);
  const block = await findVmHost(vm, ssh.env);
  if (needsBootstrap(block, target, key.privateKeyPath)) await installKey(svc, { ref, name, alias: block?.alias ?? name, info, target, key, ssh });
  const entry = vmHostEntry({ vm, naming: aliasNaming(svc, ref, info), ...target, stage: 'key', identityFile: key.privateKeyPath }, ssh.paths);
  const { alias } = await writeVmHost(entry, ssh.env);
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

/**
 * What the VM's readable ssh alias is made of (ssh/core/aliasChoice.ts): its name (from the fresh task
 * details), its node's own name (not a shortened id), and the names of the user's other VMs the view
 * knows, so that a name two VMs share is not used.
 */
export function aliasNaming(svc: CommandServices, ref: VmRef, info: TaskInfo): AliasNaming {
  const ctx = svc.modelContext();
  const nodeId = ref.nodeId.toLowerCase();
  const isThis = (r: NodeRef, taskId: string) => r.endpoint === ref.endpoint && r.nodeId.toLowerCase() === nodeId && taskId === ref.taskId;
  const others = svc.nodeRefs().flatMap((r) => (svc.store.peekNode(r)?.tasks?.value ?? []).filter((task) => !isThis(r, task.task_id)));
  const configured = ctx.endpoints.find((e) => e.url === ref.endpoint)?.nodes.find((n) => n.id.toLowerCase() === nodeId)?.name;
  const discovered = ctx.store.endpoint(ref.endpoint).discovered?.value?.find((n) => n.node_id.toLowerCase() === nodeId)?.name;
  const vmName = info.desc?.trim();
  const nodeName = (configured || discovered)?.trim();
  const otherVmNames = others.map((task) => task.desc?.trim() ?? '').filter(Boolean);
  return { ...(vmName ? { vmName } : {}), ...(nodeName ? { nodeName } : {}), otherVmNames };
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
