// The Machines tree as a pure function of settings + fetched data: endpoint → GPU node → VM → snapshot.
// Failures become one message row under the failing endpoint or node, never a broken tree.
import { isRentOrderChoiceNeeded, type NodeRentOrderView } from '../../access/rentOrders';
import type { EndpointConfig } from '../../config/model/endpoints';
import { InsecureEndpointError } from '../../api/endpointPolicy';
import { describeError, errorLine } from '../../ui/model/errorText';
import type { Children, Element, MessageAction, MessageElement } from './elements';
import { CONDITION_TEXT, nodeCondition, type NodeCondition } from './nodeCondition';
import type { NodeLease } from './leaseModel';
import type { CredentialSummary } from '../../secrets/credentialSchema';
import type { TaskSummary } from '../../api/types';
import { vmLabel } from './format';
import { endpointKey, nodeKey, vmKey, type NodeRef, type VmRef } from '../../config/model/refs';
import type { TreeStore } from './treeStore';
import type { Translate } from '../../ui/model/translate';
import type { VmGpuView } from '../../core/gpu/gpuView';
import { errorMessage } from '../../util/errorMessage';

export interface ModelContext {
  endpoints: readonly EndpointConfig[];
  store: TreeStore;
  credentialFor(ref: NodeRef): CredentialSummary | undefined;
  t: Translate;
  /** True while the VM's log is followed in its output channel. */
  isFollowing?(ref: VmRef): boolean;
  /** What the GPU watch has for a running VM (a reading, or why there is none). */
  gpu?(ref: VmRef): VmGpuView | undefined;
  /** The VM's active port forwards. */
  forwards?(ref: VmRef): readonly ForwardRow[];
  /** The `custom_port` rules recorded at create or modify (the node does not report them). */
  customPorts?(ref: VmRef): readonly string[] | undefined;
  /** The node's rent order as far as it is known. */
  rentOrderOf?(ref: NodeRef): NodeRentOrderView | undefined;
  /** The credential's rentals on the node, most urgent first (leaseModel.ts). */
  leases?(ref: NodeRef): NodeLease[];
  /** Why the chain's time is unknown (its last failure), if it is. */
  chainError?(): string | undefined;
}

export interface ForwardRow {
  remotePort: number;
  localPort: number;
  url: string;
}

export function endpointElement(url: string): Element {
  return { kind: 'endpoint', id: endpointKey(url), url };
}

/**
 * Suffix of the id of a node row without a credential. Such rows start collapsed; giving them another id
 * makes VS Code treat the row as new (and expand it) once a credential arrives.
 */
export const LOCKED_SUFFIX = '#nocred';

export function nodeElement(ref: NodeRef, prefix = '', locked = false): Element {
  return { kind: 'node', id: prefix + nodeKey(ref) + (locked ? LOCKED_SUFFIX : ''), ref };
}

export function vmElement(ref: VmRef): Element {
  return { kind: 'vm', id: vmKey(ref), ref };
}

export function errorRow(ctx: ModelContext, parentId: string, error: unknown, target: { endpoint?: string; node?: NodeRef }): MessageElement {
  const text = describeError(error, ctx.t, target.endpoint ?? target.node?.endpoint);
  const insecure = error instanceof InsecureEndpointError;
  return {
    kind: 'message', id: `${parentId}/error`, severity: insecure ? 'warning' : 'error', text: errorLine(text),
    detail: errorMessage(error), action: insecure ? 'secure' : isRentOrderChoiceNeeded(error) ? 'rentOrder' : 'retry', ...target,
  };
}

const CONDITION_ACTION: Record<NodeCondition, MessageAction> = {
  notRented: 'none', rentedByOther: 'chooseCredential', expired: 'credential', unknownToClient: 'retry',
};

/** The row under a node in a neutral state (nodeCondition.ts): what to do, as information, not an error. */
function conditionRow(ctx: ModelContext, parentId: string, ref: NodeRef, error: unknown): MessageElement | undefined {
  const condition = nodeCondition(error);
  if (!condition) return undefined;
  const { row, hint } = CONDITION_TEXT[condition];
  return {
    kind: 'message', id: `${parentId}/condition`, severity: 'info', text: ctx.t(row), detail: ctx.t(hint),
    action: CONDITION_ACTION[condition], node: ref,
  };
}

function rootChildren(ctx: ModelContext): Children {
  // With no node anywhere the view stays empty, so its welcome content (add node, import wallet) shows.
  if (!ctx.endpoints.some((e) => e.nodes.length > 0)) return { items: [] };
  return { items: ctx.endpoints.map((e) => endpointElement(e.url)) };
}

