// T3 create (TaskManager.cpp `createTask`; dbc-protocol.md §7 T3, §8.1): validate, record the task as
// `creating`, join its LAN, queue the create for the node's task worker, reply at once.
import { formatDate, str } from '../format';
import { buildTask } from '../taskFactory';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { joinNetwork } from './lan';
import { validateCreate } from './validation';

export async function createTask(c: AuthedCall): Promise<GpuDoc> {
  const { sim, node } = c;
  if (c.flags.foreignVms) {
    await sim.clock.sleep(20_000); // 10 × 2 s waiting for foreign running domains to go away
    return fail3('create task failed, please try again in a minute');
  }
  const taken = await takenSshPort(c);
  const now = sim.clock.now();
  const result = validateCreate({
    node, networks: sim.state.networks, additional: c.env.additional, role: c.role, wallet: c.wallet, rentOrder: c.env.rentOrder, now,
    busyImages: sim.transfers.busyNames({ node: node.nodeId }), ...(taken ? { sshPortTaken: taken.port } : {}),
  });
  if ('error' in result) {
    if (taken && result.error === `port conflict, exist ssh_port = ${taken.port}`) {
      sim.log(`create on ${node.name}: refused, ssh_port ${taken.port} is in use on this host (${taken.holder})`);
    }
    return fail1(result.error);
  }
  const task = buildTask(result.spec, now);
  node.tasks.set(task.taskId, task);
  joinNetwork(sim.state.networks, task);
  // Nothing is logged yet: CreateDomain writes the first lines when the worker reaches this create.
  sim.lifecycle.begin(node, task, 'create', { fail: c.flags.vmError });
  return ok({ task_id: task.taskId, create_time: formatDate(task.createTime), desc: task.desc, status: 'creating' });
}

/**
 * The requested ssh_port when the VM's SSH endpoint could not listen on it here. Asked before the
 * (synchronous) validation, so that nothing changes between the node's checks and the task's record.
 */
async function takenSshPort(c: AuthedCall): Promise<{ port: number; holder: string } | undefined> {
  const requested = str(c.env.additional, 'ssh_port');
  if (!/^\d+$/.test(requested) || str(c.env.additional, 'public_ip') !== '') return undefined;
  const holder = await c.sim.sshPortHolder(Number(requested));
  return holder ? { port: Number(requested), holder } : undefined;
}
