// The task state machine (dbc-protocol.md §9): transitional statuses that complete after a
// simulated duration, scaled by the clock's speed. One pending transition per task; a new
// action replaces it.
import type { Clock, TimerId } from '../clock';
import type { NodeState, SimState, Task, TransitionKind } from '../state';
import { isRenting, rentedGpuIndexes } from '../rent';
import { appendLog, settleTrickle } from './logs';
import { freeGpuIndexes } from './resources';
import { isValidNetworkFilter } from './netcheck';

/** Simulated durations at speed 1 (a real create takes 5–15 minutes). */
export const DURATIONS_MS: Record<TransitionKind, number> = {
  create: 360_000, start: 20_000, stop: 5_000, shutdown: 10_000, restart: 30_000, reset: 15_000, delete: 10_000,
};
export const WAKE_MS = 2_000;
export const FORCED_REBOOT_EXTRA_MS = 3_000;

const BUSY: Record<TransitionKind, string> = {
  create: 'creating', start: 'starting', stop: 'being poweroff', shutdown: 'being shutdown',
  restart: 'restarting', reset: 'resetting', delete: 'deleting',
};
const FAILED: Record<TransitionKind, string> = {
  create: 'create error', start: 'start error', stop: 'poweroff error', shutdown: 'shutdown error',
  restart: 'restart error', reset: 'reset error', delete: 'delete error',
};

export interface LifecycleDeps {
  clock: Clock;
  /** Opens or closes the VM's SSH endpoint to match its state. */
  syncSsh(task: Task): void;
  changed(): void;
}

export interface BeginOptions { fail?: boolean; durationMs?: number }

export class Lifecycle {
  private readonly timers = new Map<Task, TimerId[]>();

  constructor(private readonly deps: LifecycleDeps) {}

  begin(node: NodeState, task: Task, kind: TransitionKind, opts: BeginOptions = {}): void {
    const now = this.deps.clock.now();
    this.cancel(task);
    settleTrickle(task, now);
    const duration = opts.durationMs ?? DURATIONS_MS[kind];
    task.transition = { kind, dueAt: now + duration, fail: opts.fail ?? false };
    task.status = BUSY[kind];
    if (kind === 'create') task.vm = 'undefined';
    appendLog(task, now, `${kind} task ${task.taskId} begin`);
    this.schedule(node, task);
    this.touch(task);
  }

  /** Re-arms timers after a restart of the simulator, and starts scenario tasks that are `creating`. */
  resumeAll(state: SimState): void {
    for (const node of state.nodes.values()) {
      for (const task of node.tasks.values()) {
        if (task.transition) this.schedule(node, task);
        else if (task.status === 'creating') this.begin(node, task, 'create');
        task.trickleAt = Math.max(task.trickleAt, this.deps.clock.now() - 60_000);
        this.deps.syncSsh(task);
      }
    }
  }

  cancel(task: Task): void {
    for (const id of this.timers.get(task) ?? []) this.deps.clock.clearTimer(id);
    this.timers.delete(task);
    delete task.transition;
  }

  /** Re-syncs the SSH endpoint after a change outside the state machine (e.g. a new ssh port). */
  refresh(task: Task): void {
    this.touch(task);
  }

  /** The guest goes to sleep (admin API); `start` wakes it. */
  suspend(task: Task): void {
    const now = this.deps.clock.now();
    settleTrickle(task, now);
    task.vm = 'pmsuspended';
    task.status = 'pmsuspend';
    appendLog(task, now, `domain ${task.taskId} entered pmsuspended`);
    this.touch(task);
  }

  /** The rent ended or the machine left Rented: running VMs of renters no longer renting are powered off. */
  enforceRent(node: NodeState): void {
    const rented = ['rented', 'creating'].includes(node.status);
    for (const task of node.tasks.values()) {
      const alive = task.vm === 'running' || task.vm === 'pmsuspended' || ['starting', 'restarting'].includes(task.status);
      if (!alive) continue;
      if (rented && isRenting(node, task.rentOrder, task.owner)) continue;
      this.destroy(task, `rent of ${task.owner} is no longer valid: domain ${task.taskId} powered off`);
    }
  }

