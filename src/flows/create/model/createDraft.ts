// The choices of Create VM while they are being made (the draft), what the node offers (the facts), and
// the step from one to the create spec: port proposals from the port planner, node-capacity checks, the
// summary. Pure: no vscode; texts go through the injected `t`.
import { conflicts, planPorts, type ExistingTask } from '../../../core/portPlanner';
import { validateCreateSpec, validateField, type Issue, type SpecField } from '../../../core/validation';
import type { Translate } from '../../../ui/model/translate';
import { describeEntry } from './customPorts';

export type OsChoice = 'linux' | 'windows';

/** What the GPU node offers, read before the first question. */
export interface CreateFacts {
  nodeName: string;
  images: { name: string; size?: string }[];
  gpuTotal: number;
  gpuFree: number;
  cpuCores?: number;
  memGb?: number;
  /** Free space of the node's data disk (the VM's data disk must fit in it). */
  diskFreeGb?: number;
  /** The node's VMs with their ports (for proposals and conflicts). */
  tasks: ExistingTask[];
  /**
   * A per-GPU rental: the rent order and how many GPUs it leases. The node then wants exactly that GPU
   * count and allows CPU cores and memory only up to the leased share of the machine.
   */
  lease?: { order: string; gpus: number };
  /** The virtual LANs a new VM may join (the client node's list). */
  networks?: { name: string; cidr: string; members: number }[];
}

/** The leased part of the machine (1 for a whole machine). */
export function leasedShare(facts: CreateFacts): number {
  const { lease, gpuTotal } = facts;
  return lease && gpuTotal > 0 && lease.gpus < gpuTotal ? lease.gpus / gpuTotal : 1;
}

/** The most CPU cores and memory a VM may have here: the node's, scaled by the leased share (TaskManager.cpp). */
export function cpuLimit(facts: CreateFacts): number | undefined {
  return facts.cpuCores === undefined ? undefined : Math.floor(facts.cpuCores * leasedShare(facts));
}

export function memLimit(facts: CreateFacts): number | undefined {
  return facts.memGb === undefined ? undefined : Math.floor(facts.memGb * leasedShare(facts));
}

export interface CreateDraft {
  image_name?: string;
  /** The image is typed rather than picked from the node's list. */
  typedImage?: boolean;
  operation_system?: OsChoice;
  gpu_count?: string;
  cpu_cores?: string;
  mem_size?: string;
  disk_size?: string;
  ssh_port?: string;
  rdp_port?: string;
  vnc_port?: string;
  /** The extra-ports answer as typed; `custom_port` holds the planned wire entries. */
  customText?: string;
  custom_port?: string[];
  /** The virtual LAN the VM joins ('' or absent: none). */
  network_name?: string;
  desc?: string;
}

export function loginField(draft: CreateDraft): 'ssh_port' | 'rdp_port' {
  return draft.operation_system === 'windows' ? 'rdp_port' : 'ssh_port';
}

export function guessOs(image: string | undefined): OsChoice {
  return /win/i.test(image ?? '') ? 'windows' : 'linux';
}

