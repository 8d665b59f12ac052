// What handlers and flows say about one VM: its name as the tree shows it, its fresh details (a failure
// names the VM), and whether it is known to be a Windows VM.
import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import type { VmRef } from '../config/model/refs';
import { vmLabel } from '../tree/model/format';
import { taskOf } from '../tree/model/present';
import { osFacetOf } from '../tree/model/vmState';
import { OperationFailed } from '../ui/model/errors';
import type { CommandServices } from './commandServices';

export function vmName(svc: CommandServices, ref: VmRef): string {
  const task = taskOf(svc.modelContext(), ref);
  return task ? vmLabel(task) : ref.taskId;
}

/** Fresh task info (at most `maxAgeMs` old), failures named after the VM. */
export async function taskInfoOf(svc: CommandServices, ref: VmRef, maxAgeMs = 10_000): Promise<TaskInfo> {
  try {
    return await svc.fetcher.taskInfo(ref, maxAgeMs);
  } catch (err) {
    throw new OperationFailed(vscode.l10n.t('Reading the details of {0} failed', vmName(svc, ref)), err, ref.endpoint);
  }
}

/** Not known to be a Windows VM (rows whose details were never fetched count as Linux). */
export function notWindows(svc: CommandServices, ref: VmRef): boolean {
  return osFacetOf(svc.store.peekNode(ref)?.taskInfo.get(ref.taskId)?.value) !== 'windows';
}
