// Palette fall-backs: when a command gets no tree row, these ask which endpoint, node or VM it is for.
import * as vscode from 'vscode';
import { endpointLabel, shortNodeId } from '../config/model/endpoints';
import type { CredentialMeta } from '../secrets/credentialStore';
import { vmLabel } from '../tree/model/format';
import { nodeName, taskOf } from '../tree/model/present';
import type { NodeRef, VmRef } from '../config/model/refs';
import { CONDITION_TEXT, nodeCondition, type NodeCondition } from '../tree/model/nodeCondition';
import { allows, statusLabel, type VmAction } from '../tree/model/vmState';
import { inWindow } from '../ui/progress';
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

/** Why a VM cannot be created on a node right now: no credential, its client node down, or a neutral state the node reported. */
function notCreatable(svc: CommandServices, ref: NodeRef): NodeCondition | 'noCredential' | 'unreachable' | undefined {
  if (!svc.access.identity(ref.nodeId)) return 'noCredential';
  if (svc.store.endpoint(ref.endpoint).unreachable) return 'unreachable';
  return nodeCondition(svc.store.peekNode(ref)?.tasks?.error);
}

function notCreatableText(reason: NonNullable<ReturnType<typeof notCreatable>>): string {
  if (reason === 'noCredential') return t('no credential');
  if (reason === 'unreachable') return t('unreachable');
  return t(CONDITION_TEXT[reason].label);
}

/**
 * A node a VM can be created on, from the palette: nodes without a credential, behind an unreachable client
 * node, not rented, rented by someone else, whose rental ended or that the client node does not know are left out. Nodes not read yet are read
 * first (the view may never have been opened), which also brings their names.
 */
export async function pickCreatableNode(svc: CommandServices, title: string): Promise<NodeRef> {
  const refs = svc.nodeRefs();
  if (refs.length === 0) return pickNode(svc, title); // says how to add one
  if (!svc.credentials.list().length) {
    throw new UserFacingError('No wallet is imported yet.', [], 'Import the wallet that rents your GPU nodes, or the access a renter shared with you.',
      [{ label: t('Import Wallet…'), run: () => vscode.commands.executeCommand('dbc.wallet.import') }]);
  }
  if (refs.some((r) => !svc.store.peekNode(r)?.tasks)) await inWindow(t('Reading the GPU nodes…'), () => svc.refreshNodes(undefined, { immediate: true }));
  const creatable = refs.filter((r) => !notCreatable(svc, r));
  if (creatable.length === 0) {
    const ctx = svc.modelContext();
    const why = refs.map((r) => {
      const reason = notCreatable(svc, r);
      return reason ? `${nodeName(ctx, r)}: ${notCreatableText(reason)}` : nodeName(ctx, r);
    }).join('; ');
    throw new UserFacingError('None of your GPU nodes can take a new VM now ({0}).', [why], 'Choose the credential that rents a node, or rent one on the DBC chain.',
      [{ label: t('Choose Credential…'), run: () => vscode.commands.executeCommand('dbc.node.chooseCredential') }]);
  }
  return pickNode(svc, title, (ref) => creatable.some((c) => c.endpoint === ref.endpoint && c.nodeId === ref.nodeId));
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
