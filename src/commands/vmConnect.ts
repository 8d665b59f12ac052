// "Connect via Remote-SSH" (`dbc.vm.connect`): from a VM row, from the palette (a picker of running VMs
// not known to be Windows), or programmatically with `{ endpoint?, nodeId, taskId, folder?, reuseWindow? }`.
// The flow itself is src/flows/connect/connect.ts.
import * as vscode from 'vscode';
import { connectToVm, type ConnectResult } from '../flows/connect/connect';
import type { CommandServices } from '../flows/commandServices';
import { pickVm } from '../flows/pickers';
import { notWindows } from '../flows/vmInfo';
import { optionsOf, vmRefsOf } from './targets';

const t = vscode.l10n.t;

export async function connectVm(svc: CommandServices, args: readonly unknown[]): Promise<ConnectResult> {
  const ref = vmRefsOf(svc, args)?.[0] ?? (await pickVm(svc, 'connect', t('Connect to which VM?'), (r) => notWindows(svc, r)));
  const o = optionsOf(args[0]);
  return connectToVm(svc, ref, { folder: typeof o['folder'] === 'string' ? o['folder'] : undefined, reuseWindow: o['reuseWindow'] === true });
}
