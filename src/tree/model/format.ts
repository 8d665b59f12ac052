// Descriptions and Markdown tooltips of node, VM and snapshot rows. Pure: node data in, text out.
import type { NodeRentOrderView } from '../../access/rentOrders';
import type { LanNetwork, NodeInfo, SnapshotInfo, TaskInfo, TaskSummary } from '../../api/types';
import { sshCommandForTarget } from '../../ssh/core/sshCommand';
import { shortNodeId } from '../../config/model/endpoints';
import type { CredentialSummary } from '../../secrets/credentialSchema';
import { localize, type Translate } from '../../ui/model/translate';
import { code, md, table } from './markdown';
import { statusLabel } from './vmState';
import type { VmGpuView } from '../../core/gpu/gpuView';
import { gpuTooltip, portsTooltip } from './gpuFormat';

export function credentialKindText(t: Translate, kind: CredentialSummary['kind']): string {
  switch (kind) {
    case 'wallet': return t('wallet');
    case 'multisig': return t('multisig account');
    case 'session': return t('shared access');
  }
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** `order 1042 · GPUs 2,3` for a per-GPU rental; `choose a rent order` when the wallet has several. */
export function rentOrderShort(t: Translate, rent: NodeRentOrderView | undefined): string | undefined {
  if (!rent) return undefined;
  if (rent.kind === 'several') return t('choose a rent order');
  if (!rent.id) return undefined;
  const gpus = rent.entry?.gpu_index;
  return gpus?.length ? t('order {0} · GPUs {1}', rent.id, gpus.join(',')) : t('order {0}', rent.id);
}

/** The rent order row of the node tooltip. */
export function rentOrderLong(t: Translate, rent: NodeRentOrderView | undefined): string | undefined {
  if (!rent) return undefined;
  if (rent.kind === 'none') return t('none (the wallet rents the whole machine, or nothing)');
  if (rent.kind === 'several') return t('{0} orders of this wallet: {1} — choose one', rent.orders.length, rent.orders.map((o) => o.id).join(', '));
  const e = rent.entry;
  const how = rent.kind === 'chosen' ? t('chosen in settings') : t('the wallet\'s only order on the node');
  const what = e ? t('GPUs {0}, ends at block {1}', e.gpu_index.join(', ') || '-', e.rent_end) : t('not in the node\'s rent list');
  return `${code(rent.id ?? '')} · ${md(what)} (${md(how)})`;
}

/** "2/8 GPUs · 251.57G RAM · v0.4.1.8", after the rent order, from what the node info has (least important last: it is cut first). */
export function nodeDescription(t: Translate, info: NodeInfo | undefined, rent?: NodeRentOrderView): string {
  const order = rentOrderShort(t, rent);
  if (!info) return order ?? '';
  const parts: string[] = order ? [order] : [];
  if (info.gpu?.gpu_count !== undefined) parts.push(t('{0}/{1} GPUs', info.gpu.gpu_used ?? '?', info.gpu.gpu_count));
  if (info.mem?.size) parts.push(t('{0} RAM', info.mem.size));
  if (info.version) parts.push(`v${info.version}`);
  return parts.join(' · ');
}

export function nodeTooltip(t: Translate, a: {
  name: string; nodeId: string; endpoint: string; info?: NodeInfo; credential?: CredentialSummary; error?: string; rent?: NodeRentOrderView;
  /** A neutral state of the node (nodeCondition.ts): what it means, shown without the error icon. */
  note?: string;
  /** Rows about the credential's rentals on the node (leaseText.ts). */
  leases?: readonly [string, string][];
}): string {
  const i = a.info;
  const disks = (i?.disk_data ?? []).map((d) => t('{0}: {1} free of {2}', md(d.path ?? '?'), md(d.free ?? '?'), md(d.size ?? '?'))).join('<br>');
  const cred = a.credential
    ? `${md(a.credential.label)} (${credentialKindText(t, a.credential.kind)}${a.credential.address ? `, ${code(shortAddress(a.credential.address))}` : ''})`
    : t('none');
  const rows: [string, string | undefined][] = [
    [t('Node id'), code(a.nodeId)],
    [t('Client node'), md(a.endpoint)],
    [t('Version'), i?.version ? md(i.version) : undefined],
    [t('OS'), i?.os ? md(i.os) : undefined],
    [t('CPU'), i?.cpu ? md(`${i.cpu.type ?? ''} · ${t('{0} cores', i.cpu.cores ?? '?')} · ${t('{0} used', i.cpu.used_usage ?? '?')}`) : undefined],
    [t('GPUs'), i?.gpu ? t('{0} of {1} in use', md(i.gpu.gpu_used ?? '?'), md(i.gpu.gpu_count ?? '?')) : undefined],
    [t('Memory'), i?.mem ? t('{0} free of {1}', md(i.mem.free ?? '?'), md(i.mem.size ?? '?')) : undefined],
    [t('Data disks'), disks || undefined],
    [t('Images'), i?.images ? String(i.images.length) : undefined],
    [t('Credential'), cred],
    [t('Rent order'), rentOrderLong(t, a.rent)],
    ...(a.leases ?? []),
  ];
  const head = `**${md(a.name)}**${a.error ? `\n\n$(error) ${md(a.error)}` : ''}${a.note ? `\n\n$(info) ${md(a.note)}` : ''}`;
  return `${head}\n\n${table(rows)}`;
}

export function vmLabel(task: Pick<TaskSummary, 'task_id' | 'desc'>): string {
  return task.desc?.trim() || task.task_id;
}

export function vmDescription(t: Translate, task: TaskSummary, pending: string | undefined): string {
  return pending ?? localize(t, statusLabel(task.status));
}

export interface VmEndpoints {
  ssh?: string;
  sshAddress?: string;
  rdp?: string;
  vnc?: string;
}

/** The ways to reach a VM, from its task info (ssh_ip with ssh_port / rdp_port / vnc_port). */
export function vmEndpoints(info: TaskInfo): VmEndpoints {
  const ip = info.ssh_ip;
  if (!ip) return {};
  const out: VmEndpoints = {};
  const sshPort = Number(info.ssh_port);
  const user = info.user_name && info.user_name !== 'N/A' ? info.user_name : 'dbc';
  if (info.ssh_port && Number.isInteger(sshPort) && sshPort > 0) {
    out.sshAddress = `${ip}:${sshPort}`;
    try {
      out.ssh = sshCommandForTarget({ host: ip, port: sshPort, user });
    } catch {
      out.ssh = undefined;
    }
  }
  if (info.rdp_port) out.rdp = `${ip}:${info.rdp_port}`;
  if (info.vnc_port) out.vnc = `${ip}:${info.vnc_port}`;
  return out;
}

function resources(t: Translate, info: TaskInfo): string {
  const parts: string[] = [];
  if (info.gpu_count !== undefined) parts.push(t('{0} GPU', String(info.gpu_count)));
  if (info.cpu_cores !== undefined) parts.push(t('{0} CPU cores', String(info.cpu_cores)));
  if (info.mem_size) parts.push(t('{0} memory', info.mem_size));
  const data = info.disks?.find((d) => d.name === 'vdb')?.size;
  if (data) parts.push(t('{0} data disk', data));
  return parts.map(md).join(' · ');
}

/** What the tooltip adds from outside the node: GPU readings and the recorded custom ports. */
export interface VmTooltipExtra {
  gpu?: VmGpuView;
  customPorts?: readonly string[];
  /** Rows about the VM's rental (leaseText.ts). */
  lease?: readonly [string, string][];
}

export function vmTooltip(t: Translate, task: TaskSummary, info: TaskInfo | undefined, error?: string, extra: VmTooltipExtra = {}): string {
  const title = `**${md(vmLabel(task))}** — ${md(localize(t, statusLabel(task.status)))}\n\n${code(task.task_id)}`;
  if (!info) return `${title}${error ? `\n\n$(error) ${md(error)}` : ''}\n\n${t('Created')}: ${md(task.create_time ?? '?')}`;
  const ep = vmEndpoints(info);
  const rows: [string, string | undefined][] = [
    [t('SSH'), ep.ssh ? code(ep.ssh) : undefined],
    [t('RDP'), ep.rdp ? code(ep.rdp) : undefined],
    [t('VNC'), ep.vnc ? code(ep.vnc) : undefined],
    [t('User'), info.user_name ? md(info.user_name) : undefined],
    [t('OS'), info.os ? md(info.os) : undefined],
    [t('Resources'), resources(t, info) || undefined],
    [t('Disks'), info.disks?.length ? info.disks.map((d) => md(`${d.name} ${d.size ?? '?'}`)).join(' · ') : undefined],
    [t('Network'), info.network_name ? md(info.network_name) : undefined],
    [t('Ports'), portsTooltip(info, extra.customPorts)],
    [t('GPUs'), gpuTooltip(t, extra.gpu)],
    [t('LAN address'), info.local_address?.length ? info.local_address.map(code).join(' ') : undefined],
    [t('Rent order'), info.rent_order && !extra.lease?.length ? code(info.rent_order) : undefined],
    [t('Created'), md(info.create_time ?? task.create_time ?? '?')],
    ...(extra.lease ?? []),
  ];
  return `${title}\n\n${table(rows)}`;
}

export function networkTooltip(t: Translate, n: LanNetwork, memberNames: readonly string[], machine: string | undefined): string {
  return `**${md(n.network_name)}**\n\n${table([
    [t('Address range'), md(n.ip_cidr + (n.ip_start && n.ip_end ? ` (${n.ip_start} – ${n.ip_end})` : ''))],
    [t('VMs in it'), memberNames.length ? memberNames.map(md).join(', ') : t('none')],
    [t('Created on'), machine ? md(machine) : undefined],
    [t('Owner'), n.rent_wallet ? code(shortAddress(n.rent_wallet)) : undefined],
    [t('VXLAN'), n.vxlan_vni ? md(`${n.vxlan_name ?? ''} · VNI ${n.vxlan_vni}`) : undefined],
  ])}`;
}

export function snapshotDescription(t: Translate, s: SnapshotInfo): string {
  const status = snapshotStatus(s);
  const text = status === 'creating' ? t('Creating') : status === 'uploading' ? t('Uploading') : status === 'done' ? t('Ready') : s.status ?? '';
  return [text, s.create_time].filter(Boolean).join(' · ');
}

export function snapshotStatus(s: SnapshotInfo): 'creating' | 'uploading' | 'done' | 'unknown' {
  const v = (s.status ?? '').toLowerCase();
  if (v === 'creating') return 'creating';
  if (v === 'uploading') return 'uploading';
  if (v === 'none' || v === 'done' || v === '') return 'done';
  return 'unknown';
}

export function snapshotTooltip(t: Translate, s: SnapshotInfo): string {
  return `**${md(s.snapshot_name)}**\n\n${table([
    [t('Status'), md(snapshotDescription(t, s))],
    [t('Description'), s.description ? md(s.description) : undefined],
    [t('File'), s.snapshot_file ? code(s.snapshot_file) : undefined],
  ])}`;
}

export function nodeDisplayName(configName: string | undefined, discoveredName: string | undefined, nodeId: string): string {
  return configName || discoveredName || shortNodeId(nodeId);
}
