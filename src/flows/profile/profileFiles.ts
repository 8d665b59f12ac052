// Workspace VM profiles on disk: `.dbc/vm.json`, or `.dbc/<name>.vm.json` for more than one. Writing
// asks before replacing a file; reading prefers the open editor's text (it may not be saved yet).
import * as vscode from 'vscode';
import type { VmProfile } from '../../core/profile';
import { UserCancelled, UserFacingError } from '../../ui/model/errors';
import type { CommandServices } from '../commandServices';
import { profileText } from './model/profileScaffold';
import { orCancel } from '../../ui/model/prompter';
import { PROFILE_GLOB } from './model/profilePaths';

const t = vscode.l10n.t;


async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function workspaceFolder(svc: CommandServices): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new UserFacingError('Open a folder first: VM profiles are kept in its .dbc folder.');
  if (folders.length === 1) return folders[0]!;
  return orCancel(await svc.prompter.pick(folders.map((f) => ({ label: f.name, description: f.uri.fsPath, value: f })), { title: t('Save the profile in which folder?') }));
}

async function targetUri(svc: CommandServices, folder: vscode.WorkspaceFolder): Promise<vscode.Uri> {
  const main = vscode.Uri.joinPath(folder.uri, '.dbc', 'vm.json');
  if (!(await exists(main))) return main;
  const choice = orCancel(await svc.prompter.pick([
    { label: t('Save as another profile…'), description: '.dbc/<name>.vm.json', value: 'other' },
    { label: t('Replace .dbc/vm.json'), value: 'replace' },
  ], { title: t('.dbc/vm.json already exists') }));
  if (choice === 'replace') return main;
  const name = orCancel(await svc.prompter.input({
    title: t('Save as Profile'), prompt: t('Profile name (the file is .dbc/<name>.vm.json)'),
    validate: (v) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v.trim()) ? undefined : t('Use letters, digits, ".", "_" and "-" only.')),
  })).trim();
  const other = vscode.Uri.joinPath(folder.uri, '.dbc', `${name}.vm.json`);
  if (await exists(other) && !(await svc.prompter.confirm({ message: t('Replace {0}?', `.dbc/${name}.vm.json`), action: t('Replace') }))) throw new UserCancelled();
  return other;
}

/** Writes the profile into the workspace and opens it; returns where it went. */
export async function saveProfile(svc: CommandServices, profile: VmProfile): Promise<vscode.Uri> {
  const folder = await workspaceFolder(svc);
  const uri = await targetUri(svc, folder);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.dbc'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(profileText(profile), 'utf8'));
  await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true });
  void vscode.window.showInformationMessage(t('Saved the VM profile {0}. "DBC: Create VM from Profile" creates it again; the dbc CLI takes it with --profile.', vscode.workspace.asRelativePath(uri)));
  return uri;
}

/** The profile's text: the open editor's (saved or not), else the file's. */
export async function readProfileText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** The profile files of the workspace. */
export async function findProfiles(): Promise<vscode.Uri[]> {
  return vscode.workspace.findFiles(PROFILE_GLOB, '**/node_modules/**', 50);
}
