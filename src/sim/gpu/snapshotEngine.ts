// Snapshots of a shut-off VM's system disk: `creating` (qemu-img convert) → `uploading` (to the
// image server) → `none` (done). The uploaded file then appears on the image server.
import type { Clock, TimerId } from '../clock';
import type { SimState, Snapshot, Task } from '../state';
import { replaceImage } from './transfers';

export const SNAPSHOT_CREATING_MS = 60_000;
export const SNAPSHOT_UPLOADING_MS = 120_000;

export interface SnapshotDeps {
  clock: Clock;
  state: SimState;
  changed(): void;
}

export class SnapshotEngine {
  private readonly timers = new Map<Snapshot, TimerId>();

  constructor(private readonly deps: SnapshotDeps) {}

  create(task: Task, name: string, description: string, imageServer: string): Snapshot {
    const now = this.deps.clock.now();
    const snap: Snapshot = {
      name, description, imageServer, createTime: now, status: 'creating',
      file: `/tmp/dbc_snapshots/snap_${name}_${Math.floor(now / 1000)}.qcow2`,
      phaseDue: now + SNAPSHOT_CREATING_MS,
    };
    task.snapshots.push(snap);
    this.schedule(task, snap);
    this.deps.changed();
    return snap;
  }

  /** Aborts the upload and removes the entry; false when there is no snapshot of that name. */
  remove(task: Task, name: string): boolean {
    const snap = task.snapshots.find((s) => s.name === name);
    if (!snap) return false;
    this.cancel(snap);
    task.snapshots.splice(task.snapshots.indexOf(snap), 1);
    this.deps.changed();
    return true;
  }

  /** Drops the timers of a task's snapshots (the task is being deleted). */
  forget(task: Task): void {
    for (const s of task.snapshots) this.cancel(s);
  }

  resumeAll(): void {
    for (const node of this.deps.state.nodes.values()) {
      for (const task of node.tasks.values()) {
        for (const s of task.snapshots) if (s.status !== 'none') this.schedule(task, s);
      }
    }
  }

  private cancel(snap: Snapshot): void {
    const id = this.timers.get(snap);
    if (id !== undefined) this.deps.clock.clearTimer(id);
    this.timers.delete(snap);
  }

  private schedule(task: Task, snap: Snapshot): void {
    const due = (snap.phaseDue ?? this.deps.clock.now()) - this.deps.clock.now();
    this.timers.set(snap, this.deps.clock.setTimer(due, () => this.advance(task, snap)));
  }

  private advance(task: Task, snap: Snapshot): void {
    this.timers.delete(snap);
    if (snap.status === 'creating') {
      snap.status = 'uploading';
      snap.phaseDue = this.deps.clock.now() + SNAPSHOT_UPLOADING_MS;
      this.schedule(task, snap);
    } else {
      snap.status = 'none';
      delete snap.phaseDue;
      const server = this.deps.state.imageServers.find((s) => s.id === snap.imageServer);
      const name = snap.file.slice(snap.file.lastIndexOf('/') + 1);
      if (server) replaceImage(server.images, { name, sizeGb: Math.max(1, Math.round(task.diskGb / 10)), dir: '/data' });
    }
    this.deps.changed();
  }
}
