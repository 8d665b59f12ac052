// Modify VM as data: the fields one may change (with the VM's current values from its details), the
// changes collected so far, and how to read the node's answers. Pure: `t` is injected.
import type { TaskInfo } from '../../../api/types';
import type { ModifyField } from '../../../core/validation';
import type { PickItem } from '../../../ui/model/prompter';
import type { Translate } from '../../../ui/model/translate';
import { osFacetOf } from '../../../tree/model/vmState';

export type Changes = Partial<Record<ModifyField, string | string[]>>;

/** Task info with the VM's own public IP ('' for none) when it can be told (core/publicIp.ts). */
export interface ModifyInfo extends TaskInfo {
  public_ip?: string;
}

interface FieldSpec {
  field: ModifyField;
  label: (t: Translate) => string;
  current: (info: ModifyInfo) => string | undefined;
  os?: 'linux' | 'windows';
}

const num = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const gbOf = (v: string | undefined): string | undefined => (v ? /^(\d+)/.exec(v)?.[1] ?? v : undefined);

export const MODIFY_CHOICES: readonly FieldSpec[] = [
  { field: 'new_ssh_port', label: (t) => t('SSH port'), current: (i) => i.ssh_port, os: 'linux' },
  { field: 'new_rdp_port', label: (t) => t('Remote Desktop port'), current: (i) => i.rdp_port, os: 'windows' },
  { field: 'new_vnc_port', label: (t) => t('VNC port'), current: (i) => i.vnc_port },
  { field: 'new_gpu_count', label: (t) => t('GPU count'), current: (i) => num(i.gpu_count) },
  { field: 'new_cpu_cores', label: (t) => t('CPU cores'), current: (i) => num(i.cpu_cores) },
  { field: 'new_mem_size', label: (t) => t('Memory in GB'), current: (i) => gbOf(i.mem_size) },
  { field: 'new_custom_port', label: (t) => t('Custom port forwards'), current: () => undefined },
  // The node clears the public IP of a modify that does not send it: the current one is always sent again.
  { field: 'new_public_ip', label: (t) => t('Public IP (empty: none)'), current: (i) => i.public_ip },
];

export const APPLY = 'apply';

/** The fields for this VM's OS. */
export function choicesFor(info: ModifyInfo): FieldSpec[] {
  const os = osFacetOf(info);
  return MODIFY_CHOICES.filter((c) => !c.os || os === 'unknown' || c.os === os);
}

export function valueText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : value ?? '';
}

/** The items of the "what to change" list: Apply first once something changed, then each field. */
export function fieldItems(t: Translate, info: ModifyInfo, changes: Changes): PickItem<string>[] {
  const fields = choicesFor(info).map((c) => {
    const current = c.current(info);
    const next = changes[c.field];
    const now = current === undefined ? t('current value not reported') : t('now {0}', current);
    return { label: c.label(t), description: next === undefined ? now : `${now} → ${valueText(next) || t('none')}`, value: c.field as string };
  });
  const count = Object.keys(changes).length;
  return count === 0 ? fields : [{ label: `$(check) ${t('Apply {0} change(s)', count)}`, detail: describeChanges(t, info, changes), value: APPLY }, ...fields];
}

export function describeChanges(t: Translate, info: ModifyInfo, changes: Changes): string {
  return choicesFor(info).filter((c) => changes[c.field] !== undefined)
    .map((c) => `${c.label(t)}: ${c.current(info) ?? '?'} → ${valueText(changes[c.field]) || t('none')}`).join(' · ');
}

/** The changes after an answer: a value equal to the current one is no change (an empty public IP removes it). */
export function withAnswer(info: ModifyInfo, changes: Changes, field: ModifyField, text: string): Changes {
  const list = field === 'new_custom_port';
  const value = list ? text.split(/\s+/).filter(Boolean) : text.trim();
  const current = MODIFY_CHOICES.find((c) => c.field === field)?.current(info);
  const blankMeans = field === 'new_public_ip';
  const next = { ...changes };
  if (!list && (value === current || (value === '' && !blankMeans))) delete next[field];
  else next[field] = value;
  return next;
}

/** "some changes will take effect on the next boot" (T12). */
export function isNextBootReply(reply: string): boolean {
  return /next boot/i.test(reply);
}

/** Older nodes refuse to modify a running VM ("task is running, please close it first"). */
export function isRunningRefusal(nodeMessage: string): boolean {
  return /task is running|close (it|task) first|shut ?off|must be (stopped|closed)/i.test(nodeMessage);
}
