// Run-time control of the simulator, in process (the `admin` object of startSimulator) and over
// HTTP under /__sim/ (http/adminRoutes.ts). Not part of the DBC API.
import { setCurrentBlock } from './chain/chainView';
import { pruneOnce, type PruneReport } from './chain/prune';
import type { SimContext } from './context';
import type { CounterSnapshot } from './counters';
import { parseFaultValue, type Fault } from './faults';
import { appendRawLines } from './gpu/logs';
import { BLOCKS_PER_DAY, blockAt, DEFAULT_RENT_DAYS, isOrderId, isWholeMachineRecord, putRecord, type RentOrder, type RentStatus } from './rent';
import { findTask, type NodeState } from './state';
import { stateView } from './view';

export interface NodePatch {
  status?: string;
  /** The whole-machine renter (its record is keyed by this wallet). */
  renter?: string;
  rent_status?: RentStatus;
  /** Block at which the whole-machine rental ends. */
  rent_end?: number;
  broadcasting?: boolean;
}

/** A rent record as the admin API and `POST /api/v1/rent_orders` spell it. */
export interface RentOrderPatch {
  id: string;
  renter?: string;
  rent_status?: RentStatus;
  gpu_index?: number[];
  rent_end?: number;
}

export class Admin {
  constructor(private readonly sim: SimContext, private readonly flush: () => void) {}

  state(): Record<string, unknown> {
    return stateView(this.sim);
  }

  counters(): CounterSnapshot {
    return this.sim.counters.snapshot();
  }

  resetCounters(): CounterSnapshot {
    this.sim.counters.reset();
    return this.sim.counters.snapshot();
  }

  setSpeed(speed: number): number {
    this.sim.clock.setSpeed(speed);
    return this.sim.clock.speed();
  }

  /** Jumps simulated time forward; every transition that falls due completes. */
  advance(ms: number): void {
    this.sim.clock.advance(ms);
  }

  faults(): Fault[] {
    return this.sim.faults.list();
  }

  /** Adds a fault given as an object or in the CLI syntax `ROUTE=KIND[,count=N][,node=ID][,ms=N]`. */
  addFault(spec: unknown): Fault {
    return this.sim.faults.add(parseFaultValue(spec));
  }

  clearFaults(filter: { id?: number; kind?: string } = {}): number {
    return this.sim.faults.clear(filter);
  }

  /** Appends raw lines to a task's operation log; false when no such task exists. */
  appendLog(taskId: string, lines: string[]): boolean {
    const found = findTask(this.sim.state, taskId);
    if (!found) return false;
    appendRawLines(found.task, lines);
    this.sim.changed();
    return true;
  }

  /** The guest goes to sleep (status `pmsuspend`); T4 start wakes it. */
  suspend(taskId: string): 'ok' | 'not found' | 'not running' {
    const found = findTask(this.sim.state, taskId);
    if (!found) return 'not found';
    if (found.task.vm !== 'running' || found.task.status !== 'running') return 'not running';
    this.sim.lifecycle.suspend(found.task);
    return 'ok';
  }

  /** Changes the chain's view of a machine; VMs of renters no longer renting are powered off. */
  updateNode(nodeId: string, patch: NodePatch): boolean {
    const node = this.sim.state.nodes.get(nodeId);
    if (!node) return false;
    if (patch.status !== undefined) node.status = patch.status;
    if (patch.broadcasting !== undefined) node.broadcasting = patch.broadcasting;
    if (patch.renter !== undefined || patch.rent_status !== undefined || patch.rent_end !== undefined) patchWholeRecord(node, patch, this.block());
    this.sim.lifecycle.enforceRent(node);
    this.sim.changed();
    return true;
  }

