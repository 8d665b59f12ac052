// Validation of the disk routes' inputs (D2–D4): the disk name, the size in GB (a JSON integer on the
// wire: the node reads it with JSON_PARSE_INT into an int), the directory of a new disk.
import { fieldIssue, type Issue } from './issue';
import { checkWhole } from './numbers';
import { checkText } from './text';

const DISK_NAME = /^vd[a-z]{1,2}$/;

/** `vda`, `vdb`, … (the names libvirt gives virtio disks, as `disk list` shows them). */
export function checkDiskName(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value, true);
  if (typeIssue || typeof value !== 'string') return typeIssue;
  return DISK_NAME.test(value) ? undefined : fieldIssue(field, 'diskName', value);
}

/** Delete: never vda (the node refuses it with `can not allowed to delete disk:'vda'`). */
export function checkDeletableDisk(field: string, value: unknown): Issue | undefined {
  return checkDiskName(field, value) ?? (value === 'vda' ? fieldIssue(field, 'diskSystem') : undefined);
}

/** GB to add (resize) or the new disk's size (add): a whole number > 0. */
export function checkDiskSize(field: string, value: unknown): Issue | undefined {
  return checkWhole(field, value, { min: 1, required: true });
}

/** `mount_dir`: optional (the node's default is /data), else an absolute directory. */
export function checkMountDir(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  // eslint-disable-next-line no-control-regex
  return /^\/[^"\\\u0000-\u001f]*$/.test(value) ? undefined : fieldIssue(field, 'mountDir', value);
}
