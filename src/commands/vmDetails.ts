// VM details: the info document, copy actions (the password only to the clipboard), set password, logs.
import * as vscode from 'vscode';
import { vmEndpoints } from '../tree/model/format';
import type { VmRef } from '../config/model/refs';
import { osFacetOf } from '../tree/model/vmState';
import { OperationFailed, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { orCancel } from '../ui/model/prompter';
import { taskInfoOf, vmName } from '../flows/vmInfo';
import type { passwordOptions } from './model/options';

const t = vscode.l10n.t;

export async function showVmInfo(svc: CommandServices, ref: VmRef): Promise<void> {
  const info = await taskInfoOf(svc, ref, 0);
  await svc.documents.showJson(`${vmName(svc, ref)}.vm`, info);
}

export async function copyAddress(svc: CommandServices, ref: VmRef): Promise<void> {
  const info = await taskInfoOf(svc, ref);
  const ep = vmEndpoints(info);
  const address = osFacetOf(info) === 'windows' ? ep.rdp : ep.sshAddress ?? ep.rdp;
  if (!address) throw new UserFacingError('{0} has no address yet (it may still be being created).', [vmName(svc, ref)]);
  await vscode.env.clipboard.writeText(address);
  void vscode.window.showInformationMessage(t('Copied: {0}', address));
}

export async function copyPassword(svc: CommandServices, ref: VmRef): Promise<void> {
  const info = await taskInfoOf(svc, ref, 0);
  const password = info.login_password;
  if (!password || password === 'N/A') throw new UserFacingError('The node has no login password for {0}.', [vmName(svc, ref)], 'Set one with "DBC: Set Password…" while the VM is running.');
  await vscode.env.clipboard.writeText(password);
  void vscode.window.showInformationMessage(t('The login password of {0} (user {1}) is on the clipboard.', vmName(svc, ref), info.user_name ?? '?'));
}

export async function copyTaskId(_svc: CommandServices, ref: VmRef): Promise<void> {
  await vscode.env.clipboard.writeText(ref.taskId);
}

function validPassword(value: string): string | undefined {
  if (value.length < 8) return t('Use at least 8 characters.');
  if (/["\\\s]/.test(value)) return t('Do not use spaces, double quotes or backslashes.');
  return undefined;
}

/** `username` and `password` given by a programmatic caller are not asked for. */
export async function setPassword(svc: CommandServices, ref: VmRef, o: ReturnType<typeof passwordOptions>): Promise<void> {
  let { username, password } = o;
  if (username === undefined) {
    const info = await taskInfoOf(svc, ref);
    const fallback = osFacetOf(info) === 'windows' ? 'Administrator' : 'dbc';
    const current = info.user_name && info.user_name !== 'N/A' ? info.user_name : fallback;
    username = orCancel(await svc.prompter.input({ title: t('Set Password'), prompt: t('User name on {0}', vmName(svc, ref)), value: current, validate: (v) => (v.trim() ? undefined : t('Enter a user name.')) })).trim();
  }
  if (password === undefined) {
    password = orCancel(await svc.prompter.input({ title: t('Set Password'), prompt: t('New password for {0}', username), password: true, validate: validPassword }));
    const again = orCancel(await svc.prompter.input({ title: t('Set Password'), prompt: t('Repeat the new password'), password: true }));
    if (again !== password) throw new UserFacingError('The two passwords differ.');
  } else {
    const problem = validPassword(password);
    if (problem) throw new UserFacingError('The password is not accepted: {0}', [problem]);
  }
  const creds = { username, password };
  await withProgress(t('Setting the password of {0}…', vmName(svc, ref)), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).setTaskPassword(ref.nodeId, ref.taskId, creds, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Setting the password of {0} failed', vmName(svc, ref)), err, ref.endpoint);
    }
  });
  svc.store.node(ref).taskInfo.delete(ref.taskId);
  void vscode.window.showInformationMessage(t('The password of {0} on {1} was changed.', username, vmName(svc, ref)));
}
