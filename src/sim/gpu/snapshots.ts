// S1–S4: list, info, create and delete snapshots (dbc-protocol.md §7 S1–S4).
import { formatDate, str } from '../format';
import type { Snapshot } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { DISK_MS } from './lifecycle';

function view(s: Snapshot): Record<string, string> {
  return { snapshot_name: s.name, description: s.description, snapshot_file: s.file, create_time: formatDate(s.createTime), status: s.status };
}

/** S1 (and S2 when a name is given). An unknown task id lists nothing, without an error. */
export function listSnapshots(c: AuthedCall): GpuDoc {
  const snaps = c.node.tasks.get(c.match.taskId)?.snapshots ?? [];
  if (c.match.id === 'S1') return ok(snaps.map(view));
  const one = snaps.find((s) => s.name === c.match.snapshotName);
  return one ? ok(view(one)) : fail1('snapshot_name not exist');
}

/**
 * S3 (node_request_service.cpp `snapshot_create`, TaskDiskManager.cpp `createAndUploadSnapshot`):
 * only `snapshot_name` and `desc` are read, and it is always vda that is snapshotted; the VM must be
 * shut off. The task worker converts the disk, then the upload runs in the background.
 */
export function createSnapshot(c: AuthedCall): GpuDoc {
  const name = str(c.env.additional, 'snapshot_name');
  if (name === '') return fail3("'snapshot_name' is empty");
  const desc = str(c.env.additional, 'desc');
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.disks.length === 0) return fail1('task have no disk');
  if (!task.disks.some((d) => d.name === 'vda')) return fail1("task have no disk:'vda'");
  if (task.vm !== 'shut_off') return fail1('please close task first and try again');
  c.sim.snapshots.create(task, name, desc, str(c.env.additional, 'image_server'));
  c.sim.lifecycle.enqueue(c.node, { kind: 'snapshot', taskId: task.taskId, fail: false, durationMs: DISK_MS.snapshot, snapshot: name });
  return ok();
}

/** S4: aborts the upload and removes the entry. */
export function deleteSnapshot(c: AuthedCall): GpuDoc {
  const name = c.match.snapshotName;
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || !c.sim.snapshots.remove(task, name)) return fail1(`${name} not exist`);
  return ok();
}
