// Snapshots of a VM (S1, S2, S4): list, details, delete. Creating one is in createSnapshot.ts.
import * as vscode from 'vscode';
import { snapshotDescription } from '../tree/model/format';
import type { VmRef } from '../config/model/refs';
import { OperationFailed, UserCancelled } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import type { SnapshotTarget } from './targets';
import { vmName } from '../flows/vmInfo';

const t = vscode.l10n.t;

async function reloadSnapshots(svc: CommandServices, ref: VmRef): Promise<void> {
  await svc.fetcher.load({ kind: 'snapshots', ref });
}

export async function listSnapshots(svc: CommandServices, ref: VmRef): Promise<void> {
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

export async function deleteSnapshot(svc: CommandServices, { ref, snapshot }: SnapshotTarget): Promise<void> {
  const ok = await svc.prompter.confirm({
    message: t('Delete snapshot {0} of {1}?', snapshot, vmName(svc, ref)),
    detail: t('An upload in progress is stopped. This cannot be undone.'), action: t('Delete'),
  });
  if (!ok) throw new UserCancelled();
  await withProgress(t('Deleting snapshot {0}…', snapshot), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).deleteSnapshot(ref.nodeId, ref.taskId, snapshot, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Deleting snapshot {0} failed', snapshot), err, ref.endpoint);
    }
  });
  await reloadSnapshots(svc, ref);
}

export async function showSnapshotInfo(svc: CommandServices, { ref, snapshot }: SnapshotTarget): Promise<void> {
  let info;
  try {
    info = await svc.clients.client(ref.endpoint).snapshotInfo(ref.nodeId, ref.taskId, snapshot, { auth: await svc.access.forWrite(ref.nodeId) });
  } catch (err) {
    throw new OperationFailed(t('Reading snapshot {0} failed', snapshot), err, ref.endpoint);
  }
  await svc.documents.showJson(`${vmName(svc, ref)}.${snapshot}.snapshot`, info);
}
