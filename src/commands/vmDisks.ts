// A VM's disks (D1–D4): Disks… lists them (name, size, file) and leads to Resize, Add and Delete;
// each change needs a shut-off VM, so a running one is powered off first after asking, as snapshots do.
// The node answers `ok` when it has only queued the work: the VM's log is followed and the disk list
// read again until the node reports the result (core/diskOps.ts), which is then announced.
import * as vscode from 'vscode';
import { isCancellation } from '../api/errors';
import type { DiskEntry } from '../api/types';
import { waitForDiskOp, type DiskOp, type DiskOpWaitOutcome, type DiskReadBack } from '../core/diskOps';
import { checkDeletableDisk, checkDiskSize, checkMountDir } from '../core/validation';
import { vmKey, type VmRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { issueText } from '../flows/create/submitCreate';
import { vmName } from '../flows/vmInfo';
import { ensureShutOff } from '../flows/vmPower';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import { withProgress } from '../ui/progress';
import { abortableSleep } from '../util/sleep';
import type { diskOptions } from './model/options';
import { followLogs, stopFollowingLogs } from './vmLogs';

const t = vscode.l10n.t;

/** How much of the VM log is read back each time (the node's result lines are among the newest). */
const LOG_WINDOW = 30;
const WAIT_MS = 5 * 60_000;

/** The user stopped waiting: a cancelled wait, or a read cut short by the cancel. */
const cancelled = (err: unknown): boolean => err instanceof UserCancelled || isCancellation(err instanceof OperationFailed ? err.cause : err);

type DiskOptions = Partial<ReturnType<typeof diskOptions>>;

async function readDisks(svc: CommandServices, ref: VmRef, signal?: AbortSignal): Promise<DiskEntry[]> {
  try {
    return await svc.clients.client(ref.endpoint).listDisks(ref.nodeId, ref.taskId, { auth: await svc.access.forWrite(ref.nodeId), signal });
  } catch (err) {
    throw new OperationFailed(t('Reading the disks of {0} failed', vmName(svc, ref)), err, ref.endpoint);
  }
}

async function readBack(svc: CommandServices, ref: VmRef, signal?: AbortSignal): Promise<DiskReadBack> {
  const disks = await readDisks(svc, ref, signal);
  const client = svc.clients.client(ref.endpoint);
  const logs = await client.taskLogs(ref.nodeId, ref.taskId, { flag: 'tail', lines: LOG_WINDOW, auth: await svc.access.forWrite(ref.nodeId), signal })
    .catch(() => ({ log_content: [] as string[] }));
  return { disks, log: logs.log_content };
}

function diskItem(d: DiskEntry) {
  return { label: d.name, description: d.size, detail: d.file };
}

async function pickDisk(svc: CommandServices, ref: VmRef, disks: DiskEntry[], title: string): Promise<string> {
  if (disks.length === 0) throw new UserFacingError('{0} has no disk the node can change (a pxe VM has none).', [vmName(svc, ref)]);
  return orCancel(await svc.prompter.pick(disks.map((d) => ({ ...diskItem(d), value: d.name })), { title }));
}

async function askGb(svc: CommandServices, title: string, prompt: string): Promise<number> {
  const text = orCancel(await svc.prompter.input({
    title, prompt,
    validate: (v) => {
      const issue = checkDiskSize('size', v.trim());
      return issue ? issueText(issue) : undefined;
    },
  }));
  return Number(text.trim());
}

/** Offers to power a running VM off: the node changes disks of a shut-off VM only. */
async function shutOffFor(svc: CommandServices, ref: VmRef, action: string): Promise<void> {
  const name = vmName(svc, ref);
  await ensureShutOff(svc, ref, {
    detail: t('The node changes disks only while the VM is shut off. Power it off now (like pulling the plug: save your work first), then go on?'),
    action,
    refuse: (status) => new UserFacingError('{0} is "{1}": disks can be changed only while the VM is shut off.', [name, status]),
  });
}

function outcomeText(svc: CommandServices, ref: VmRef, op: DiskOp, outcome: Extract<DiskOpWaitOutcome, { state: 'done' }>): string {
  const name = vmName(svc, ref);
  switch (op.kind) {
    case 'resize': return t('The node reports disk {0} of {1} resized: now {2}. Grow the file system inside the VM to use the space.', op.disk, name, outcome.disk?.size ?? '?');
    case 'add': return t('The node reports a new disk {0} ({1}) attached to {2}.', outcome.disk?.name ?? '?', outcome.disk?.size ?? '?', name);
    case 'delete': return t('The node reports disk {0} of {1} deleted.', op.disk, name);
  }
}

/** Sends the change, follows the VM's log and the disk list until the node reports the result. */
async function runDiskOp(svc: CommandServices, ref: VmRef, op: DiskOp, what: string, send: (signal: AbortSignal) => Promise<string>): Promise<DiskOpWaitOutcome> {
  const name = vmName(svc, ref);
  const before = await readBack(svc, ref);
  await withProgress(t('{0} ({1})…', what, name), async (signal) => {
    try {
      await send(signal);
    } catch (err) {
      throw new OperationFailed(t('{0} ({1}) failed', what, name), err, ref.endpoint);
    }
  }, false);
  const followed = svc.vmLogs.isFollowing(vmKey(ref));
  if (!followed) await followLogs(svc, ref);
  let outcome: DiskOpWaitOutcome;
  try {
    outcome = await withProgress(t('{0} ({1}): waiting for the node to report the result…', what, name), (signal) => waitForDiskOp(op, before, {
      read: () => readBack(svc, ref, signal), sleep: (ms) => abortableSleep(ms, signal), delayMs: (n) => (n === 0 ? 1000 : 2000), timeoutMs: WAIT_MS,
      stopped: () => signal.aborted,
    })).catch((err: unknown) => (cancelled(err) ? { state: 'stopped' as const } : Promise.reject(err)));
  } finally {
    if (!followed) await stopFollowingLogs(svc, [ref]).catch(() => undefined);
    svc.store.node(ref).taskInfo.delete(ref.taskId);
    void svc.refreshNodes([ref], { immediate: true });
  }
  switch (outcome.state) {
    case 'done':
      void vscode.window.showInformationMessage(outcomeText(svc, ref, op, outcome));
      break;
    case 'failed':
      throw new UserFacingError('{0} ({1}) failed: the node logged "{2}".', [what, name, outcome.reason]);
    case 'timeout':
      void vscode.window.showWarningMessage(t('The node has not reported the result of "{0}" for {1} after 5 minutes; its log and Disks… show it later.', what, name));
      break;
    case 'stopped':
      void vscode.window.showInformationMessage(t('Stopped waiting; the node goes on. The VM\'s log and Disks… show the result.'));
      break;
  }
  return outcome;
}

export async function resizeDisk(svc: CommandServices, ref: VmRef, o: DiskOptions): Promise<DiskOpWaitOutcome> {
  const name = vmName(svc, ref);
  const title = t('Resize a Disk of {0}', name);
  const disks = await readDisks(svc, ref);
  const disk = o.disk ?? (await pickDisk(svc, ref, disks, title));
  const current = disks.find((d) => d.name === disk);
  if (!current) throw new UserFacingError('{0} has no disk {1}.', [name, disk]);
  const addGb = o.sizeGb ?? (await askGb(svc, title, t('GB to add to {0} (now {1}); a disk only grows', disk, current.size)));
  const issue = checkDiskSize('size', addGb);
  if (issue) throw new UserFacingError('The disk change is not valid: {0}', [issueText(issue)]);
  await shutOffFor(svc, ref, t('Stop VM and Resize'));
  const op: DiskOp = { kind: 'resize', disk, addGb };
  return runDiskOp(svc, ref, op, t('Resizing disk {0} by {1} GB', disk, addGb),
    async (signal) => svc.clients.client(ref.endpoint).resizeDisk(ref.nodeId, ref.taskId, { disk, addGb }, { auth: await svc.access.forWrite(ref.nodeId), signal }));
}

export async function addDisk(svc: CommandServices, ref: VmRef, o: DiskOptions): Promise<DiskOpWaitOutcome> {
  const name = vmName(svc, ref);
  const title = t('Add a Disk to {0}', name);
  const sizeGb = o.sizeGb ?? (await askGb(svc, title, t('Size of the new disk in GB')));
  const mountDir = o.mountDir ?? orCancel(await svc.prompter.input({
    title, prompt: t('Directory on the GPU node for the disk\'s file'), value: '/data',
    validate: (v) => {
      const issue = checkMountDir('mount_dir', v.trim());
      return issue ? issueText(issue) : undefined;
    },
  })).trim();
  const issue = checkDiskSize('size', sizeGb) ?? checkMountDir('mount_dir', mountDir);
  if (issue) throw new UserFacingError('The disk change is not valid: {0}', [issueText(issue)]);
  await shutOffFor(svc, ref, t('Stop VM and Add Disk'));
  const op: DiskOp = { kind: 'add', sizeGb };
  return runDiskOp(svc, ref, op, t('Adding a {0} GB disk', sizeGb),
    async (signal) => svc.clients.client(ref.endpoint).addDisk(ref.nodeId, ref.taskId, { sizeGb, mountDir: mountDir || undefined }, { auth: await svc.access.forWrite(ref.nodeId), signal }));
}

export async function deleteDisk(svc: CommandServices, ref: VmRef, o: DiskOptions): Promise<DiskOpWaitOutcome> {
  const name = vmName(svc, ref);
  const title = t('Delete a Disk of {0}', name);
  const disks = await readDisks(svc, ref);
  const deletable = disks.filter((d) => d.name !== 'vda');
  if (!o.disk && deletable.length === 0) throw new UserFacingError('{0} has no disk to delete: the system disk vda cannot be deleted.', [name]);
  const disk = o.disk ?? (await pickDisk(svc, ref, deletable, title));
  const issue = checkDeletableDisk('disk', disk);
  if (issue) throw new UserFacingError('The disk change is not valid: {0}', [issueText(issue)]);
  const ok = await svc.prompter.confirm({
    message: t('Delete disk {0} of {1}?', disk, name),
    detail: t('The node detaches it and deletes its file with everything on it. This cannot be undone.'), action: t('Delete Disk'),
  });
  if (!ok) throw new UserCancelled();
  await shutOffFor(svc, ref, t('Stop VM and Delete Disk'));
  const op: DiskOp = { kind: 'delete', disk };
  return runDiskOp(svc, ref, op, t('Deleting disk {0}', disk),
    async (signal) => svc.clients.client(ref.endpoint).deleteDisk(ref.nodeId, ref.taskId, disk, { auth: await svc.access.forWrite(ref.nodeId), signal }));
}

/** Disks…: the list; a disk leads to Resize or Delete, the last item to Add. */
export async function showDisks(svc: CommandServices, ref: VmRef): Promise<DiskEntry[] | DiskOpWaitOutcome> {
  const name = vmName(svc, ref);
  const disks = await withProgress(t('Reading the disks of {0}…', name), (signal) => readDisks(svc, ref, signal));
  const ADD = '\u0000add';
  const chosen = await svc.prompter.pick([
    ...disks.map((d) => ({ ...diskItem(d), value: d.name })),
    { label: `$(add) ${t('Add Disk…')}`, description: t('a new data disk'), value: ADD },
  ], { title: t('Disks of {0} (the node changes them while the VM is shut off)', name) });
  if (chosen === undefined) return disks;
  if (chosen === ADD) return addDisk(svc, ref, {});
  const action = orCancel(await svc.prompter.pick<'resize' | 'delete'>([
    { label: t('Resize Disk…'), description: t('grow {0}', chosen), value: 'resize' },
    ...(chosen === 'vda' ? [] : [{ label: t('Delete Disk…'), description: t('detach {0} and delete its file', chosen), value: 'delete' as const }]),
  ], { title: t('Disk {0} of {1}', chosen, name) }));
  return action === 'resize' ? resizeDisk(svc, ref, { disk: chosen }) : deleteDisk(svc, ref, { disk: chosen });
}

