// How each element looks (label, description, icon, tooltip, contextValue, click command). Pure, so the
// whole tree can be checked in unit tests; the TreeItem adapter only converts the result.
import { endpointLabel } from '../../config/model/endpoints';
import { contextValue, vmContextValue } from './contextValue';
import { ICONS, VM_STATE_ICONS } from './icons';
import type { Element, MessageElement, Presentation } from './elements';
import {
  networkTooltip, nodeDescription, nodeDisplayName, nodeTooltip, snapshotDescription, snapshotStatus, snapshotTooltip, vmDescription, vmLabel, vmTooltip,
} from './format';
import { vmLease, type NodeLease } from './leaseModel';
import { leaseRowText, leaseTooltipRows } from './leaseText';
import type { NodeRentOrderView } from '../../access/rentOrders';
import type { ModelContext } from './machinesModel';
import { code, md } from './markdown';
import { gpuFigure } from './gpuFormat';
import type { NodeRef, VmRef } from '../../config/model/refs';
import { CONDITION_ICONS, CONDITION_TEXT, nodeCondition } from './nodeCondition';
import { osFacetOf, vmStateOf } from './vmState';
import { describeError, errorLine } from '../../ui/model/errorText';

export type ViewKind = 'machines' | 'images';

export function nodeName(ctx: Pick<ModelContext, 'endpoints' | 'store'>, ref: NodeRef): string {
  const config = ctx.endpoints.find((e) => e.url === ref.endpoint)?.nodes.find((n) => n.id === ref.nodeId);
  const discovered = ctx.store.endpoint(ref.endpoint).discovered?.value?.find((n) => n.node_id.toLowerCase() === ref.nodeId)?.name;
  return nodeDisplayName(config?.name, discovered, ref.nodeId);
}

export function taskOf(ctx: Pick<ModelContext, 'store'>, ref: VmRef) {
  return ctx.store.peekNode(ref)?.tasks?.value?.find((t) => t.task_id === ref.taskId);
}

function presentEndpoint(ctx: ModelContext, id: string, url: string, view: ViewKind): Presentation {
  const config = ctx.endpoints.find((e) => e.url === url);
  const unreachable = ctx.store.endpoint(url).unreachable;
  const label = endpointLabel(config ?? { url });
  const count = config?.nodes.length ?? 0;
  return {
    id,
    label,
    description: unreachable ? ctx.t('unreachable') : view === 'machines' ? ctx.t('{0} nodes', count) : '',
    tooltip: `**${md(label)}**\n\n${md(url)}${unreachable ? `\n\n$(error) ${md(errorLine(describeError(unreachable.error, ctx.t, url)))}` : ''}`,
    icon: unreachable ? ICONS.endpointUnreachable : ICONS.endpoint,
    contextValue: contextValue('endpoint', { status: unreachable ? 'unreachable' : 'ok' }),
    collapsible: 'expanded',
  };
}

