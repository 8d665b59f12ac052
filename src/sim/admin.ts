// Run-time control of the simulator, in process (the `admin` object of startSimulator) and over
// HTTP under /__sim/ (http/adminRoutes.ts). Not part of the DBC API.
import type { SimContext } from './context';
import type { CounterSnapshot } from './counters';
import { parseFaultValue, type Fault } from './faults';
import { appendRawLines } from './gpu/logs';
import { findTask, type RentStatus } from './state';
import { stateView } from './view';

export interface NodePatch {
  status?: string;
  renter?: string;
  rent_status?: RentStatus;
  broadcasting?: boolean;
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
    if (patch.renter !== undefined || patch.rent_status !== undefined) {
      let order = node.rentOrders.find((o) => o.id === '');
      if (!order) {
        order = { id: '', renter: '', status: 'renting', gpuIndexes: [...Array(node.gpuCount).keys()] };
        node.rentOrders.unshift(order);
      }
      if (patch.renter !== undefined) order.renter = patch.renter;
      if (patch.rent_status !== undefined) order.status = patch.rent_status;
    }
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

  save(): void {
    this.flush();
  }
}
