// Modify VM (T12): a list of the changeable fields with the VM's current values, each change validated
// as typed (and checked against the ports of the node's other VMs), then one request. The seed document
// asks for a stopped VM, 0.4.1.8 nodes accept a running one: we offer to stop first, and if the node
// refuses a running VM we offer to stop and retry. "Next boot" replies come with an offer to restart.
import * as vscode from 'vscode';
import { GpuNodeError } from '../api/errors';
import type { ModifyTaskSpec, TaskInfo } from '../api/types';
import { conflicts } from '../core/portPlanner';
import { currentPublicIp } from '../core/publicIp';
import { normalizeModifySpec, validateField, validateModifySpec, type ModifyField } from '../core/validation';
import type { VmRef } from '../config/model/refs';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { existingTasks } from '../flows/create/nodeFacts';
import { issueText } from '../flows/create/submitCreate';
import { APPLY, fieldItems, isNextBootReply, isRunningRefusal, valueText, withAnswer, type Changes, type ModifyInfo } from '../flows/modify/model/modifyModel';
import { orCancel } from '../ui/model/prompter';
import type { modifyOptions } from './model/options';
import { currentState, stopAndWait } from '../flows/vmPower';
import { taskInfoOf, vmName } from '../flows/vmInfo';

const t = vscode.l10n.t;

/** The VM's own public IP ('' for none) from its details and the node's masked address; undefined when it cannot be told. */
async function keptPublicIp(svc: CommandServices, ref: VmRef, info: TaskInfo): Promise<string | undefined> {
  if (!svc.store.peekNode(ref)?.info?.value) await svc.fetcher.nodeInfo(ref);
  return currentPublicIp(info.ssh_ip, svc.store.peekNode(ref)?.info?.value?.ip);
}

/**
 * A modify without `new_public_ip` clears the VM's public IP (docs/dbc-real-node.md §2): unless the
 * change sets one, the current one is sent again; when it cannot be told, the user decides.
 */
async function withPublicIp(svc: CommandServices, ref: VmRef, spec: Record<string, unknown>, info: ModifyInfo | undefined): Promise<Record<string, unknown>> {
  if (spec['new_public_ip'] !== undefined) return spec;
  const keep = info?.public_ip ?? (await keptPublicIp(svc, ref, info ?? (await taskInfoOf(svc, ref, 0))));
  if (keep !== undefined) return keep === '' ? spec : { ...spec, new_public_ip: keep };
  const ok = await svc.prompter.confirm({
    message: t('Cannot tell whether {0} has a public IP of its own.', vmName(svc, ref)),
    detail: t('The node removes the public IP of a VM when a change does not send it. Modify anyway? (To keep an IP, cancel and set "Public IP" in the list of changes.)'),
    action: t('Modify Anyway'),
  });
  if (!ok) throw new UserCancelled();
  return spec;
}

async function askChanges(svc: CommandServices, ref: VmRef, info: ModifyInfo): Promise<Changes> {
  const name = vmName(svc, ref);
  const tasks = await existingTasks(svc, ref);
  let changes: Changes = {};
  for (;;) {
    const chosen = await svc.prompter.step({ kind: 'pick', title: t('Modify {0}', name), placeholder: t('What do you want to change?'), items: fieldItems(t, info, changes) }, { step: 1, total: 2, back: false });
    if (chosen === undefined || chosen === 'back') throw new UserCancelled();
    if (chosen.value === APPLY) return changes;
    const field = chosen.value as ModifyField;
    const list = field === 'new_custom_port';
    const answer = await svc.prompter.step<string>({
      kind: 'input', title: t('Modify {0}', name), value: valueText(changes[field]),
      prompt: list ? t('Port forwards separated by spaces, e.g. tcp,8080 udp,6000-6010 (empty removes all)')
        : field === 'new_public_ip' ? t('The VM\'s own public IP (empty: none, the VM is reached through the node\'s address)') : t('New value'),
      validate: (v) => {
        const value = list ? v.split(/\s+/).filter(Boolean) : v.trim();
        const spec = { ...changes, [field]: value };
        const issue = validateField(field, value, { spec })[0] ?? conflicts(spec as ModifyTaskSpec, tasks, { ignoreTaskId: ref.taskId }).find((i) => i.field.startsWith(field));
        return issue ? issueText(issue) : undefined;
      },
    }, { step: 2, total: 2, back: true });
    if (answer === undefined) throw new UserCancelled();
    if (answer !== 'back') changes = withAnswer(info, changes, field, answer.value);
  }
}

