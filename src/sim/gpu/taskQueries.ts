// T1 list, T2 info and T11 logs (dbc-protocol.md §7).
import { formatDate, sizeGb } from '../format';
import { SYSTEM_DISK_GB, type NodeState, type Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { collectLogs, settleTrickle } from './logs';

export function listTasks(c: AuthedCall): GpuDoc {
  const mine = [...c.node.tasks.values()].filter((t) => t.owner === c.wallet);
  return ok(mine.map((t) => ({ task_id: t.taskId, create_time: formatDate(t.createTime), desc: t.desc, status: t.status })));
}

function disks(t: Task): { name: string; size: string; source_file: string }[] {
  const vda = { name: 'vda', size: sizeGb(SYSTEM_DISK_GB), source_file: t.vdaFile };
  return t.biosMode === 'pxe' ? [] : [vda, { name: 'vdb', size: sizeGb(t.diskGb), source_file: t.vdbFile }];
}

/** The T2 document, keys in the node's order; optional keys only when their condition holds. */
export function taskInfo(node: NodeState, t: Task): Record<string, unknown> {
  const info: Record<string, unknown> = { task_id: t.taskId, os: t.os, ssh_ip: t.publicIp || node.ip };
  if (t.osKind === 'windows') info.rdp_port = t.rdpPort;
  else info.ssh_port = t.sshPort;
  Object.assign(info, {
    user_name: t.userName, login_password: t.loginPassword, cpu_cores: t.cpuCores, gpu_count: t.gpuCount,
    mem_size: sizeGb(t.memGb), disk_system: sizeGb(SYSTEM_DISK_GB), vnc_port: t.vncPort, vnc_password: t.vncPassword,
    create_time: formatDate(t.createTime), desc: t.desc, status: t.status,
  });
  if (t.rentOrder) info.rent_order = t.rentOrder;
  if (t.multicast.length > 0 && t.vm === 'running') info.local_address = [`192.168.122.${10 + (t.mac.charCodeAt(16) % 200)}`];
  info.disks = disks(t);
  if (t.networkFilters.length > 0) info.network_filters = t.networkFilters;
  info.interface = t.vm === 'running' ? [{ name: 'vnet0', type: 'network', mac_address: t.mac }] : [];
  return info;
}

export function getTask(c: AuthedCall): GpuDoc {
  const t = c.node.tasks.get(c.match.taskId);
  if (!t || t.owner !== c.wallet) return fail3('task_id not exist');
  return ok(taskInfo(c.node, t));
}

export function taskLogs(c: AuthedCall): GpuDoc {
  const t = c.node.tasks.get(c.match.taskId);
  if (!t) return fail1('task not exist');
  settleTrickle(t, c.sim.clock.now());
  if (t.logs.length === 0) return fail1('task log not exist');
  const q = c.logQuery ?? { direction: 'tail', lines: 100 };
  return ok({ task_id: t.taskId, log_content: collectLogs(t.logs, q.direction, q.lines, c.sim.options.logCap) });
}