function presentNode(ctx: ModelContext, id: string, ref: NodeRef, view: ViewKind): Presentation {
  const data = ctx.store.peekNode(ref);
  const credential = ctx.credentialFor(ref);
  const error = data?.tasks?.error;
  // Not rented, someone else's, ended, unknown to the client node: a state of the node, not a failure
  const condition = error !== undefined ? nodeCondition(error) : undefined;
  const failed = error !== undefined && !condition;
  const info = data?.info?.value;
  const name = nodeName(ctx, ref);
  const errorText = failed ? errorLine(describeError(error, ctx.t, ref.endpoint)) : undefined;
  const note = condition ? ctx.t(CONDITION_TEXT[condition].hint) : undefined;
  const loading = data?.loading === true && !data.tasks;
  const rent = ctx.rentOrderOf?.(ref);
  const leases = view === 'machines' ? ctx.leases?.(ref) ?? [] : [];
  const lease = leases[0];
  // An ended rental explains a refusal ("wallet not rented", "expired") better than the node's own words.
  const explained = lease && lease.stage === 'ended' && (condition === 'rentedByOther' || condition === 'expired');
  const state = condition && !explained ? ctx.t(CONDITION_TEXT[condition].label) : failed ? ctx.t('refresh failed') : undefined;
  const description = [lease ? leadingLeaseText(ctx, lease, leases.length, rent) : undefined, state ?? (condition ? undefined : nodeDescription(ctx.t, info, rent))];
  const leaseRows = nodeLeaseRows(ctx, leases, rent);
  // The rentals' rows name the order in use: the rent order row stays only for what they do not say.
  const rentRow = rent?.kind === 'several' || (rent?.id !== undefined && !leases.some((l) => l.lease.rentOrder === rent.id)) || leases.length === 0 ? rent : undefined;
  const ending = lease?.stage === 'ended' || lease?.stage === 'ending';
  return {
    id,
    label: name,
    description: description.filter(Boolean).join(' · '),
    tooltip: nodeTooltip(ctx.t, { name, nodeId: ref.nodeId, endpoint: ref.endpoint, info, credential, error: errorText, note: explained ? undefined : note, rent: rentRow, leases: leaseRows }),
    icon: loading ? ICONS.nodeLoading : failed ? ICONS.nodeError : ending ? ICONS.nodeLeaseEnding : condition ? CONDITION_ICONS[condition] : ICONS.node,
    contextValue: contextValue('node', {
      cred: credential?.kind ?? 'none', ...(lease ? { rental: lease.stage } : {}), status: condition ?? (failed ? 'error' : data?.tasks ? 'ok' : 'unknown'),
    }),
    collapsible: view === 'machines' && credential ? 'expanded' : 'collapsed',
  };
}

/** The most urgent rental's time; named when the wallet has several there and it is not the order the row shows. */
function leadingLeaseText(ctx: ModelContext, lease: NodeLease, count: number, rent: NodeRentOrderView | undefined): string {
  const text = leaseRowText(ctx.t, lease);
  const order = lease.lease.rentOrder;
  return count > 1 && order && order !== rent?.id ? ctx.t('order {0}: {1}', order, text) : text;
}

/** One tooltip row per rental; the one whose order the node's requests carry says why. */
function nodeLeaseRows(ctx: ModelContext, leases: readonly NodeLease[], rent: NodeRentOrderView | undefined): [string, string][] {
  const how = rent?.kind === 'chosen' ? ctx.t('chosen in settings') : rent?.kind === 'found' ? ctx.t('the wallet\'s only order on the node') : undefined;
  return leaseTooltipRows(ctx.t, leases, ctx.chainError?.())
    .map(([k, v], i) => [k, how && leases[i]!.lease.rentOrder === rent?.id ? `${v} (${md(how)})` : v]);
}

function presentVm(ctx: ModelContext, id: string, ref: VmRef): Presentation {
  const task = taskOf(ctx, ref) ?? { task_id: ref.taskId, status: 'none' };
  const data = ctx.store.peekNode(ref);
  const pending = data?.pending.get(ref.taskId);
  const infoEntry = data?.taskInfo.get(ref.taskId);
  const state = vmStateOf(task.status);
  const following = ctx.isFollowing?.(ref) ?? false;
  const gpu = ctx.gpu?.(ref);
  const lease = vmLease(ctx.leases?.(ref) ?? [], infoEntry?.value);
  const leaseText = lease?.stage === 'ended' ? leaseRowText(ctx.t, lease) : undefined;
  const parts = [vmDescription(ctx.t, task, pending), following ? ctx.t('following log') : undefined, pending ? undefined : gpuFigure(ctx.t, gpu), leaseText];
  const leaseRows = lease ? leaseTooltipRows(ctx.t, [lease], ctx.chainError?.()) : [];
  return {
    id,
    label: vmLabel(task),
    description: parts.filter(Boolean).join(' · '),
    tooltip: infoEntry?.value ? vmTooltip(ctx.t, task, infoEntry.value, undefined, { gpu, customPorts: ctx.customPorts?.(ref), lease: leaseRows }) : undefined,
    lazyTooltip: !infoEntry?.value,
    icon: pending ? ICONS.pending : VM_STATE_ICONS[state],
    contextValue: vmContextValue(task.status, osFacetOf(infoEntry?.value), following, lease?.stage),
    collapsible: 'collapsed',
  };
}