function endpointChildren(ctx: ModelContext, url: string): Children {
  const id = endpointKey(url);
  const unreachable = ctx.store.endpoint(url).unreachable;
  if (unreachable) return { items: [errorRow(ctx, id, unreachable.error, { endpoint: url })] };
  const config = ctx.endpoints.find((e) => e.url === url);
  if (!config || config.nodes.length === 0) {
    return { items: [{ kind: 'message', id: `${id}/empty`, severity: 'info', text: ctx.t('No GPU nodes yet: add one…'), action: 'addNode', endpoint: url }] };
  }
  const refs = config.nodes.map((n) => ({ endpoint: url, nodeId: n.id }));
  // One call to action for the nodes without a credential (their rows start collapsed).
  const prompt: MessageElement[] = refs.some((r) => !ctx.credentialFor(r))
    ? [{
      kind: 'message', id: `${id}/nocred`, severity: 'info', text: ctx.t('Import a wallet to see your VMs…'), action: 'credential',
      detail: ctx.t('Or add the shared access a renter gave you. Secrets stay in VS Code\'s secret storage.'),
    }]
    : [];
  return { items: [...prompt, ...refs.map((r) => nodeElement(r, '', !ctx.credentialFor(r))), networksElement(url)] };
}

export function networksElement(url: string): Element {
  return { kind: 'networks', id: `${endpointKey(url)}/networks`, endpoint: url };
}

function networksChildren(ctx: ModelContext, url: string): Children {
  const id = `${endpointKey(url)}/networks`;
  const networks = ctx.store.endpoint(url).networks;
  if (!networks) return { items: [], load: { kind: 'networks', endpoint: url } };
  if (networks.error !== undefined) return { items: [errorRow(ctx, id, networks.error, { endpoint: url })] };
  const list = [...(networks.value ?? [])].sort((a, b) => a.network_name.localeCompare(b.network_name));
  if (list.length === 0) {
    return { items: [{ kind: 'message', id: `${id}/empty`, severity: 'info', text: ctx.t('No networks yet: create one…'), action: 'createNetwork', endpoint: url }] };
  }
  return { items: list.map((n) => ({ kind: 'network', id: `${id}/net:${n.network_name}`, endpoint: url, name: n.network_name })) };
}

/** Newest first, then by label (each label worked out once; equal texts compare without the collator). */
function newestFirst(tasks: readonly TaskSummary[]): TaskSummary[] {
  const compare = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));
  return tasks
    .map((task) => ({ task, time: task.create_time ?? '', label: vmLabel(task) }))
    .sort((a, b) => compare(b.time, a.time) || compare(a.label, b.label))
    .map((x) => x.task);
}

function nodeChildren(ctx: ModelContext, ref: NodeRef): Children {
  const id = nodeKey(ref);
  if (!ctx.credentialFor(ref)) {
    return { items: [{ kind: 'message', id: `${id}/nocred`, severity: 'info', text: ctx.t('Import a wallet or shared access…'), action: 'credential', node: ref }] };
  }
  const tasks = ctx.store.peekNode(ref)?.tasks;
  if (!tasks) return { items: [], load: { kind: 'tasks', ref } };
  if (tasks.error !== undefined) return { items: [conditionRow(ctx, id, ref, tasks.error) ?? errorRow(ctx, id, tasks.error, { node: ref })] };
  const list = newestFirst(tasks.value ?? []);
  if (list.length === 0) {
    return { items: [{ kind: 'message', id: `${id}/novm`, severity: 'info', text: ctx.t('No VMs yet: create one…'), action: 'createVm', node: ref }] };
  }
  return { items: list.map((task) => vmElement({ ...ref, taskId: task.task_id })) };
}

export function forwardElement(ref: VmRef, remotePort: number): Element {
  return { kind: 'forward', id: `${vmKey(ref)}/fwd:${remotePort}`, ref, remotePort };
}

/** Active port forwards first, then the snapshots. */
function vmChildren(ctx: ModelContext, ref: VmRef): Children {
  const id = vmKey(ref);
  const forwards = (ctx.forwards?.(ref) ?? []).map((f) => forwardElement(ref, f.remotePort));
  const snaps = ctx.store.peekNode(ref)?.snapshots.get(ref.taskId);
  if (!snaps) return { items: forwards, load: { kind: 'snapshots', ref } };
  if (snaps.error !== undefined) return { items: [...forwards, errorRow(ctx, id, snaps.error, { node: ref })] };
  const list = snaps.value ?? [];
  if (list.length === 0) return { items: [...forwards, { kind: 'message', id: `${id}/nosnap`, severity: 'info', text: ctx.t('No snapshots'), action: 'none' }] };
  return { items: [...forwards, ...list.map((s): Element => ({ kind: 'snapshot', id: `${id}/snap:${s.snapshot_name}`, ref, name: s.snapshot_name }))] };
}

export function machinesChildren(ctx: ModelContext, parent?: Element): Children {
  if (!parent) return rootChildren(ctx);
  switch (parent.kind) {
    case 'endpoint': return endpointChildren(ctx, parent.url);
    case 'node': return nodeChildren(ctx, parent.ref);
    case 'vm': return vmChildren(ctx, parent.ref);
    case 'networks': return networksChildren(ctx, parent.endpoint);
    default: return { items: [] };
  }
}
