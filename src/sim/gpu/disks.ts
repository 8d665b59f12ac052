// D1–D4 `POST /api/v1/disk/{list|resize|add|delete}/<task_id>` on the GPU node
// (node_request_service.cpp `do_list_disk`, `do_resize_disk`, `do_add_disk`, `do_delete_disk`;
// TaskDiskManager.cpp `resizeDisk`, `addNewDisk`, `deleteDisk`). Renters only. Pre-checks answer -3;
// the disk manager's refusals answer errcode 1; `ok` only means the task worker queued the work, whose
// result shows in the VM's log (and in the disk list once done).
import { scaleSize, str } from '../format';
import type { Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, fail3, ok, type GpuDoc } from './doc';
import { DISK_MS } from './lifecycle';
import { usedDiskGb } from './resources';

/** Directories that exist on a simulated GPU node (`bfs::exists(mount_dir)`). */
const NODE_DIRS = new Set(['/', '/data', '/home', '/mnt', '/opt', '/root', '/srv', '/tmp', '/var']);

type Checked = { task: Task } | { doc: GpuDoc };

/** The pre-checks every disk route runs: the task and its domain exist, it is not a pxe VM. */
function checkTask(c: AuthedCall): Checked {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return { doc: fail3('task not exist') };
  if (task.biosMode === 'pxe') return { doc: fail3('pxe not support disk') };
  return { task };
}

/**
 * `JSON_PARSE_INT(doc, "size", n_size)`: only a JSON integer is read. For anything else the node
 * leaves `n_size` uninitialized (undefined behaviour); the simulator treats it as invalid.
 */
function sizeGb(a: Record<string, unknown>): number {
  const v = a['size'];
  return typeof v === 'number' && Number.isInteger(v) && v >= -2_147_483_648 && v <= 2_147_483_647 ? v : 0;
}

/** D1: `[{name, file, size}]` in name order, any VM state. */
export function listDisks(c: AuthedCall): GpuDoc {
  const checked = checkTask(c);
  if ('doc' in checked) return checked.doc;
  return ok(checked.task.disks.map((d) => ({ name: d.name, file: d.file, size: scaleSize(d.sizeGb) })));
}

/** D2: `{"disk":"vdb","size":100}` adds 100 GB to vdb (`qemu-img resize <file> +<K>K`). */
export function resizeDisk(c: AuthedCall): GpuDoc {
  const checked = checkTask(c);
  if ('doc' in checked) return checked.doc;
  const { task } = checked;
  const a = c.env.additional;
  const disk = str(a, 'disk');
  if (disk === '') return fail3("'disk' is empty");
  const size = sizeGb(a);
  if (size <= 0) return fail3("'size' is invalid");
  if (task.disks.length === 0) return fail1('task have no disk');
  if (!task.disks.some((d) => d.name === disk)) return fail1(`task have no disk:${disk}`);
  if (task.vm !== 'shut_off') return fail1('please close task first and try again');
  c.sim.lifecycle.enqueue(c.node, { kind: 'resizeDisk', taskId: task.taskId, fail: false, durationMs: DISK_MS.resizeDisk, disk, sizeGb: size });
  return ok();
}

/** D3: `{"size":100,"mount_dir":"/data"}`: a new qcow2 file in mount_dir, attached as the next vdX. */
export function addDisk(c: AuthedCall): GpuDoc {
  const checked = checkTask(c);
  if ('doc' in checked) return checked.doc;
  const { task } = checked;
  const a = c.env.additional;
  const size = sizeGb(a);
  if (size <= 0) return fail3("'size' is invalid");
  const dir = str(a, 'mount_dir') || '/data';
  if (!NODE_DIRS.has(dir.replace(/(.)\/+$/, '$1'))) return fail3(`${dir} is not exist`);
  if (task.disks.length === 0) return fail1('task have no disk');
  if (task.vm !== 'shut_off') return fail1('please close task first and try again');
  if (c.node.diskGb - usedDiskGb(c.node) <= 0.001) return fail1(`mount directory:${dir} have no enough space`);
  c.sim.lifecycle.enqueue(c.node, { kind: 'addDisk', taskId: task.taskId, fail: c.flags.vmError, durationMs: DISK_MS.addDisk, sizeGb: size, mountDir: dir });
  return ok();
}

/** D4: `{"disk":"vdc"}`: detached and its file removed; never vda. */
export function deleteDisk(c: AuthedCall): GpuDoc {
  const checked = checkTask(c);
  if ('doc' in checked) return checked.doc;
  const { task } = checked;
  const disk = str(c.env.additional, 'disk');
  if (disk === '') return fail3("'disk' is empty");
  if (task.disks.length === 0) return fail1('task no disk');
  if (!task.disks.some((d) => d.name === disk)) return fail1(`task have no disk:${disk}`);
  if (task.vm !== 'shut_off') return fail1('please close task first and try again');
  if (disk === 'vda') return fail1("can not allowed to delete disk:'vda'");
  c.sim.lifecycle.enqueue(c.node, { kind: 'deleteDisk', taskId: task.taskId, fail: c.flags.vmError, durationMs: DISK_MS.deleteDisk, disk });
  return ok();
}
