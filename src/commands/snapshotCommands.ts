// Snapshots of a VM's system disk (S1–S4): create (the VM must be shut off), list, delete.
import * as vscode from 'vscode';
import { validateField, validateSnapshotSpec } from '../core/validation';
import { snapshotDescription } from '../tree/model/format';
import type { VmRef } from '../tree/model/refs';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/errors';
import { withProgress } from '../ui/progress';
import { writeAuth, type CommandServices } from './context';
import { orCancel, pickImageServer } from './pickers';
import { isElement, optionsOf } from './targets';
import { issueText } from './vmCreate';
import { oneVm } from './vmDetails';
import { vmName } from './vmLifecycle';

const t = vscode.l10n.t;

async function reloadSnapshots(svc: CommandServices, ref: VmRef): Promise<void> {
  await svc.fetcher.load({ kind: 'snapshots', ref });
}

export async function createSnapshot(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const ref = await oneVm(svc, args, 'snapshot', t('Snapshot which VM? (it must be shut off)'));
  const name = vmName(svc, ref);
  const opts = optionsOf(args[0]);
  const imageServer = typeof opts['imageServer'] === 'string' ? opts['imageServer'] : await pickImageServer(svc, ref.endpoint, t('Upload the snapshot to which image server?'));
  const snapshotName = typeof opts['name'] === 'string' ? opts['name'] : orCancel(await svc.prompter.input({
    title: t('Create Snapshot of {0}', name), prompt: t('Snapshot name (letters, digits, . _ -)'), value: `${name.replace(/[^A-Za-z0-9._-]/g, '-')}-${new Date().toISOString().slice(0, 10)}`,
    validate: (v) => {
      const issue = validateField('snapshot_name', v.trim())[0];
      return issue ? issueText(issue) : undefined;
    },
  })).trim();
  const description = typeof opts['description'] === 'string' ? opts['description'] : orCancel(await svc.prompter.input({
    title: t('Create Snapshot of {0}', name), prompt: t('Description (optional)'),
  }));
  const spec = { snapshot_name: snapshotName, description, image_server: imageServer };
  const issue = validateSnapshotSpec(spec)[0];
  if (issue) throw new UserFacingError('The snapshot settings are not valid: {0}', [issueText(issue)]);
  await withProgress(t('Creating snapshot {0} of {1}…', snapshotName, name), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).createSnapshot(ref.nodeId, ref.taskId, spec, { auth: await writeAuth(svc, ref), signal });
    } catch (err) {
      throw new OperationFailed(t('Creating snapshot {0} of {1} failed', snapshotName, name), err, ref.endpoint);
    }
  });
  await reloadSnapshots(svc, ref);
  void vscode.window.showInformationMessage(t('Snapshot {0} of {1} started: the node converts the disk, then uploads it to {2}.', snapshotName, name, imageServer));
}

export async function listSnapshots(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const ref = await oneVm(svc, args, 'any', t('List the snapshots of which VM?'));
  await reloadSnapshots(svc, ref);
  const entry = svc.store.peekNode(ref)?.snapshots.get(ref.taskId);
  if (entry?.error !== undefined) throw new OperationFailed(t('Listing the snapshots of {0} failed', vmName(svc, ref)), entry.error, ref.endpoint);
  const list = entry?.value ?? [];
  if (list.length === 0) {
    void vscode.window.showInformationMessage(t('{0} has no snapshots.', vmName(svc, ref)));
    return;
  }
  await svc.prompter.pick(list.map((s) => ({ label: s.snapshot_name, description: snapshotDescription(t, s), detail: s.description, value: s })),
    { title: t('Snapshots of {0}', vmName(svc, ref)) });
}

export async function deleteSnapshot(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const first = args[0];
  const opts = optionsOf(first);
  let ref: VmRef;
  let snapshot: string;
  if (isElement(first) && first.kind === 'snapshot') {
    ref = first.ref;
    snapshot = first.name;
  } else {
    ref = await oneVm(svc, args, 'any', t('Delete a snapshot of which VM?'));
    if (typeof opts['name'] === 'string') snapshot = opts['name'];
    else {
      await reloadSnapshots(svc, ref);
      const list = svc.store.peekNode(ref)?.snapshots.get(ref.taskId)?.value ?? [];
      if (list.length === 0) throw new UserFacingError('{0} has no snapshots.', [vmName(svc, ref)]);
      snapshot = orCancel(await svc.prompter.pick(list.map((s) => ({ label: s.snapshot_name, description: snapshotDescription(t, s), value: s.snapshot_name })), { title: t('Delete which snapshot?') }));
    }
  }
  const ok = await svc.prompter.confirm({
    message: t('Delete snapshot {0} of {1}?', snapshot, vmName(svc, ref)),
    detail: t('An upload in progress is stopped. This cannot be undone.'), action: t('Delete'),
  });
  if (!ok) throw new UserCancelled();
  await withProgress(t('Deleting snapshot {0}…', snapshot), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).deleteSnapshot(ref.nodeId, ref.taskId, snapshot, { auth: await writeAuth(svc, ref), signal });
    } catch (err) {
      throw new OperationFailed(t('Deleting snapshot {0} failed', snapshot), err, ref.endpoint);
    }
  });
  await reloadSnapshots(svc, ref);
}
