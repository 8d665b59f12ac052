// Show GPU Monitor: the VM's GPUs in a live panel. Needs the key DBC installed on the VM (one connect).
import * as vscode from 'vscode';
import type { VmRef } from '../config/model/refs';
import type { CommandServices } from '../flows/commandServices';
import { vmName } from '../flows/vmInfo';
import { vmStateOf } from '../tree/model/vmState';
import { taskOf } from '../tree/model/present';
import { UserFacingError } from '../ui/model/errors';
import { NoKeyError } from '../watch/vmSshAccess';
import { noKeyError } from './vmPorts';

const t = vscode.l10n.t;

export async function showGpuMonitor(svc: CommandServices, ref: VmRef): Promise<void> {
  const status = taskOf(svc.modelContext(), ref)?.status;
  if (status !== undefined && vmStateOf(status) !== 'running') throw new UserFacingError('{0} is not running: start it to see its GPUs.', [vmName(svc, ref)]);
  const state = await svc.vmSsh.keyState(ref);
  if (state.kind !== 'key') throw noKeyError(svc, ref, new NoKeyError(state), t('GPU monitoring'));
  svc.gpuMonitor.show(ref);
}
