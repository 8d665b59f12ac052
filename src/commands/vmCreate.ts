// Create VM: a short series of prompts with live validation from src/core, the create call, and a
// background watcher that announces the end. After a timeout the node may still create the VM, so we
// reconcile by listing tasks: never a second create.
import * as vscode from 'vscode';
import { isOutcomeUnknown } from '../api/errors';
import type { TaskSummary } from '../api/types';
import { normalizeCreateSpec, validateCreateSpec, validateField, type Issue, type SpecField } from '../core/validation';
import { nodeName } from '../tree/model/present';
import type { NodeRef, VmRef } from '../tree/model/refs';
import { OperationFailed, UserFacingError } from '../ui/errors';
import { withProgress } from '../ui/progress';
import { writeAuth, type CommandServices } from './context';
import { orCancel, pickNode } from './pickers';
import { nodeRefOf, optionsOf } from './targets';
import { suggestPorts } from './portSuggestions';

const t = vscode.l10n.t;

export function issueText(issue: Issue): string {
  return t(issue.template, ...issue.args);
}

async function ask(svc: CommandServices, field: SpecField, spec: Record<string, unknown>, prompt: string, value: string): Promise<string> {
  return orCancel(await svc.prompter.input({
    title: t('Create VM'), prompt, value,
    validate: (v) => {
      const issue = validateField(field, v.trim(), { spec })[0];
      return issue ? issueText(issue) : undefined;
    },
  })).trim();
}

async function askSpec(svc: CommandServices, ref: NodeRef): Promise<Record<string, unknown>> {
  await svc.fetcher.nodeInfo(ref);
  const info = svc.store.peekNode(ref)?.info?.value;
  const images = (info?.images ?? []).map((i) => i.image_name).filter(Boolean);
  const typed = '\u0000typed';
  let image = orCancel(await svc.prompter.pick([
    ...images.map((name) => ({ label: name, description: info?.images?.find((i) => i.image_name === name)?.image_size, value: name })),
    { label: t('Enter an image name…'), value: typed },
  ], { title: t('Create VM on {0}: which image?', nodeName(svc.modelContext(), ref)) }));
  const spec: Record<string, unknown> = {};
  if (image === typed) image = await ask(svc, 'image_name', spec, t('Image file name on the GPU node (ends with .qcow2)'), '');
  spec.image_name = image;
  const windows = /win/i.test(image);
  spec.operation_system = orCancel(await svc.prompter.pick([
    { label: 'Linux', value: 'linux', picked: !windows }, { label: 'Windows', value: 'windows', picked: windows },
  ].sort((a) => (a.picked ? -1 : 1)), { title: t('Operating system of {0}', image) }));
  spec.bios_mode = spec.operation_system === 'windows' ? 'uefi' : 'legacy';
  const total = Number(info?.gpu?.gpu_count ?? 0);
  const free = Math.max(0, total - Number(info?.gpu?.gpu_used ?? 0));
  spec.gpu_count = orCancel(await svc.prompter.pick(Array.from({ length: free + 1 }, (_, n) => ({
    label: String(n), description: n === free ? t('all free GPUs') : undefined, value: String(n),
  })).reverse(), { title: t('How many GPUs? ({0} of {1} free)', free, total) }));
  spec.cpu_cores = await ask(svc, 'cpu_cores', spec, t('CPU cores'), String(Math.max(2, Math.min(16, Number(info?.cpu?.cores ?? 8)))));
  spec.mem_size = await ask(svc, 'mem_size', spec, t('Memory in GB'), '16');
  spec.disk_size = await ask(svc, 'disk_size', spec, t('Data disk in GB'), '100');
  const os = spec.operation_system === 'windows' ? 'windows' : 'linux';
  const ports = await suggestPorts(svc, ref, os);
  const login = os === 'windows' ? 'rdp_port' : 'ssh_port';
  spec[login] = await ask(svc, login, spec, login === 'ssh_port' ? t('Host port for SSH (a free one is proposed)') : t('Host port for Remote Desktop (a free one is proposed)'), ports.login ?? '');
  spec.vnc_port = await ask(svc, 'vnc_port', spec, t('Host port for VNC (5900 or above; a free one is proposed)'), ports.vnc ?? '');
  spec.desc = await ask(svc, 'desc', spec, t('A name for the VM (optional)'), '');
  return spec;
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
    await new Promise((r) => setTimeout(r, 5000));
  }
  return undefined;
}

export async function createVm(svc: CommandServices, args: readonly unknown[]): Promise<VmRef | undefined> {
  const opts = optionsOf(args[0]);
  const ref = nodeRefOf(svc, args[0]) ?? (await pickNode(svc, t('Create the VM on which GPU node?')));
  const raw = typeof opts['spec'] === 'object' && opts['spec'] !== null ? (opts['spec'] as Record<string, unknown>) : await askSpec(svc, ref);
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
      svc.clients.client(ref.endpoint).createTask(ref.nodeId, spec, { auth: await writeAuth(svc, ref) }), false);
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
  await svc.refreshNodes([ref], { immediate: true });
  void svc.createWatches.watch(vm, name);
  void vscode.window.showInformationMessage(t('{0} is being created on {1}. This usually takes 5 to 15 minutes; you will be notified when it is ready.', name, node));
  return vm;
}