/** The create spec of a draft (wire names; validated and normalized before sending). */
export function draftSpec(draft: CreateDraft): Record<string, unknown> {
  const os = draft.operation_system ?? 'linux';
  const login = loginField(draft);
  const spec: Record<string, unknown> = {
    image_name: draft.image_name, operation_system: os, bios_mode: os === 'windows' ? 'uefi' : 'legacy',
    gpu_count: draft.gpu_count, cpu_cores: draft.cpu_cores, mem_size: draft.mem_size, disk_size: draft.disk_size,
    [login]: draft[login], vnc_port: draft.vnc_port, custom_port: draft.custom_port, network_name: draft.network_name, desc: draft.desc,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** Free host ports for the login and VNC ports, avoiding the node's tasks and this draft's other ports. */
export function proposePorts(draft: CreateDraft, tasks: readonly ExistingTask[]): { login?: string; vnc?: string } {
  const fixed = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const login = loginField(draft);
  const others: ExistingTask = { task_id: '(this VM)', custom_port: draft.custom_port };
  const plan = planPorts({ os: draft.operation_system ?? 'linux', login: fixed(draft[login]) ?? 'auto', vnc: fixed(draft.vnc_port) ?? 'auto' }, [...tasks, others]);
  return { login: plan[login], vnc: plan.vnc_port };
}

function gb(text: string | undefined): number | undefined {
  const m = /^([\d.]+)\s*([KMGTP]?)/i.exec(text ?? '');
  if (!m) return undefined;
  const scale: Record<string, number> = { '': 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024, P: 1024 ** 2 };
  return Number(m[1]) * (scale[m[2]!.toUpperCase()] ?? 1);
}

/** A node size such as "251.57G" or "3.49T" in whole GB (rounded down). */
export function sizeGb(text: string | undefined): number | undefined {
  const n = gb(text);
  return n === undefined || !Number.isFinite(n) ? undefined : Math.floor(n);
}

const CAPACITY: Partial<Record<SpecField, (f: CreateFacts) => number | undefined>> = {
  cpu_cores: cpuLimit,
  mem_size: memLimit,
  disk_size: (f) => f.diskFreeGb,
};

/** The localized problem of one answer, or undefined: create rules, the node's size, the node's ports. */
export function fieldProblem(t: Translate, field: SpecField, value: unknown, draft: CreateDraft, facts: CreateFacts): string | undefined {
  const spec = { ...draftSpec(draft), [field]: value };
  const issue: Issue | undefined = validateField(field, value, { spec })[0]
    ?? conflicts(spec, facts.tasks).find((i) => i.field === field || i.field.startsWith(`${field}[`));
  if (issue) return t(issue.template, ...issue.args);
  const limit = CAPACITY[field]?.(facts);
  const n = Number(value);
  if (limit !== undefined && Number.isFinite(n) && n > limit) {
    return leasedShare(facts) < 1 ? t('Your rent order leases {0} at most.', limit) : t('The node has {0} at most.', limit);
  }
  if (field === 'gpu_count' && facts.lease && Number.isFinite(n) && n !== facts.lease.gpus) {
    return t('Rent order {0} leases {1} GPUs: the node wants exactly that many.', facts.lease.order, facts.lease.gpus);
  }
  return undefined;
}

/** Every remaining problem of the whole draft, localized (empty when it can be sent). */
export function draftProblems(t: Translate, draft: CreateDraft, facts: CreateFacts): string[] {
  const spec = draftSpec(draft);
  const issues = [...validateCreateSpec(spec), ...conflicts(spec, facts.tasks)];
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true))).map((i) => t(i.template, ...i.args));
}

/** One line per choice, for the summary and the "Edit field…" list. */
export function summaryRows(t: Translate, draft: CreateDraft): { id: string; label: string; value: string }[] {
  const os = draft.operation_system === 'windows' ? 'Windows' : 'Linux';
  const login = loginField(draft);
  return [
    { id: 'image', label: t('Image'), value: draft.image_name ?? '' },
    { id: 'os', label: t('Operating system'), value: os },
    { id: 'gpus', label: t('GPUs'), value: draft.gpu_count ?? '' },
    { id: 'cpus', label: t('CPU cores'), value: draft.cpu_cores ?? '' },
    { id: 'memory', label: t('Memory (GB)'), value: draft.mem_size ?? '' },
    { id: 'disk', label: t('Data disk (GB)'), value: draft.disk_size ?? '' },
    { id: 'login', label: login === 'ssh_port' ? t('SSH port') : t('Remote Desktop port'), value: draft[login] ?? '' },
    { id: 'vnc', label: t('VNC port'), value: draft.vnc_port ?? '' },
    { id: 'ports', label: t('Extra ports (host → guest)'), value: (draft.custom_port ?? []).map(describeEntry).join(', ') || t('none') },
    { id: 'network', label: t('Network'), value: draft.network_name || t('none') },
    { id: 'name', label: t('Name'), value: draft.desc || t('none') },
  ];
}

/** The summary in one line: "ubuntu.qcow2 · Linux · 1 GPU · 8 cores · 16 GB · 100 GB · ssh 5600 · vnc 5900". */
export function summaryLine(t: Translate, draft: CreateDraft): string {
  const login = loginField(draft);
  return [
    draft.image_name, draft.operation_system === 'windows' ? 'Windows' : 'Linux', t('{0} GPU', draft.gpu_count ?? '?'),
    t('{0} CPU cores', draft.cpu_cores ?? '?'), t('{0} GB memory', draft.mem_size ?? '?'), t('{0} GB disk', draft.disk_size ?? '?'),
    `${login === 'ssh_port' ? 'ssh' : 'rdp'} ${draft[login] ?? '?'}`, `vnc ${draft.vnc_port ?? '?'}`,
    ...(draft.custom_port ?? []).map(describeEntry),
    draft.network_name ? t('network {0}', draft.network_name) : undefined,
  ].filter(Boolean).join(' · ');
}