  /**
   * Changes what runs inside a VM (see ssh/guest/guestConfig.ts; a null value drops a setting) and
   * returns the settings with what nvidia-smi shows now; undefined when no such task exists.
   */
  guest(taskId: string, patch: Record<string, unknown>): Record<string, unknown> | undefined {
    if (!findTask(this.sim.state, taskId)) return undefined;
    const settings = this.sim.guest.configure(taskId, patch);
    const world = this.sim.guest.world(taskId);
    return {
      task_id: taskId, settings, nvidia_smi: this.sim.guest.nvidiaSmiState(taskId), http_ports: this.sim.guest.httpPorts(taskId),
      gpus: world.gpus.map((g) => ({ index: g.index, uuid: g.uuid, name: g.name, utilization: g.utilization, memory_used_mib: g.memoryUsed,
        memory_total_mib: g.memoryTotal, temperature_c: g.temperature, power_w: g.powerDraw })),
      processes: world.processes.map((p) => ({ gpu_uuid: p.gpuUuid, pid: p.pid, name: p.name, used_memory_mib: p.usedMemory })),
    };
  }

  /**
   * Adds or changes a per-GPU order (by its decimal id) on the chain. A new order reaches the node's
   * rent cache only when a request names it or at the next prune cycle, as on a real node; a change
   * to a cached one (a renewal, an end) shows in the cache at once, where a real node waits for its
   * next cycle.
   */
  putRentOrder(nodeId: string, patch: RentOrderPatch): RentOrder | undefined {
    const node = this.sim.state.nodes.get(nodeId);
    if (!node) return undefined;
    const id = String(patch.id);
    if (!isOrderId(id)) throw new Error(`rent order id must be a decimal number (got ${JSON.stringify(patch.id)})`);
    const old = node.rentOrders.find((o) => o.id === id);
    const gpuIndexes = patch.gpu_index ?? old?.gpuIndexes ?? [];
    if (gpuIndexes.some((i) => !Number.isInteger(i) || i < 0 || i >= node.gpuCount)) throw new Error(`gpu_index must be GPUs 0..${node.gpuCount - 1}`);
    const renter = patch.renter ?? old?.renter;
    if (!renter) throw new Error('a new rent order needs a renter');
    const record: RentOrder = {
      id, renter, status: patch.rent_status ?? old?.status ?? 'renting', gpuIndexes, gpuNum: gpuIndexes.length,
      rentEnd: patch.rent_end ?? old?.rentEnd ?? this.block() + DEFAULT_RENT_DAYS * BLOCKS_PER_DAY,
      ...(old === undefined || old.pending ? { pending: true } : {}),
    };
    putRecord(node, record);
    this.sim.lifecycle.enforceRent(node);
    this.sim.changed();
    return record;
  }

  /** The chain's current block. */
  block(): number {
    return blockAt(this.sim.state.chain, this.sim.clock.now());
  }

  /** Moves the chain to `block` now; it keeps advancing from there with the clock. */
  setBlock(block: number): number {
    return setCurrentBlock(this.sim, block);
  }

  /** Runs one cycle of the GPU nodes' prune thread now (shut off past the end, delete 3 days later). */
  prune(): PruneReport {
    return pruneOnce(this.sim);
  }

  save(): void {
    this.flush();
  }
}

/** The whole-machine record is keyed by the renter: a new renter replaces it under the new key. */
function patchWholeRecord(node: NodeState, patch: NodePatch, block: number): void {
  const old = node.rentOrders.find(isWholeMachineRecord);
  const renter = patch.renter ?? old?.renter ?? '';
  const all = [...Array(node.gpuCount).keys()];
  const record: RentOrder = {
    id: renter, renter, status: patch.rent_status ?? old?.status ?? 'renting', gpuIndexes: all, gpuNum: node.gpuCount,
    rentEnd: patch.rent_end ?? old?.rentEnd ?? block + DEFAULT_RENT_DAYS * BLOCKS_PER_DAY,
  };
  if (old) node.rentOrders.splice(node.rentOrders.indexOf(old), 1);
  if (renter) node.rentOrders.unshift(record);
}
