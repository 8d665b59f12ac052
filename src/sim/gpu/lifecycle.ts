// The GPU node's task worker (TaskManager.cpp `pushTaskEvent`, `process_task_thread_func`,
// `process_*_task`; TaskDiskManager.cpp `process_*_disk`, `process_create_snapshot`). A request sets
// the VM's transitional status at once and queues an event; ONE worker per node runs the events in
// order, each for a simulated duration. So a create, which defines and starts its domain at once and
// then waits minutes for the VM's IP, holds every later start, stop or disk operation of the node.
import { randomInt } from 'node:crypto';
import type { Clock, TimerId } from '../clock';
import { isRenting } from '../rent';
import type { Disk, EventKind, NodeState, SimState, Task, TaskEvent, TransitionKind } from '../state';
import { SITES } from './logSites';
import { taskLog } from './logs';
import { isValidNetworkFilter } from './netcheck';
import { time2str } from '../taskFactory';
import { addDiskLine, createDomainLines, createdLines, diskFile, resizedLine, resizeLine } from './workerLines';

/** Simulated durations at speed 1 (a real create takes 5–15 minutes, most of it waiting for the VM's IP). */
export const DURATIONS_MS: Record<TransitionKind, number> = {
  create: 360_000, start: 20_000, stop: 5_000, shutdown: 10_000, restart: 30_000, reset: 15_000, delete: 10_000,
};
export const WAKE_MS = 2_000;
export const FORCED_REBOOT_EXTRA_MS = 3_000;
/** qemu-img resize / create and attach, detach; the snapshot's qemu-img convert. */
export const DISK_MS = { resizeDisk: 5_000, addDisk: 5_000, deleteDisk: 3_000, snapshot: 60_000 } as const;

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
  /** A snapshot's qemu-img convert is done: its upload begins (outside the worker). */
  snapshotConverted?(task: Task, name: string, at: number): void;
  /** The VM is gone: its snapshots go, it leaves its LAN. */
  deleted?(task: Task): void;
}

export interface BeginOptions { fail?: boolean; durationMs?: number; force?: boolean }

export class Lifecycle {
  private readonly timers = new Map<NodeState, TimerId>();

  constructor(private readonly deps: LifecycleDeps) {}

  /** A VM operation: its transitional status now, its work when the worker reaches it. */
  begin(node: NodeState, task: Task, kind: TransitionKind, opts: BeginOptions = {}): void {
    task.status = BUSY[kind];
    const eventKind: EventKind = kind === 'restart' && opts.force ? 'forceReboot' : kind;
    this.enqueue(node, { kind: eventKind, taskId: task.taskId, fail: opts.fail ?? false, durationMs: opts.durationMs ?? DURATIONS_MS[kind] });
    this.touch(task);
  }

  /** A disk or snapshot operation: the status does not change; the result shows in the log. */
  enqueue(node: NodeState, event: TaskEvent): void {
    node.queue.push({ ...event, startedAt: undefined });
    if (node.queue.length === 1) this.startHead(node);
    this.deps.changed();
  }

  /** Re-arms the workers after a restart of the simulator; scenario tasks that are `creating` get their create. */
  resumeAll(state: SimState): void {
    for (const node of state.nodes.values()) {
      for (const task of node.tasks.values()) {
        const queued = node.queue.some((e) => e.taskId === task.taskId);
        if (task.status === 'creating' && !queued) node.queue.push({ kind: 'create', taskId: task.taskId, fail: false, durationMs: DURATIONS_MS.create });
        this.deps.syncSsh(task);
      }
      if (node.queue.length > 0) this.resumeHead(node);
    }
  }

  /** Whether an event of this task is queued or running. */
  busy(node: NodeState, taskId: string): boolean {
    return node.queue.some((e) => e.taskId === taskId);
  }

  /** Re-syncs the SSH endpoint after a change outside the worker (e.g. a new ssh port). */
  refresh(task: Task): void {
    this.touch(task);
  }

  /** The guest goes to sleep (admin API); `start` wakes it. */
  suspend(task: Task): void {
    task.vm = 'pmsuspended';
    task.status = 'pmsuspend';
    this.touch(task);
  }

  /**
   * The rent ended or the machine left Rented: `close_task` destroys the running domains of renters
   * no longer renting at once (outside the worker).
   */
  enforceRent(node: NodeState): void {
    const rented = ['rented', 'creating'].includes(node.status);
    for (const task of node.tasks.values()) {
      if (task.vm === 'undefined' || task.vm === 'shut_off') continue;
      if (rented && isRenting(node, task.rentOrder, task.owner)) continue;
      this.destroy(task, 'close task successful');
    }
  }

