// "Open in Remote-SSH": write the VM's Host block into our own ~/.ssh/dbc/config (one fenced Include
// line in ~/.ssh/config, after asking once), then open a window on `ssh-remote+<alias>` with the core
// `vscode.newWindow` command, which every Remote-SSH implementation handles.
import * as vscode from 'vscode';
import { defaultSshPaths, ensureUserInclude, hostAliasFor, upsertVmHost, vmHostEntry } from '../ssh/core';
import { vmEndpoints } from '../tree/model/format';
import { osFacetOf } from '../tree/model/vmState';
import { UserCancelled, UserFacingError } from '../ui/errors';
import type { CommandServices } from './context';
import { oneVm, taskInfoOf } from './vmDetails';
import { vmName } from './vmLifecycle';

const t = vscode.l10n.t;

const REMOTE_SSH_IDS = [
  'ms-vscode-remote.remote-ssh', 'jeanp413.open-remote-ssh', 'anysphere.remote-ssh', 'codeium.windsurf-remote-openssh', 'google.antigravity-remote-openssh',
];
const CONSENT_KEY = 'dbc.ssh.includeConsent';

function remoteSshInstalled(): boolean {
  return REMOTE_SSH_IDS.some((id) => vscode.extensions.getExtension(id) !== undefined);
}

async function consentToInclude(svc: CommandServices): Promise<void> {
  if (svc.state.get<boolean>(CONSENT_KEY)) return;
  const ok = await svc.prompter.confirm({
    message: t('Let DBC manage SSH hosts for your VMs?'),
    detail: t('DBC keeps one Host entry per VM in ~/.ssh/dbc/config and adds a single Include line for it to ~/.ssh/config. Nothing else in your SSH configuration is changed.'),
    action: t('Allow'),
  });
  if (!ok) throw new UserCancelled();
  await svc.state.update(CONSENT_KEY, true);
}

export async function connectVm(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const ref = await oneVm(svc, args, 'connect', t('Open which VM in Remote-SSH?'));
  const info = await taskInfoOf(svc, ref, 0);
  const name = vmName(svc, ref);
  if (osFacetOf(info) === 'windows') throw new UserFacingError('{0} is a Windows VM: connect with Remote Desktop to {1}.', [name, vmEndpoints(info).rdp ?? '?']);
  const ep = vmEndpoints(info);
  if (!info.ssh_ip || !ep.sshAddress) throw new UserFacingError('{0} has no SSH port (it may be a Windows VM, or still being created).', [name]);
  if (!remoteSshInstalled()) {
    const install = t('Show Remote-SSH');
    const copy = t('Copy SSH Command');
    const answer = await vscode.window.showWarningMessage(t('Opening a VM needs a Remote-SSH extension, which is not installed.'), install, copy);
    if (answer === install) await vscode.commands.executeCommand('workbench.extensions.search', '@id:ms-vscode-remote.remote-ssh');
    if (answer === copy && ep.ssh) await vscode.env.clipboard.writeText(ep.ssh);
    return;
  }
  await consentToInclude(svc);
  const paths = defaultSshPaths();
  const user = info.user_name && info.user_name !== 'N/A' ? info.user_name : 'dbc';
  const vm = { nodeId: ref.nodeId, taskId: ref.taskId };
  await upsertVmHost(vmHostEntry({ vm, host: info.ssh_ip, port: Number(info.ssh_port), user, stage: 'password' }, paths), { paths });
  await ensureUserInclude({ paths });
  svc.log.info(`[ssh] opening ${hostAliasFor(vm)} (${name})`);
  await vscode.commands.executeCommand('vscode.newWindow', { remoteAuthority: `ssh-remote+${hostAliasFor(vm)}`, reuseWindow: false });
}