function presentForward(ctx: ModelContext, el: Extract<Element, { kind: 'forward' }>): Presentation {
  const f = ctx.forwards?.(el.ref).find((x) => x.remotePort === el.remotePort);
  const local = f ? `127.0.0.1:${f.localPort}` : '';
  return {
    id: el.id,
    label: ctx.t('Port {0}', el.remotePort),
    description: local ? `→ ${local}` : '',
    tooltip: f ? `${md(ctx.t('Port {0} inside {1} is forwarded through SSH to {2}.', el.remotePort, vmLabel(taskOf(ctx, el.ref) ?? { task_id: el.ref.taskId }), local))}\n\n${code(f.url)}` : undefined,
    icon: ICONS.forward,
    contextValue: contextValue('forward', {}),
    collapsible: 'none',
    ...(f ? { command: { command: 'dbc.forward.openInBrowser', title: ctx.t('Open in Browser'), arguments: [el] } } : {}),
  };
}

function presentMessage(ctx: ModelContext, m: MessageElement): Presentation {
  const icon = m.severity === 'error' ? ICONS.error : m.severity === 'warning' ? ICONS.warning
    : m.action === 'credential' || m.action === 'chooseCredential' ? ICONS.addCredential : m.action === 'secure' ? ICONS.warning : m.action === 'createVm' || m.action === 'addNode' ? ICONS.add : ICONS.info;
  const command = messageCommand(ctx, m);
  return {
    id: m.id,
    label: m.text,
    tooltip: m.detail ? `${md(m.text)}\n\n${md(m.detail)}` : undefined,
    icon,
    contextValue: contextValue('message', { action: m.action }),
    collapsible: 'none',
    ...(command ? { command } : {}),
  };
}

function messageCommand(ctx: ModelContext, m: MessageElement): Presentation['command'] {
  switch (m.action) {
    case 'retry': return { command: 'dbc.views.refresh', title: ctx.t('Retry'), arguments: [m] };
    case 'credential': return { command: 'dbc.wallet.import', title: ctx.t('Import Wallet…') };
    case 'chooseCredential': return m.node ? { command: 'dbc.node.chooseCredential', title: ctx.t('Choose Credential…'), arguments: [{ endpoint: m.node.endpoint, nodeId: m.node.nodeId }] } : undefined;
    case 'createVm': return m.node ? { command: 'dbc.vm.create', title: ctx.t('Create VM…'), arguments: [{ endpoint: m.node.endpoint, nodeId: m.node.nodeId }] } : undefined;
    case 'addNode': return { command: 'dbc.node.add', title: ctx.t('Add GPU Node…'), arguments: [{ endpoint: m.endpoint }] };
    case 'secure': return { command: 'dbc.endpoint.secure', title: ctx.t('Secure the Connection…'), arguments: [{ endpoint: m.endpoint ?? m.node?.endpoint }] };
    case 'createNetwork': return { command: 'dbc.lan.create', title: ctx.t('Create Network…'), arguments: [{ endpoint: m.endpoint }] };
    case 'rentOrder': return m.node ? { command: 'dbc.node.chooseRentOrder', title: ctx.t('Choose Rent Order…'), arguments: [{ endpoint: m.node.endpoint, nodeId: m.node.nodeId }] } : undefined;
    case 'none': return undefined;
  }
}

