// A VM's ports: Open Port in Browser… for the TCP ports its custom_port rules map on the host
// (http://<ip>:<host port>), Forward Port… for any port inside the VM through its SSH connection (to a
// free port of 127.0.0.1, listed under the VM), and the forward rows' Open in Browser / Stop Forwarding.
import * as vscode from 'vscode';
import type { VmRef } from '../config/model/refs';
import { vmPorts } from '../core/ports/vmPorts';
import type { CommandServices } from '../flows/commandServices';
import { taskInfoOf, vmName } from '../flows/vmInfo';
import { UserFacingError, type ErrorAction } from '../ui/model/errors';
import { orCancel } from '../ui/model/prompter';
import type { ActiveForward } from '../watch/portForwards';
import { NoKeyError } from '../watch/vmSshAccess';
import type { forwardOptions, openPortOptions } from './model/options';
import type { ForwardTarget } from './targets';

const t = vscode.l10n.t;
const FORWARD = 'forward';

export function connectAction(ref: VmRef): ErrorAction {
  return { label: t('Connect via Remote-SSH'), run: () => vscode.commands.executeCommand('dbc.vm.connect', ref) };
}

/** The errors of a login with the installed key that the user can act on. */
export function noKeyError(svc: CommandServices, ref: VmRef, err: NoKeyError, what: string): UserFacingError {
  if (err.state.kind === 'no-ssh') return new UserFacingError('{0} has no SSH port (it may be a Windows VM, or still being created).', [vmName(svc, ref)]);
  return new UserFacingError('Connect to {0} once (Connect via Remote-SSH) to enable {1}: DBC then uses the SSH key it installs there.', [vmName(svc, ref), what], undefined, [connectAction(ref)]);
}

export async function openPort(svc: CommandServices, ref: VmRef, o: ReturnType<typeof openPortOptions>): Promise<string | undefined> {
  const info = await taskInfoOf(svc, ref);
  const mapped = vmPorts(info, (await svc.portRecords.load(ref)) ?? []).filter((p) => p.url !== undefined);
  const given = o.guestPort === undefined ? undefined : mapped.find((p) => p.guestPort === o.guestPort);
  if (o.guestPort !== undefined && !given) throw new UserFacingError('Port {0} of {1} is not mapped to a host port. Use Forward Port… to reach it through SSH.', [String(o.guestPort), vmName(svc, ref)]);
  const chosen = given?.url ?? orCancel(await svc.prompter.pick([
    ...mapped.map((p) => ({ label: p.text, description: p.url, value: p.url as string })),
    { label: t('Forward a Port through SSH…'), description: t('any port inside the VM, on a free local port'), value: FORWARD },
  ], { title: t('Open which port of {0}?', vmName(svc, ref)), placeholder: mapped.length ? undefined : t('No mapped TCP ports are recorded for this VM (DBC records them when it creates or modifies a VM).') }));
  if (chosen === FORWARD) return (await forwardPort(svc, ref, { remotePort: undefined, localPort: undefined, open: true })).url;
  await svc.remote.opener().openExternal(vscode.Uri.parse(chosen));
  return chosen;
}

export async function forwardPort(svc: CommandServices, ref: VmRef, o: ReturnType<typeof forwardOptions>): Promise<ActiveForward> {
  const remotePort = o.remotePort ?? Number(orCancel(await svc.prompter.input({
    title: t('Forward a Port of {0}', vmName(svc, ref)), prompt: t('The port inside the VM (Jupyter 8888, TensorBoard 6006…)'), value: '8888',
    validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : t('Enter a port from 1 to 65535.')),
  })).trim());
  let forward: ActiveForward;
  try {
    forward = await svc.forwards.start(ref, remotePort, o.localPort);
  } catch (err) {
    if (err instanceof NoKeyError) throw noKeyError(svc, ref, err, t('port forwarding'));
    throw err;
  }
  if (o.open) {
    await svc.remote.opener().openExternal(vscode.Uri.parse(forward.url));
    return forward;
  }
  const open = t('Open in Browser');
  const copy = t('Copy URL');
  const quiet = forward.answered ? '' : ` ${t('Nothing answers on that port inside the VM yet.')}`;
  void vscode.window.showInformationMessage(`${t('Port {0} of {1} is forwarded to {2}.', remotePort, vmName(svc, ref), forward.url)}${quiet}`, open, copy).then(async (answer) => {
    if (answer === open) await svc.remote.opener().openExternal(vscode.Uri.parse(forward.url));
    if (answer === copy) await vscode.env.clipboard.writeText(forward.url);
  });
  return forward;
}

export async function openForward(svc: CommandServices, target: ForwardTarget): Promise<string> {
  const forward = svc.forwards.get(target.ref, target.remotePort);
  if (!forward) throw new UserFacingError('Port {0} of {1} is no longer forwarded.', [String(target.remotePort), vmName(svc, target.ref)]);
  await svc.remote.opener().openExternal(vscode.Uri.parse(forward.url));
  return forward.url;
}

export async function copyForwardUrl(svc: CommandServices, target: ForwardTarget): Promise<void> {
  const forward = svc.forwards.get(target.ref, target.remotePort);
  if (forward) await vscode.env.clipboard.writeText(forward.url);
}

export async function stopForward(svc: CommandServices, target: ForwardTarget): Promise<void> {
  await svc.forwards.stop(target.ref, target.remotePort);
}
