// New VM Profile (the Create VM questions, saved as .dbc/vm.json instead of sent) and Create VM from
// Profile (the same file the CLI takes with `dbc vm create --profile`): "auto" ports are planned against
// the node's VMs, and problems are reported with their line and column and marked in the editor.
import * as vscode from 'vscode';
import { nodeName } from '../tree/model/present';
import type { NodeRef, VmRef } from '../config/model/refs';
import { UserFacingError } from '../ui/model/errors';
import { inWindow } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { summaryLine } from '../flows/create/model/createDraft';
import { runCreateFlow } from '../flows/create/model/createFlow';
import { existingTasks } from '../flows/create/nodeFacts';
import { draftProfile } from '../flows/profile/model/profileScaffold';
import { submitCreate } from '../flows/create/submitCreate';
import { orCancel } from '../ui/model/prompter';
import { flowOptions, initialDraft } from '../flows/create/flowOptions';
import { pickNode } from '../flows/pickers';
import { endpointFor } from './model/targets';
import { checkProfileText, specDraft, type ProfileProblem } from '../flows/profile/model/profileCheck';
import { readProfileText, saveProfile } from '../flows/profile/profileFiles';

const t = vscode.l10n.t;

export async function newProfile(svc: CommandServices, ref: NodeRef): Promise<vscode.Uri> {
  const base = await flowOptions(svc, ref);
  const draft = orCancel(await runCreateFlow({ ...base, finalLabel: t('Save Profile') }, initialDraft(svc, ref, base.facts.images)));
  return saveProfile(svc, draftProfile(draft, ref.nodeId));
}

async function showProblems(uri: vscode.Uri, problems: ProfileProblem[]): Promise<never> {
  const first = problems[0];
  if (!first) throw new UserFacingError('The profile {0} cannot be used.', [vscode.workspace.asRelativePath(uri)]);
  await vscode.window.showTextDocument(uri, { preview: false, selection: new vscode.Range(first.line - 1, first.column - 1, first.line - 1, first.column - 1) });
  throw new UserFacingError('{0}, line {1}, column {2}: {3}', [vscode.workspace.asRelativePath(uri), first.line, first.column, vscode.l10n.t(first.template, ...first.args)],
    'Fix the profile: its problems are marked in the editor.');
}

function nodeOfProfile(svc: CommandServices, nodeId: string | undefined): NodeRef | undefined {
  if (!nodeId) return undefined;
  const id = nodeId.toLowerCase();
  const endpoint = endpointFor(svc, id);
  return endpoint ? { endpoint, nodeId: id } : undefined;
}

export async function createFromProfile(svc: CommandServices, uri: vscode.Uri): Promise<VmRef | undefined> {
  const text = await readProfileText(uri);
  const shape = checkProfileText(text);
  if (shape.problems.length > 0) return showProblems(uri, shape.problems);
  const ref = nodeOfProfile(svc, shape.node) ?? (await pickNode(svc, t('Create the VM on which GPU node?')));
  const checked = checkProfileText(text, await inWindow(t('Reading the GPU node…'), () => existingTasks(svc, ref)));
  if (checked.problems.length > 0 || !checked.spec) return showProblems(uri, checked.problems);
  const rel = vscode.workspace.asRelativePath(uri);
  const ok = await svc.prompter.confirm({
    message: t('Create a VM on {0} from {1}?', nodeName(svc.modelContext(), ref), rel),
    detail: summaryLine(t, specDraft(checked.spec)), action: t('Create VM'),
  });
  if (!ok) return undefined;
  return submitCreate(svc, ref, checked.spec as unknown as Record<string, unknown>);
}
