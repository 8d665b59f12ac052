// Free host ports to propose in the create prompts, planned by src/core/portPlanner against every VM of
// the node (their details are fetched once and cached).
import { planPorts, type ExistingTask } from '../core/portPlanner';
import type { NodeRef } from '../tree/model/refs';
import type { CommandServices } from './context';

export async function suggestPorts(svc: CommandServices, ref: NodeRef, os: 'linux' | 'windows'): Promise<{ login?: string; vnc?: string }> {
  const tasks = svc.store.peekNode(ref)?.tasks?.value ?? [];
  const infos = await Promise.all(tasks.map((task) => svc.fetcher.taskInfo({ ...ref, taskId: task.task_id }, 10 * 60_000).catch(() => undefined)));
  const existing: ExistingTask[] = infos.filter((i): i is NonNullable<typeof i> => i !== undefined);
  const plan = planPorts({ os }, existing);
  return { login: os === 'windows' ? plan.rdp_port : plan.ssh_port, vnc: plan.vnc_port };
}
