// Palette fall-backs: when a command gets no tree row, these ask which endpoint, node or VM it is for.
import * as vscode from 'vscode';
import { endpointLabel, shortNodeId } from '../config/model/endpoints';
import type { CredentialMeta } from '../secrets/credentialStore';
import { vmLabel } from '../tree/model/format';
import { nodeName, taskOf } from '../tree/model/present';
import type { NodeRef, VmRef } from '../config/model/refs';
import { allows, statusLabel, type VmAction } from '../tree/model/vmState';
import { localize } from '../ui/model/translate';
import { UserCancelled, UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import type { CommandServices } from './commandServices';

const t = vscode.l10n.t;

export async function pickEndpoint(svc: CommandServices, title: string): Promise<string> {
  const endpoints = svc.settings.value.endpoints;
  if (endpoints.length === 0) throw new UserFacingError('No client node is configured.', [], 'Add one with "DBC: Add Client Node…".');
  if (endpoints.length === 1) return endpoints[0]!.url;
  return orCancel(await svc.prompter.pick(endpoints.map((e) => ({ label: endpointLabel(e), description: e.url, value: e.url })), { title }));
}

export async function pickNode(svc: CommandServices, title: string, filter: (ref: NodeRef) => boolean = () => true): Promise<NodeRef> {
  const refs = svc.nodeRefs().filter(filter);
  if (refs.length === 0) throw new UserFacingError('No GPU node is configured.', [], 'Add one with "DBC: Add GPU Node…".');
  if (refs.length === 1) return refs[0]!;
  const ctx = svc.modelContext();
  const multi = svc.settings.value.endpoints.length > 1;
  return orCancel(await svc.prompter.pick(refs.map((ref) => ({
    label: nodeName(ctx, ref), description: shortNodeId(ref.nodeId) + (multi ? ` · ${ref.endpoint}` : ''), value: ref,
  })), { title }));
}

/** The VMs that allow `action`, after a refresh if nothing is loaded yet. */
async function candidates(svc: CommandServices, action: VmAction | undefined): Promise<VmRef[]> {
  const refs = svc.nodeRefs();
  if (refs.some((r) => !svc.store.peekNode(r)?.tasks)) await svc.refreshNodes(refs, { immediate: true });
  return refs.flatMap((ref) => (svc.store.peekNode(ref)?.tasks?.value ?? [])
    .filter((task) => action === undefined || allows(task.status, action))
    .map((task) => ({ ...ref, taskId: task.task_id })));
}

function vmItems(svc: CommandServices, vms: VmRef[]) {
  const ctx = svc.modelContext();
  return vms.map((ref) => {
    const task = taskOf(ctx, ref) ?? { task_id: ref.taskId, status: 'none' };
    return { label: vmLabel(task), description: `${localize(t, statusLabel(task.status))} · ${nodeName(ctx, ref)}`, detail: ref.taskId, value: ref };
  });
}

export async function pickVm(svc: CommandServices, action: VmAction | undefined, title: string, filter: (ref: VmRef) => boolean = () => true): Promise<VmRef> {
  const vms = (await candidates(svc, action)).filter(filter);
  if (vms.length === 0) throw new UserFacingError('No VM can do this right now.', [], 'Refresh the DBC view, or check the state of your VMs.');
  return orCancel(await svc.prompter.pick(vmItems(svc, vms), { title }));
}

export async function pickVms(svc: CommandServices, action: VmAction, title: string): Promise<VmRef[]> {
  const vms = await candidates(svc, action);
  if (vms.length === 0) throw new UserFacingError('No VM can do this right now.', [], 'Refresh the DBC view, or check the state of your VMs.');
  const chosen = orCancel(await svc.prompter.pickMany(vmItems(svc, vms), { title }));
  if (chosen.length === 0) throw new UserCancelled();
  return chosen;
}

export function credentialItems(metas: CredentialMeta[]) {
  return metas.map((m) => ({
    label: m.label,
    description: `${m.kind === 'wallet' ? t('wallet') : m.kind === 'multisig' ? t('multisig account') : t('shared access')}${m.address ? ` · ${m.address.slice(0, 6)}…${m.address.slice(-4)}` : ''}`,
    detail: m.kind === 'session' ? t('for node {0}', shortNodeId(m.nodeId)) : undefined,
    value: m,
  }));
}

export async function pickCredential(svc: CommandServices, title: string, filter: (m: CredentialMeta) => boolean = () => true): Promise<CredentialMeta> {
  const metas = svc.credentials.list().filter(filter);
  if (metas.length === 0) throw new UserFacingError('No credential is stored yet.', [], 'Import a wallet, a multisig account or shared access first.');
  return orCancel(await svc.prompter.pick(credentialItems(metas), { title }));
}

export async function pickImageServer(svc: CommandServices, endpoint: string, title: string): Promise<string> {
  const servers = await svc.clients.client(endpoint).imageServers();
  if (servers.length === 0) throw new UserFacingError('The client node has no image servers configured.', [], 'Add an image_server line to the client node\'s conf/core.conf.');
  if (servers.length === 1) return servers[0]!;
  return orCancel(await svc.prompter.pick(servers.map((s) => ({ label: s, value: s })), { title }));
}