export function present(ctx: ModelContext, el: Element, view: ViewKind = 'machines'): Presentation {
  switch (el.kind) {
    case 'endpoint': return presentEndpoint(ctx, el.id, el.url, view);
    case 'node': return presentNode(ctx, el.id, el.ref, view);
    case 'vm': return presentVm(ctx, el.id, el.ref);
    case 'snapshot': {
      const s = ctx.store.peekNode(el.ref)?.snapshots.get(el.ref.taskId)?.value?.find((x) => x.snapshot_name === el.name) ?? { snapshot_name: el.name };
      const status = snapshotStatus(s);
      return {
        id: el.id, label: el.name, description: snapshotDescription(ctx.t, s), tooltip: snapshotTooltip(ctx.t, s),
        icon: status === 'creating' ? ICONS.snapshotBusy : status === 'uploading' ? ICONS.snapshotUploading : ICONS.snapshot,
        contextValue: contextValue('snapshot', { status }), collapsible: 'none',
      };
    }
    case 'networks': return presentNetworks(ctx, el.id, el.endpoint);
    case 'network': return presentNetwork(ctx, el.id, el.endpoint, el.name);
    case 'imageServer':
      return {
        id: el.id, label: el.server, description: ctx.t('image server'), icon: ICONS.imageServer,
        contextValue: contextValue('imageServer', {}), collapsible: 'collapsed',
      };
    case 'image':
      return {
        id: el.id, label: el.name, description: imageSize(ctx, el), icon: ICONS.image,
        contextValue: contextValue('image', { scope: el.server !== undefined ? 'server' : 'node' }), collapsible: 'none',
      };
    case 'forward': return presentForward(ctx, el);
    case 'message': return presentMessage(ctx, el);
  }
}

function presentNetworks(ctx: ModelContext, id: string, endpoint: string): Presentation {
  const list = ctx.store.endpoint(endpoint).networks?.value;
  return {
    id, label: ctx.t('Networks'), description: list ? ctx.t('{0} virtual LANs', list.length) : '',
    tooltip: md(ctx.t('The virtual LANs the client node knows; a VM joins one when it is created.')),
    icon: ICONS.networks, contextValue: contextValue('networks', {}), collapsible: 'collapsed',
  };
}

/** The VM names of a network's members, where a configured node of this client node lists them. */
function memberNames(ctx: ModelContext, endpoint: string, members: readonly string[]): string[] {
  const nodes = ctx.endpoints.find((e) => e.url === endpoint)?.nodes ?? [];
  const tasks = nodes.flatMap((n) => ctx.store.peekNode({ endpoint, nodeId: n.id })?.tasks?.value ?? []);
  return members.map((id) => {
    const task = tasks.find((x) => x.task_id === id);
    return task ? vmLabel(task) : id;
  });
}

function presentNetwork(ctx: ModelContext, id: string, endpoint: string, name: string): Presentation {
  const n = ctx.store.endpoint(endpoint).networks?.value?.find((x) => x.network_name === name);
  const members = n ? memberNames(ctx, endpoint, n.members) : [];
  const machine = n?.machine_id ? nodeName(ctx, { endpoint, nodeId: n.machine_id.toLowerCase() }) : undefined;
  return {
    id, label: name, icon: ICONS.network, contextValue: contextValue('network', {}), collapsible: 'none',
    description: n ? [n.ip_cidr, ctx.t('{0} VMs', members.length)].join(' · ') : '',
    tooltip: n ? networkTooltip(ctx.t, n, members, machine) : undefined,
  };
}

function imageSize(ctx: ModelContext, el: Extract<Element, { kind: 'image' }>): string {
  const list = el.server !== undefined
    ? ctx.store.endpoint(el.endpoint).serverImages.get(el.server)?.value
    : el.nodeId ? ctx.store.peekNode({ endpoint: el.endpoint, nodeId: el.nodeId })?.images?.value : undefined;
  return list?.find((i) => i.image_name === el.name)?.image_size ?? '';
}
