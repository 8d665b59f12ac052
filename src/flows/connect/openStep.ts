// Carrying out the open plan: a Remote-SSH window or folder through the core commands, or a terminal
// running ssh with a notice saying why (no Remote-SSH installed: offer the one made for this build;
// no Include line: offer to add it).
import * as vscode from 'vscode';
import type { CommandServices } from '../commandServices';
import type { VmRef } from '../../config/model/refs';
import { askIncludeAgain } from './includeSetup';
import type { OpenPlan } from './model/openPlan';
import type { SshSetup } from '../../remote/remoteServices';

const t = vscode.l10n.t;

export interface OpenContext {
  ref: VmRef;
  name: string;
  ssh: SshSetup;
}

export async function carryOut(svc: CommandServices, plan: OpenPlan, c: OpenContext): Promise<void> {
  const opener = svc.remote.opener();
  switch (plan.kind) {
    case 'window':
      await opener.executeCommand(plan.command, plan.options);
      return;
    case 'folder':
      await opener.executeCommand(plan.command, vscode.Uri.parse(plan.uri), plan.options);
      return;
    case 'terminal':
      opener.terminal(t('SSH: {0}', c.name), plan.args);
      void (plan.reason === 'no-remote-ssh' ? offerInstall(svc, c) : offerInclude(svc, c));
  }
}

async function offerInstall(svc: CommandServices, c: OpenContext): Promise<void> {
  const ext = svc.remote.recommendedRemoteSsh();
  const install = t('Install {0}', ext.name);
  const answer = await vscode.window.showInformationMessage(t('{0} opened in a terminal because no Remote-SSH extension is installed. Install {1} to open VMs in a VS Code window.', c.name, ext.name), install);
  if (answer !== install) return;
  await svc.remote.opener().executeCommand('workbench.extensions.installExtension', ext.id);
  const connect = t('Connect');
  if ((await vscode.window.showInformationMessage(t('{0} is installed.', ext.name), connect)) === connect) {
    await vscode.commands.executeCommand('dbc.vm.connect', c.ref);
  }
}

async function offerInclude(svc: CommandServices, c: OpenContext): Promise<void> {
  const add = t('Add the Include Line…');
  const answer = await vscode.window.showInformationMessage(t('{0} opened in a terminal: Remote-SSH cannot see DBC\'s hosts without the Include line in {1}.', c.name, c.ssh.remoteSshConfig), add);
  if (answer !== add) return;
  await askIncludeAgain(svc, c.ssh);
  await vscode.commands.executeCommand('dbc.vm.connect', c.ref);
}
