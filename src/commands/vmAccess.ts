// The other ways into a VM: the SSH command line (our alias once it is configured), VNC, Remote Desktop
// for Windows VMs, and "connect when ready" started or stopped by hand. Passwords only ever go to the
// clipboard, with a notice.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { rdpFileText, vncUrl } from '../remote/model/rdpFile';
import { loginPassword, loginUser, sshCommandText, sshTargetOf } from '../remote/model/sshTarget';
import { hostAliasFor } from '../ssh/core/hostAlias';
import { nodeFs, readTextIfExists } from '../ssh/core/fsPort';
import { hasInclude } from '../ssh/core/includeLine';
import { findVmHost } from '../ssh/core/sshConfig';
import type { VmRef } from '../config/model/refs';
import { osFacetOf } from '../tree/model/vmState';
import { UserFacingError } from '../ui/model/errors';
import type { CommandServices } from '../flows/commandServices';
import { taskInfoOf, vmName } from '../flows/vmInfo';

const t = vscode.l10n.t;

export async function copySshCommand(svc: CommandServices, ref: VmRef): Promise<string> {
  const info = await taskInfoOf(svc, ref);
  const target = sshTargetOf(info);
  if (!target) throw new UserFacingError('{0} has no SSH port (it may be a Windows VM, or still being created).', [vmName(svc, ref)]);
  const ssh = svc.remote.ssh();
  const block = await findVmHost(ref, ssh.env);
  const alias = block?.alias ?? hostAliasFor(ref); // without a block the command is `ssh -p PORT user@ip` anyway
  const sshSeesAlias = hasInclude((await readTextIfExists(nodeFs, ssh.paths.userConfig)) ?? '', ssh.paths.config);
  const shell = process.platform === 'win32' ? 'powershell' : 'posix';
  const text = sshCommandText({ alias, block, target, sshSeesAlias, configFile: ssh.paths.config, shell });
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(t('Copied: {0}', text));
  return text;
}

async function passwordToClipboard(password: string | undefined, notice: string): Promise<string> {
  if (!password) return '';
  await vscode.env.clipboard.writeText(password);
  return notice;
}

export async function openVnc(svc: CommandServices, ref: VmRef): Promise<string> {
  const info = await taskInfoOf(svc, ref, 0);
  const port = Number(info.vnc_port);
  if (!info.ssh_ip || !Number.isInteger(port) || port <= 0) throw new UserFacingError('{0} has no VNC port.', [vmName(svc, ref)]);
  const url = vncUrl(info.ssh_ip, port);
  const vncPassword = typeof info.vnc_password === 'string' && info.vnc_password !== 'N/A' ? info.vnc_password : undefined;
  const notice = await passwordToClipboard(vncPassword, t('The VNC password is on the clipboard.'));
  const opened = await svc.remote.opener().openExternal(vscode.Uri.parse(url));
  const copy = t('Copy VNC Address');
  const message = opened ? t('Opening {0} in your VNC viewer.', url) : t('No VNC viewer opened {0}.', url);
  void vscode.window.showInformationMessage(`${message} ${notice}`.trim(), copy).then(async (answer) => {
    if (answer === copy) await vscode.env.clipboard.writeText(`${info.ssh_ip}:${port}`);
  });
  return url;
}

function rdpTarget(svc: CommandServices, ref: VmRef, info: TaskInfo): { host: string; port: number; user: string } {
  const port = Number(info.rdp_port);
  if (osFacetOf(info) !== 'windows' || !info.ssh_ip || !Number.isInteger(port) || port <= 0) {
    throw new UserFacingError('{0} has no Remote Desktop port: Remote Desktop is for Windows VMs.', [vmName(svc, ref)]);
  }
  return { host: info.ssh_ip, port, user: loginUser(info, 'Administrator') };
}

export async function connectRdp(svc: CommandServices, ref: VmRef): Promise<{ address: string; user: string }> {
  const info = await taskInfoOf(svc, ref, 0);
  const { host, port, user } = rdpTarget(svc, ref, info);
  const address = `${host}:${port}`;
  const notice = await passwordToClipboard(loginPassword(info), t('The password is on the clipboard.'));
  const open = t('Open Remote Desktop');
  const copy = t('Copy Address');
  const message = `${t('Remote Desktop to {0}: {1}, user {2}.', vmName(svc, ref), address, user)} ${notice}`.trim();
  void vscode.window.showInformationMessage(message, open, copy).then(async (answer) => {
    if (answer === copy) await vscode.env.clipboard.writeText(address);
    if (answer === open) await openRdpFile(svc, hostAliasFor(ref), rdpFileText(host, port, user));
  });
  return { address, user };
}

/** Writes the .rdp file to a private temp folder and hands it to the system's Remote Desktop client. */
async function openRdpFile(svc: CommandServices, name: string, text: string): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-rdp-'));
  const file = path.join(dir, `${name}.rdp`);
  await fs.writeFile(file, text, { mode: 0o600 });
  await svc.remote.opener().openExternal(vscode.Uri.file(file));
}

export async function connectWhenReady(svc: CommandServices, ref: VmRef): Promise<void> {
  const name = vmName(svc, ref);
  void svc.readyWatches.watch(ref, name, 'always');
  void vscode.window.showInformationMessage(t('DBC connects to {0} as soon as it accepts SSH.', name));
}

export async function stopWaiting(svc: CommandServices, ref: VmRef): Promise<void> {
  svc.readyWatches.cancel(ref);
}
