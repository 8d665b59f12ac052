// T1 list, T2 info and T11 logs (dbc-protocol.md §7).
import { formatDate, sizeGb } from '../format';
import { SYSTEM_DISK_GB, type NodeState, type SimState, type Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { lanAddress } from './lan';
import { collectLogs } from './logs';
import { localIp } from './workerLines';

export function listTasks(c: AuthedCall): GpuDoc {
  const mine = [...c.node.tasks.values()].filter((t) => t.owner === c.wallet);
  return ok(mine.map((t) => ({ task_id: t.taskId, create_time: formatDate(t.createTime), desc: t.desc, status: t.status })));
}

/** `size2GB(virtual size)`, in name order (TaskDiskManager's map). */
function disks(t: Task): { name: string; size: string; source_file: string }[] {
  return t.disks.map((d) => ({ name: d.name, size: sizeGb(d.sizeGb), source_file: d.file }));
}

/**
 * `getTaskAgentInterfaceAddress`: asked only for a VM with multicast or a LAN, and only while it runs;
 * the guest agent reports the address of each interface.
 */
function localAddresses(state: SimState, t: Task): string[] | undefined {
  if ((t.multicast.length === 0 && t.networkName === '') || t.vm !== 'running') return undefined;
  const lan = lanAddress(state.networks, t);
  return lan ? [localIp(t), lan] : [localIp(t)];
}

/** The T2 document (node_request_service.cpp `task_list`), keys in the node's order; optional keys only when their condition holds. */
export function taskInfo(state: SimState, node: NodeState, t: Task): Record<string, unknown> {
  const info: Record<string, unknown> = { task_id: t.taskId, os: t.os, ssh_ip: t.publicIp || node.ip };
  if (t.osKind === 'windows') info.rdp_port = t.rdpPort;
  else info.ssh_port = t.sshPort;
  Object.assign(info, {
    user_name: t.userName, login_password: t.loginPassword, cpu_cores: t.cpuCores, gpu_count: t.gpuCount,
    mem_size: sizeGb(t.memGb), disk_system: sizeGb(SYSTEM_DISK_GB), vnc_port: t.vncPort, vnc_password: t.vncPassword,
  });
  if (t.networkName) info.network_name = t.networkName;
  Object.assign(info, { create_time: formatDate(t.createTime), desc: t.desc, status: t.status });
  if (t.rentOrder) info.rent_order = t.rentOrder;
  const local = localAddresses(state, t);
  if (local) info.local_address = local;
  if (t.disks.length > 0) info.disks = disks(t);
  if (t.networkFilters.length > 0) info.network_filters = t.networkFilters;
  info.interface = t.vm === 'running' ? [{ name: 'vnet0', type: 'network', mac_address: t.mac }] : [];
  return info;
}

export function getTask(c: AuthedCall): GpuDoc {
  const t = c.node.tasks.get(c.match.taskId);
  if (!t || t.owner !== c.wallet) return fail3('task_id not exist');
  return ok(taskInfo(c.sim.state, c.node, t));
}

/** TaskManager::getTaskLog: the task and its domain must exist; VmClient::GetDomainLog reads the file. */
export function taskLogs(c: AuthedCall): GpuDoc {
  const t = c.node.tasks.get(c.match.taskId);
  if (!t || t.vm === 'undefined') return fail1('task not exist');
  if (t.logs.length === 0) return fail1('task log not exist');
  const q = c.logQuery ?? { direction: 'tail', lines: 100 };
  return ok({ task_id: t.taskId, log_content: collectLogs(t.logs, q.direction, q.lines, c.sim.options.logCap) });
}
