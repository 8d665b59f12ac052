// Snapshots of a shut-off VM's system disk (TaskDiskManager.cpp): `creating` while the task worker
// runs qemu-img convert of vda (a worker event, see lifecycle.ts) → `uploading` to the image server
// (ImageManager, outside the worker) → `none` (done). The uploaded file then appears on the server.
import type { Clock, TimerId } from '../clock';
import { randomInt } from 'node:crypto';
import type { SimState, Snapshot, Task } from '../state';
import { time2str } from '../taskFactory';
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

  /** The snapshot entry, `creating` until the worker has converted vda (see `converted`). */
  create(task: Task, name: string, description: string, imageServer: string): Snapshot {
    const now = this.deps.clock.now();
    const snap: Snapshot = {
      name, description, imageServer, createTime: now, status: 'creating',
      file: `/tmp/dbc_snapshots/snap_${randomInt(100_000)}_${time2str(now)}_vda.qcow2`,
    };
    task.snapshots.push(snap);
    this.deps.changed();
    return snap;
  }

  /** The worker's qemu-img convert is done: the upload to the image server begins. */
  converted(task: Task, name: string, at = this.deps.clock.now()): void {
    const snap = task.snapshots.find((s) => s.name === name && s.status === 'creating');
    if (!snap) return;
    snap.status = 'uploading';
    snap.phaseDue = at + SNAPSHOT_UPLOADING_MS;
    this.schedule(task, snap);
    this.deps.changed();
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
        for (const s of task.snapshots) if (s.status === 'uploading') this.schedule(task, s);
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
    snap.status = 'none';
    delete snap.phaseDue;
    const server = this.deps.state.imageServers.find((s) => s.id === snap.imageServer);
    const name = snap.file.slice(snap.file.lastIndexOf('/') + 1);
    const vdaGb = task.disks.find((d) => d.name === 'vda')?.sizeGb ?? 0;
    if (server) replaceImage(server.images, { name, sizeGb: Math.max(1, Math.round(vdaGb / 35)), dir: '/data' });
    this.deps.changed();
  }
}