  /** `close_task`: the node destroys the domain at once, outside the worker; the VM is off. */
  destroy(task: Task, line: string): void {
    task.vm = 'shut_off';
    task.status = 'closed';
    taskLog(task, this.deps.clock.now(), SITES.closeOk, line);
    this.touch(task);
  }

  /** `delete_task` from the prune thread: at once, outside the worker (its queued events then end at once). */
  deleteNow(node: NodeState, task: Task): void {
    node.tasks.delete(task.taskId);
    task.vm = 'undefined';
    task.status = 'deleted';
    this.deps.deleted?.(task);
    this.touch(task);
  }

  /**
   * Begins the head event at `at` (now, or the moment the previous one ended: a jump of the clock
   * over several events keeps their real order and timing).
   */
  private startHead(node: NodeState, at = this.deps.clock.now()): void {
    const event = node.queue[0];
    if (!event) return;
    event.startedAt = at;
    const task = node.tasks.get(event.taskId);
    // process_*: `getTaskInfo(task_id); if (taskinfo == nullptr) return;` — a deleted VM's events end at once.
    const runs = task !== undefined && this.onStart(node, task, event, at);
    if (!runs) event.ended = true;
    this.arm(node, at + (runs ? event.durationMs : 0));
    this.deps.changed();
  }

  private resumeHead(node: NodeState): void {
    const event = node.queue[0]!;
    if (event.startedAt === undefined) return this.startHead(node);
    this.arm(node, event.startedAt + event.durationMs);
  }

  private arm(node: NodeState, dueAt: number): void {
    this.timers.set(node, this.deps.clock.setTimer(dueAt - this.deps.clock.now(), () => this.finishHead(node, dueAt)));
  }

  private finishHead(node: NodeState, dueAt: number): void {
    this.timers.delete(node);
    const event = node.queue.shift();
    const task = event && node.tasks.get(event.taskId);
    if (event && task && !event.ended) this.onComplete(node, task, event, dueAt);
    if (task) this.touch(task);
    this.deps.changed();
    this.startHead(node, dueAt);
  }

  /** Work done when the worker picks the event up; false when it ends at once. */
  private onStart(node: NodeState, task: Task, event: TaskEvent, now: number): boolean {
    switch (event.kind) {
      case 'create':
        if (!task.networkFilters.every(isValidNetworkFilter)) {
          if (task.status === 'creating') task.status = FAILED.create;
          taskLog(task, now, SITES.createNwfilterFailed, 'create network filter failed', 'error');
          return false; // no domain: delete then answers `task not exist`
        }
        for (const [site, text] of createDomainLines(task, node, node.dataFiles.some((f) => diskFile(task, 'vdb') === `/data/${f}`))) {
          taskLog(task, now, site, text);
        }
        task.vm = 'running'; // CreateDomain: virDomainDefineXML + virDomainCreate, before the IP wait
        this.touch(task);
        return true;
      case 'resizeDisk':
        taskLog(task, now, SITES.resizeCmd, resizeLine(task, event));
        return true;
      case 'addDisk':
        event.file = `${event.mountDir ?? '/data'}/data_${randomInt(100_000)}_${time2str(now)}.qcow2`;
        taskLog(task, now, SITES.addDisk, addDiskLine(event));
        return true;
      case 'snapshot':
        taskLog(task, now, SITES.snapshotCmd, `create snapshot cmd:qemu-img convert -f qcow2 -O qcow2 -B /data/${task.imageName} ` +
          `${diskFile(task, 'vda')} ${task.snapshots.find((s) => s.name === event.snapshot)?.file ?? ''}`);
        return true;
      default:
        return true;
    }
  }

  private onComplete(node: NodeState, task: Task, event: TaskEvent, now: number): void {
    switch (event.kind) {
      case 'create': return this.created(node, task, event, now);
      case 'start': return this.powered(task, event, now, 'start');
      case 'restart': return this.powered(task, event, now, 'restart');
      case 'forceReboot': return this.powered(task, event, now, 'restart', true);
      case 'reset': return this.powered(task, event, now, 'reset');
      case 'stop': return this.stopped(task, event, now, 'stop');
      case 'shutdown': return this.stopped(task, event, now, 'shutdown');
      case 'delete': return this.deleted(node, task, now);
      case 'resizeDisk': return this.resized(task, event, now);
      case 'addDisk': return this.added(task, event, now);
      case 'deleteDisk': return this.detached(task, event, now);
      case 'snapshot': return this.deps.snapshotConverted?.(task, event.snapshot ?? '', now);
    }
  }

