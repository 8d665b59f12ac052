// S1–S4: list, info, create and delete snapshots (dbc-protocol.md §7 S1–S4).
import { formatDate, str } from '../format';
import type { Snapshot } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { appendLog } from './logs';

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

/** S3: the VM must be shut off; the work continues in the background. */
export function createSnapshot(c: AuthedCall): GpuDoc {
  const name = str(c.env.additional, 'snapshot_name');
  if (name === '') return fail3("'snapshot_name' is empty");
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  if (task.vm !== 'shut_off') return fail1('please close task first and try again');
  const description = str(c.env.additional, 'desc') || str(c.env.additional, 'description');
  const snap = c.sim.snapshots.create(task, name, description, str(c.env.additional, 'image_server'));
  appendLog(task, c.sim.clock.now(), `create snapshot ${name} of vda: ${snap.file}`);
  return ok();
}

/** S4: aborts the upload and removes the entry. */
export function deleteSnapshot(c: AuthedCall): GpuDoc {
  const name = c.match.snapshotName;
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || !c.sim.snapshots.remove(task, name)) return fail1(`${name} not exist`);
  return ok();
}
