// Modify a VM (T12): pick what to change, validate with src/core, send. Resource changes apply on the
// next boot; the node says so and we pass it on.
import * as vscode from 'vscode';
import { normalizeModifySpec, validateField, validateModifySpec, type ModifyField } from '../core/validation';
import { OperationFailed, UserFacingError } from '../ui/errors';
import { withProgress } from '../ui/progress';
import { writeAuth, type CommandServices } from './context';
import { orCancel } from './pickers';
import { optionsOf } from './targets';
import { issueText } from './vmCreate';
import { oneVm } from './vmDetails';
import { vmName } from './vmLifecycle';

const t = vscode.l10n.t;

function fieldItems(): { label: string; description: string; value: ModifyField }[] {
  return [
    { label: t('SSH port'), description: 'new_ssh_port', value: 'new_ssh_port' },
    { label: t('Remote Desktop port'), description: 'new_rdp_port', value: 'new_rdp_port' },
    { label: t('VNC port'), description: 'new_vnc_port', value: 'new_vnc_port' },
    { label: t('GPU count'), description: 'new_gpu_count', value: 'new_gpu_count' },
    { label: t('CPU cores'), description: 'new_cpu_cores', value: 'new_cpu_cores' },
    { label: t('Memory in GB'), description: 'new_mem_size', value: 'new_mem_size' },
    { label: t('Custom port forwards'), description: 'new_custom_port', value: 'new_custom_port' },
  ];
}

async function askSpec(svc: CommandServices, name: string): Promise<Record<string, unknown>> {
  const field = orCancel(await svc.prompter.pick(fieldItems(), { title: t('Modify {0}: what do you want to change?', name) }));
  const list = field === 'new_custom_port';
  const text = orCancel(await svc.prompter.input({
    title: t('Modify {0}', name),
    prompt: list ? t('Port forwards separated by spaces, e.g. tcp,8080 udp,6000-6010 (empty removes all)') : t('New value'),
    validate: (v) => {
      const value = list ? v.split(/\s+/).filter(Boolean) : v.trim();
      const issue = validateField(field, value)[0];
      return issue ? issueText(issue) : undefined;
    },
  }));
  return { [field]: list ? text.split(/\s+/).filter(Boolean) : text.trim() };
}

export async function modifyVm(svc: CommandServices, args: readonly unknown[]): Promise<string> {
  const ref = await oneVm(svc, args, 'modify', t('Modify which VM?'));
  const name = vmName(svc, ref);
  const given = optionsOf(args[0])['spec'];
  const raw = typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : await askSpec(svc, name);
  const issue = validateModifySpec(raw)[0];
  if (issue) throw new UserFacingError('The change is not valid: {0}', [issueText(issue)]);
  const reply = await withProgress(t('Modifying {0}…', name), async (signal) => {
    try {
      return await svc.clients.client(ref.endpoint).modifyTask(ref.nodeId, ref.taskId, normalizeModifySpec(raw), { auth: await writeAuth(svc, ref), signal });
    } catch (err) {
      throw new OperationFailed(t('Modifying {0} failed', name), err, ref.endpoint);
    }
  });
  svc.store.node(ref).taskInfo.delete(ref.taskId);
  const nextBoot = /next boot/i.test(reply);
  void vscode.window.showInformationMessage(nextBoot ? t('{0} was modified; some changes take effect on the next boot.', name) : t('{0} was modified.', name));
  await svc.refreshNodes([ref], { immediate: true });
  return reply;
}