  /** After the IP wait: iptables, password, `create task successful`; or the domain is destroyed. */
  private created(node: NodeState, task: Task, event: TaskEvent, now: number): void {
    if (event.fail) {
      task.vm = 'shut_off';
      if (task.status === 'creating') task.status = FAILED.create;
      taskLog(task, now, SITES.createLocalIpFailed, 'get domain local ip failed', 'error');
      taskLog(task, now, SITES.createFailed, 'create task failed', 'error');
      return;
    }
    if (task.status === 'creating') task.status = 'running';
    for (const [site, text] of createdLines(task, node.ip)) taskLog(task, now, site, text);
  }

  private powered(task: Task, event: TaskEvent, now: number, kind: 'start' | 'restart' | 'reset', forced = false): void {
    const [ok, failed] = kind === 'start' ? [SITES.startOk, SITES.startFailed]
      : kind === 'reset' ? [SITES.resetOk, SITES.resetFailed]
        : forced ? [SITES.forceRebootOk, SITES.forceRebootFailed] : [SITES.restartOk, SITES.restartFailed];
    if (event.fail || (kind === 'reset' && task.vm !== 'running')) {
      if (task.status === BUSY[kind]) task.status = FAILED[kind];
      if (kind !== 'reset') task.vm = 'shut_off';
      taskLog(task, now, failed, `${kind} task failed`, 'error');
      return;
    }
    task.vm = 'running';
    if (task.status === BUSY[kind]) task.status = 'running';
    taskLog(task, now, ok, `${kind} task successful`);
  }

  private stopped(task: Task, event: TaskEvent, now: number, kind: 'stop' | 'shutdown'): void {
    const [ok, failed, word] = kind === 'stop' ? [SITES.poweroffOk, SITES.poweroffFailed, 'poweroff'] : [SITES.shutdownOk, SITES.shutdownFailed, 'shutdown'];
    if (event.fail || task.vm === 'shut_off') { // virDomainDestroy of an inactive domain fails
      if (task.status === BUSY[kind]) task.status = FAILED[kind];
      taskLog(task, now, failed, `${word} task failed`, 'error');
      return;
    }
    task.vm = 'shut_off';
    if (task.status === BUSY[kind]) task.status = 'closed';
    taskLog(task, now, ok, `${word} task successful`);
  }

  private deleted(node: NodeState, task: Task, now: number): void {
    for (const d of task.disks) taskLog(task, now, SITES.removeDiskFile, `remove disk file: ${d.file}`);
    taskLog(task, now, SITES.deleteOk, 'delete task successful');
    node.tasks.delete(task.taskId);
    task.vm = 'undefined';
    task.status = 'deleted';
    this.deps.deleted?.(task);
  }

  private resized(task: Task, event: TaskEvent, now: number): void {
    const disk = task.disks.find((d) => d.name === event.disk);
    if (!disk) return taskLog(task, now, SITES.resizeResult, `task have no disk:${event.disk ?? ''}`, 'error');
    disk.sizeGb += event.sizeGb ?? 0;
    taskLog(task, now, SITES.resizeResult, resizedLine(disk));
  }

  private added(task: Task, event: TaskEvent, now: number): void {
    if (event.fail) return taskLog(task, now, SITES.addDiskFailed, 'vm attach disk failed:virDomainAttachDeviceFlags error', 'error');
    const last = task.disks[task.disks.length - 1];
    const name = `vd${String.fromCharCode((last?.name.charCodeAt(last.name.length - 1) ?? 'a'.charCodeAt(0)) + 1)}`;
    const disk: Disk = { name, file: event.file ?? '', sizeGb: event.sizeGb ?? 0 };
    task.disks.push(disk);
    task.disks.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private detached(task: Task, event: TaskEvent, now: number): void {
    if (event.fail) return taskLog(task, now, SITES.deleteDiskFailed, 'detach disk failed:virDomainDetachDeviceFlags error', 'error');
    task.disks = task.disks.filter((d) => d.name !== event.disk);
  }

  private touch(task: Task): void {
    this.deps.syncSsh(task);
    this.deps.changed();
  }
}
