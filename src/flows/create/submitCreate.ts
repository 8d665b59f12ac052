// Sending a create (T3) exactly once. After an unanswered create the node may still build the VM, so we
// reconcile by listing tasks (never a second create); the background watcher announces the end.
import * as vscode from 'vscode';
import { isOutcomeUnknown } from '../../api/errors';
import type { TaskSummary } from '../../api/types';
import { normalizeCreateSpec, validateCreateSpec, type Issue } from '../../core/validation';
import { nodeName } from '../../tree/model/present';
import type { NodeRef, VmRef } from '../../config/model/refs';
import { OperationFailed, UserFacingError } from '../../ui/model/errors';
import { withProgress } from '../../ui/progress';
import type { CommandServices } from '../commandServices';
import { abortableSleep } from '../../util/sleep';

const t = vscode.l10n.t;

export function issueText(issue: Issue): string {
  return t(issue.template, ...issue.args);
}

/** The tasks the node lists now (to recognise the new one after a timeout). */
async function currentTasks(svc: CommandServices, ref: NodeRef): Promise<TaskSummary[]> {
  await svc.refreshNodes([ref], { immediate: true });
  return svc.store.peekNode(ref)?.tasks?.value ?? [];
}

/** After an unanswered create: look for a VM that was not there before (a few tries). */
async function reconcile(svc: CommandServices, ref: NodeRef, before: Set<string>, desc: string | undefined): Promise<string | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const fresh = (await currentTasks(svc, ref)).filter((task) => !before.has(task.task_id));
    const match = fresh.find((task) => !desc || task.desc === desc) ?? fresh[0];
    if (match) return match.task_id;
    await abortableSleep(5000);
  }
  return undefined;
}

/** Validates, sends and starts watching; the new VM, or undefined when the node never confirmed it. */
export async function submitCreate(svc: CommandServices, ref: NodeRef, raw: Record<string, unknown>): Promise<VmRef | undefined> {
  const issues = validateCreateSpec(raw);
  if (issues[0]) throw new UserFacingError('The VM settings are not valid: {0}', [issueText(issues[0])]);
  const spec = normalizeCreateSpec(raw);
  const desc = typeof spec['desc'] === 'string' ? spec['desc'] : undefined;
  const node = nodeName(svc.modelContext(), ref);
  const before = new Set((svc.store.peekNode(ref)?.tasks?.value ?? (await currentTasks(svc, ref))).map((task) => task.task_id));
  const name = desc || t('new VM');
  let taskId: string | undefined;
  try {
    const created = await withProgress(t('Creating {0} on {1}…', name, node), async () =>
      svc.clients.client(ref.endpoint).createTask(ref.nodeId, spec, { auth: await svc.access.forWrite(ref.nodeId) }), false);
    taskId = created.task_id;
  } catch (err) {
    if (!isOutcomeUnknown(err)) throw new OperationFailed(t('Creating {0} on {1} failed', name, node), err, ref.endpoint);
    svc.log.warn(`[create] no answer to the create on ${ref.nodeId.slice(0, 8)}; reconciling by listing tasks`);
    taskId = await withProgress(t('The node did not answer in time; looking for the new VM…'), () => reconcile(svc, ref, before, desc), false);
    if (!taskId) {
      void vscode.window.showWarningMessage(t('{0} did not confirm the creation of {1}. It may still appear in a few minutes: the view keeps checking. Do not create it again yet.', node, name));
      return undefined;
    }
  }
  const vm = { ...ref, taskId };
  await svc.portRecords.record(vm, Array.isArray(spec['custom_port']) ? (spec['custom_port'] as string[]) : []);
  await svc.refreshNodes([ref], { immediate: true });
  void svc.createWatches.watch(vm, name);
  void vscode.window.showInformationMessage(t('{0} is being created on {1}. This usually takes 5 to 15 minutes; you will be notified when it is ready.', name, node));
  return vm;
}
