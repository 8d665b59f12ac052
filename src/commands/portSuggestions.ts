// Free host ports to propose in the create prompts: the lowest ports in the usual ranges that no VM
// on the node uses (from the VMs' details, fetched once and cached).
import type { NodeRef } from '../tree/model/refs';
import type { CommandServices } from './context';

export const LOGIN_RANGE = [5600, 5899] as const;
export const VNC_RANGE = [5900, 5999] as const;

export function lowestFree(range: readonly [number, number], used: ReadonlySet<number>): number {
  for (let p = range[0]; p <= range[1]; p++) if (!used.has(p)) return p;
  return range[0];
}

export async function suggestPorts(svc: CommandServices, ref: NodeRef): Promise<{ login: number; vnc: number }> {
  const tasks = svc.store.peekNode(ref)?.tasks?.value ?? [];
  const infos = await Promise.all(tasks.map((task) => svc.fetcher.taskInfo({ ...ref, taskId: task.task_id }, 10 * 60_000).catch(() => undefined)));
  const used = new Set<number>();
  for (const info of infos) for (const p of [info?.ssh_port, info?.rdp_port, info?.vnc_port]) if (p) used.add(Number(p));
  return { login: lowestFree(LOGIN_RANGE, used), vnc: lowestFree(VNC_RANGE, used) };
}
