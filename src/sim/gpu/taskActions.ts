// T4–T10: start, stop/poweroff, shutdown, restart, reset, delete (dbc-protocol.md §7, §9).
// Actions look tasks up by id only: any authorized renter of the machine may act on any task.
import type { RouteId } from '../http/routes';
import { isRenting, rentedGpuIndexes } from '../rent';
import type { NodeState, Task, TransitionKind, VmState } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { DURATIONS_MS, FORCED_REBOOT_EXTRA_MS, WAKE_MS } from './lifecycle';
import { SITES } from './logSites';
import { taskLog } from './logs';
import { holdsResources, portConflict, usedCores, usedGpuIndexes, usedMemGb } from './resources';

/** libvirt state names as the node prints them in `task is <vm-state>`. */
const VM_NAMES: Record<VmState, string> = { undefined: 'none', running: 'running', shut_off: 'shut_off', pmsuspended: 'suspended' };

interface Action { kind: TransitionKind; allowed: VmState[] }

const ACTIONS: Partial<Record<RouteId, Action>> = {
  T4: { kind: 'start', allowed: ['shut_off', 'pmsuspended'] },
  T5: { kind: 'stop', allowed: ['running', 'pmsuspended'] },
  T6: { kind: 'stop', allowed: ['running', 'pmsuspended'] },
  T7: { kind: 'shutdown', allowed: ['running', 'pmsuspended'] },
  T8: { kind: 'restart', allowed: ['shut_off', 'running'] },
  T9: { kind: 'reset', allowed: ['running'] },
};

/**
 * The resource check run by start and restart before booting a VM that holds nothing yet. `sshTaken`:
 * its SSH endpoint's port is held by something else on this host (sshHost.ts), which counts as a conflict.
 */
function resourceError(node: NodeState, t: Task, sshTaken: boolean): string | undefined {
  if (holdsResources(t)) return undefined;
  const busy = usedGpuIndexes(node, t);
  if (t.gpuIndexes.some((i) => busy.has(i))) return 'check gpu failed';
  if (t.cpuCores > node.cpuCores - usedCores(node, t)) return 'check cpu failed';
  if (t.memGb > node.memGb - usedMemGb(node, t)) return 'check memory failed';
  for (const [kind, port] of [['ssh_port', t.osKind === 'linux' && !t.publicIp ? t.sshPort : ''],
    ['rdp_port', t.osKind === 'windows' && !t.publicIp ? t.rdpPort : ''], ['vnc_port', t.vncPort]]) {
    if (port && (portConflict(node, Number(port), t) || (kind === 'ssh_port' && sshTaken))) return `check ${kind} failed`;
  }
  return undefined;
}

/** Who holds the SSH port of the task a start or restart names, when its endpoint could not listen there. */
async function takenSshPort(c: AuthedCall): Promise<string | undefined> {
  const t = c.node.tasks.get(c.match.taskId);
  if (!t || t.osKind !== 'linux' || t.publicIp || !t.sshPort) return undefined;
  return c.sim.sshPortHolder(Number(t.sshPort), t.taskId);
}

/**
 * TaskGpuManager::checkXmlGpu, run by start and restart: a VM whose stored order has ended moves to
 * the renting order the request names (and to its GPUs), and says so in its log.
 */
function rebindRentOrder(c: AuthedCall, t: Task): void {
  const next = c.env.rentOrder;
  if (t.rentOrder === '' || next === '' || next === t.rentOrder) return;
  if (!isRenting(c.node, next, t.owner) || isRenting(c.node, t.rentOrder, t.owner)) return;
  const gpus = rentedGpuIndexes(c.node, next, t.owner);
  const old = rentedGpuIndexes(c.node, t.rentOrder, t.owner);
  if (gpus.length > 0 && gpus.join(',') !== old.join(',')) {
    t.gpuIndexes = [...gpus];
    t.gpuCount = gpus.length;
  }
  t.rentOrder = next;
  taskLog(t, c.sim.clock.now(), SITES.rentOrderUpdate, `rent order update to ${next}`);
  c.sim.changed();
}

/** The domain a request can act on: unknown ids and not-yet-defined domains are `task not exist`. */
function actionable(c: AuthedCall): Task | undefined {
  const t = c.node.tasks.get(c.match.taskId);
  return t && t.vm !== 'undefined' ? t : undefined;
}

export async function vmAction(c: AuthedCall): Promise<GpuDoc> {
  const action = ACTIONS[c.match.id] as Action;
  const verb = action.kind;
  if ((verb === 'start' || verb === 'restart') && c.flags.foreignVms) {
    await c.sim.clock.sleep(20_000); // the node waits 10 × 2 s for foreign domains to disappear
    return fail3(`${verb} task failed, please try again in a minute`);
  }
  const taken = verb === 'start' || verb === 'restart' ? await takenSshPort(c) : undefined;
  const t = actionable(c);
  if (!t) return fail1('task not exist');
  if (verb === 'start' || verb === 'restart') {
    // TaskManager::startTask/restartTask: check_resource (with the order rebind) before the state check.
    rebindRentOrder(c, t);
    const err = resourceError(c.node, t, taken !== undefined);
    if (err === 'check ssh_port failed' && taken) {
      c.sim.log(`${verb} ${t.taskId}: refused, ssh_port ${t.sshPort} is in use on this host (${taken})`);
    }
    if (err) return fail1(err);
  }
  if (!action.allowed.includes(t.vm)) return fail1(`task is ${VM_NAMES[t.vm]}`);
  const durationMs = duration(verb, t, c.forceReboot ?? false);
  const force = verb === 'restart' && (c.forceReboot ?? false);
  c.sim.lifecycle.begin(c.node, t, verb, { fail: c.flags.vmError, force, ...(durationMs ? { durationMs } : {}) });
  return ok();
}

/** Waking a sleeping guest is quick; a forced reboot destroys, waits 3 s, then starts. */
function duration(verb: TransitionKind, t: Task, forced: boolean): number | undefined {
  if (verb === 'start' && t.vm === 'pmsuspended') return WAKE_MS;
  if (verb === 'restart' && forced) return DURATIONS_MS.restart + FORCED_REBOOT_EXTRA_MS;
  return undefined;
}

/** TaskManager::deleteTask: any state, as long as the domain exists (after `create error` it usually does). */
export function deleteTask(c: AuthedCall): GpuDoc {
  const t = actionable(c);
  if (!t) return fail1('task not exist');
  c.sim.lifecycle.begin(c.node, t, 'delete', { fail: c.flags.vmError });
  return ok();
}