  /** The node destroys the domain at once (TaskManager close_task): no transition, the VM is off. */
  destroy(task: Task, line: string): void {
    this.cancel(task);
    settleTrickle(task, this.deps.clock.now());
    task.vm = 'shut_off';
    task.status = 'closed';
    appendLog(task, this.deps.clock.now(), line);
    this.touch(task);
  }

  /** The node deletes the VM at once (TaskManager delete_task): domain, disks and record. */
  deleteNow(node: NodeState, task: Task): void {
    this.cancel(task);
    node.tasks.delete(task.taskId);
    task.vm = 'undefined';
    task.status = 'deleted';
    this.touch(task);
  }

  private schedule(node: NodeState, task: Task): void {
    const tr = task.transition;
    if (!tr) return;
    const clock = this.deps.clock;
    const ids = [clock.setTimer(tr.dueAt - clock.now(), () => this.complete(node, task))];
    // Halfway through a create the domain is defined and booting; before that actions say `task not exist`.
    const defineAt = tr.dueAt - DURATIONS_MS.create / 2;
    if (tr.kind === 'create' && task.vm === 'undefined') {
      ids.push(clock.setTimer(defineAt - clock.now(), () => this.defineDomain(task)));
    }
    this.timers.set(task, ids);
  }

  private defineDomain(task: Task): void {
    if (task.transition?.kind !== 'create') return;
    task.vm = 'running';
    appendLog(task, this.deps.clock.now(), `domain ${task.taskId} defined and started, waiting for ip`);
    this.touch(task);
  }

  private complete(node: NodeState, task: Task): void {
    const tr = task.transition;
    if (!tr) return;
    this.timers.delete(task);
    delete task.transition;
    const now = this.deps.clock.now();
    const fail = tr.fail || (tr.kind === 'create' && !task.networkFilters.every(isValidNetworkFilter));
    if (fail) this.failed(task, tr.kind);
    else this.succeeded(node, task, tr.kind);
    if (node.tasks.has(task.taskId)) appendLog(task, now, `${tr.kind} task ${task.taskId} ${fail ? 'failed' : 'success'}`);
    task.trickleAt = now;
    this.touch(task);
  }

  private failed(task: Task, kind: TransitionKind): void {
    task.status = FAILED[kind];
    if (kind === 'create') task.vm = 'undefined';
    if (kind === 'start' || kind === 'restart') task.vm = 'shut_off';
  }

  private succeeded(node: NodeState, task: Task, kind: TransitionKind): void {
    switch (kind) {
      case 'create':
      case 'reset':
        return this.running(task);
      case 'start':
      case 'restart':
        applyPending(node, task);
        return this.running(task);
      case 'stop':
      case 'shutdown':
        task.vm = 'shut_off';
        task.status = 'closed';
        return;
      case 'delete':
        node.tasks.delete(task.taskId);
        task.vm = 'undefined';
        task.status = 'deleted';
        return;
    }
  }

  private running(task: Task): void {
    task.vm = 'running';
    task.status = 'running';
  }

  private touch(task: Task): void {
    this.deps.syncSsh(task);
    this.deps.changed();
  }
}

/** Modify's CPU, GPU, memory and VNC changes are written to the domain and take effect at boot. */
function applyPending(node: NodeState, task: Task): void {
  const p = task.pending;
  if (p.gpuCount !== undefined) {
    const free = freeGpuIndexes(node, rentedGpuIndexes(node, task.rentOrder, task.owner), task);
    task.gpuIndexes = free.slice(0, p.gpuCount);
    task.gpuCount = task.gpuIndexes.length;
  }
  if (p.cpuCores !== undefined) task.cpuCores = p.cpuCores;
  if (p.memGb !== undefined) task.memGb = p.memGb;
  if (p.vncPort !== undefined) task.vncPort = p.vncPort;
  task.pending = {};
}