/** Running VMs: modify now, or stop first as the seed document asks. */
async function stopFirst(svc: CommandServices, ref: VmRef, given: boolean | undefined): Promise<boolean> {
  if (given !== undefined) return given;
  if ((await currentState(svc, ref))?.state !== 'running') return false;
  return orCancel(await svc.prompter.pick([
    { label: t('Modify while it runs'), description: t('CPU, GPU, memory and VNC changes apply at the next boot'), value: false },
    { label: t('Stop the VM first, then modify'), description: t('as the DBC documentation asks; older nodes require it'), value: true },
  ], { title: t('{0} is running.', vmName(svc, ref)) }));
}

async function send(svc: CommandServices, ref: VmRef, spec: Record<string, unknown>): Promise<string> {
  const name = vmName(svc, ref);
  return withProgress(t('Modifying {0}…', name), async (signal) => {
    try {
      const wire = normalizeModifySpec(spec);
      const reply = await svc.clients.client(ref.endpoint).modifyTask(ref.nodeId, ref.taskId, wire, { auth: await svc.access.forWrite(ref.nodeId), signal });
      if (Array.isArray(wire['new_custom_port'])) await svc.portRecords.record(ref, wire['new_custom_port'] as string[]);
      return reply;
    } catch (err) {
      throw new OperationFailed(t('Modifying {0} failed', name), err, ref.endpoint);
    }
  });
}

/** Sends; a "task is running" refusal is answered by stop-and-retry when the user agrees. */
async function sendTolerant(svc: CommandServices, ref: VmRef, spec: Record<string, unknown>): Promise<{ reply: string; stopped: boolean }> {
  try {
    return { reply: await send(svc, ref, spec), stopped: false };
  } catch (err) {
    const cause = err instanceof OperationFailed ? err.cause : err;
    if (!(cause instanceof GpuNodeError) || !isRunningRefusal(cause.nodeMessage)) throw err;
    const ok = await svc.prompter.confirm({
      message: t('{0} refuses to modify a running VM.', vmName(svc, ref)), detail: t('Stop the VM, then send the same changes again?'), action: t('Stop and Retry'),
    });
    if (!ok) throw new UserCancelled();
    await stopAndWait(svc, ref);
    return { reply: await send(svc, ref, spec), stopped: true };
  }
}

function announce(svc: CommandServices, ref: VmRef, reply: string, stopped: boolean): void {
  const name = vmName(svc, ref);
  const restart = t('Restart Now');
  const start = t('Start VM');
  const button = stopped ? start : isNextBootReply(reply) ? restart : undefined;
  const text = isNextBootReply(reply) ? t('{0} was modified; some changes take effect on the next boot.', name) : t('{0} was modified.', name);
  void vscode.window.showInformationMessage(text, ...(button ? [button] : [])).then((answer) => {
    if (answer === restart) void vscode.commands.executeCommand('dbc.vm.restart', ref);
    if (answer === start) void vscode.commands.executeCommand('dbc.vm.start', ref);
  });
}

export async function modifyVm(svc: CommandServices, ref: VmRef, o: ReturnType<typeof modifyOptions>): Promise<string> {
  let info: ModifyInfo | undefined;
  if (!o.spec) {
    const details = await taskInfoOf(svc, ref, 0);
    info = { ...details, public_ip: await keptPublicIp(svc, ref, details) };
  }
  const spec = await withPublicIp(svc, ref, o.spec ?? (await askChanges(svc, ref, info!)), info);
  const issue = validateModifySpec(spec)[0];
  if (issue) throw new UserFacingError('The change is not valid: {0}', [issueText(issue)]);
  const stop = await stopFirst(svc, ref, o.stopFirst);
  if (stop) await stopAndWait(svc, ref);
  const { reply, stopped } = await sendTolerant(svc, ref, spec);
  svc.store.node(ref).taskInfo.delete(ref.taskId);
  await svc.refreshNodes([ref], { immediate: true });
  announce(svc, ref, reply, stop || stopped);
  return reply;
}
