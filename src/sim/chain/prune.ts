// The GPU node's prune thread (TaskManager.cpp prune_task_thread_func), every 900 s by default
// (`check_vm_expiration_timer_frequency`): a VM past its rent's end is shut off, and deleted once
// the chain is 3 days of blocks past it (a whole-machine rental: 10 days, once someone else holds
// the machine). The node's log lines go to the VM's operation log and the simulator's log.
import type { SimContext } from '../context';
import { machineClass } from '../gpu/authority';
import { SITES } from '../gpu/logSites';
import { taskLog, type LogSite } from '../gpu/logs';
import { fetchPendingOrder, isWholeMachineRecord, rentEnd } from '../rent';
import type { NodeState, Task } from '../state';
import { CHAIN_DEFAULT_ACCOUNT, chainOrders, chainWholeRental, currentBlock } from './chainView';

/** The node's default `check_vm_expiration_timer_frequency` (simulated ms). */
export const PRUNE_INTERVAL_MS = 900_000;
const BLOCKS_PER_DAY = 600 * 24;
const ORDER_KEEP_BLOCKS = BLOCKS_PER_DAY * 3;
const WALLET_KEEP_BLOCKS = BLOCKS_PER_DAY * 10;

export interface PruneReport {
  block: number;
  /** VMs the cycle shut off (they were running). */
  shutOff: string[];
  deleted: string[];
}

/** The thread: a cycle every `intervalMs` of simulated time, the first one interval after start. */
export function startPruneThread(sim: SimContext, intervalMs = PRUNE_INTERVAL_MS): void {
  const tick = (): void => {
    pruneOnce(sim);
    sim.clock.setTimer(intervalMs, tick);
  };
  sim.clock.setTimer(intervalMs, tick);
}

/** One cycle of the node's expiry rules over every GPU node. */
export function pruneOnce(sim: SimContext): PruneReport {
  const report: PruneReport = { block: currentBlock(sim), shutOff: [], deleted: [] };
  let fetched = false;
  for (const node of sim.state.nodes.values()) {
    const status = MACHINE_STATUS[machineClass(node.status)];
    if (status === 0) continue; // Unknown: the node skips the cycle
    // `getRentOrderList` → `UpdateRentOrder` for each: the chain's orders of the machine enter the cache.
    for (const order of chainOrders(node, report.block)) fetched = fetchPendingOrder(node, order.id, () => true) || fetched;
    if (status !== 2 && status !== 3) continue; // Verify closes VMs for its own reason
    for (const task of [...node.tasks.values()]) {
      if (task.rentOrder) pruneOrderTask(sim, node, task, status, report);
      else pruneWalletTask(sim, node, task, status, report);
    }
  }
  if (fetched || report.shutOff.length || report.deleted.length) sim.changed();
  return report;
}

/** `enum class MACHINE_STATUS { Unknown, Verify, Online, Rented }` (common/def.h). */
const MACHINE_STATUS = { unknown: 0, verify: 1, online: 2, rented: 3 } as const;

/** A VM of a per-GPU order: past the order's end shut off (every cycle), past end + 3 days deleted. */
function pruneOrderTask(sim: SimContext, node: NodeState, task: Task, status: number, report: PruneReport): void {
  const end = rentEnd(node, task.rentOrder, task.owner);
  if (end <= 0) return;
  const line = `stop task and machine status:${status}, order id:${task.rentOrder}, cur block:${report.block}, task rent end:${end}`;
  if (report.block > end + ORDER_KEEP_BLOCKS) return remove(sim, node, task, SITES.pruneOrderDelete, line, report);
  if (report.block > end) close(sim, task, SITES.pruneOrderStop, line, report);
}

/**
 * A VM without an order on a machine rented as a whole (the chain of the node's whole-machine form):
 * once the machine's renter is someone else (after the end: the chain's default account) it is shut
 * off and its public IP recycled; 10 days of blocks after its renter's end it is deleted.
 */
function pruneWalletTask(sim: SimContext, node: NodeState, task: Task, status: number, report: PruneReport): void {
  if (!node.rentOrders.some(isWholeMachineRecord)) return; // the current chain refuses the whole-machine form: cur_renter stays empty
  const current = chainWholeRental(node, report.block);
  const renter = current?.renter ?? CHAIN_DEFAULT_ACCOUNT;
  if (task.owner === renter) return;
  if (task.vm !== 'shut_off') {
    close(sim, task, SITES.pruneWalletStop, `stop task and machine status: ${status}, cur_renter:${renter}, cur_rent_end:${current?.rentEnd ?? 0}, cur_wallet:${task.owner}`, report);
  }
  if (task.publicIp) {
    log(sim, task, SITES.recyclePublicIp, `Recycle the public IP address: ${task.publicIp}`);
    task.publicIp = '';
  }
  const end = rentEnd(node, '', task.owner);
  if (end > 0 && end + WALLET_KEEP_BLOCKS < report.block) {
    remove(sim, node, task, SITES.pruneWalletDelete, `delete task and machine status: ${status} ,task rent end: ${end} ,current block:${report.block}`, report);
  }
}

/** close_task: destroys a domain that is not already off, then the caller's line (logged every cycle). */
function close(sim: SimContext, task: Task, site: LogSite, line: string, report: PruneReport): void {
  if (task.vm !== 'shut_off') {
    sim.lifecycle.destroy(task, 'close task successful');
    report.shutOff.push(task.taskId);
  }
  log(sim, task, site, line);
}

function remove(sim: SimContext, node: NodeState, task: Task, site: LogSite, line: string, report: PruneReport): void {
  sim.snapshots.forget(task);
  sim.lifecycle.deleteNow(node, task);
  log(sim, task, SITES.deleteOk, 'delete task successful');
  log(sim, task, site, line);
  report.deleted.push(task.taskId);
}

function log(sim: SimContext, task: Task, site: LogSite, line: string): void {
  taskLog(task, sim.clock.now(), site, line);
  sim.log(`prune: task ${task.taskId}: ${line}`);
}
