// The node's task status vocabulary (protocol §9) folded into a closed union, with labels and the actions
// each status allows. Statuses are matched case-insensitively and trimmed; unknown strings are kept usable.
import { type TaskInfo, type TaskStatus } from '../api/types';
import { label, type LabelCode, type Localizable } from './messages';
import { type OsKind } from './validation/system';

export type VmState = 'running' | 'stopped' | 'sleeping' | 'creating' | 'transitioning' | 'error' | 'unknown';

export const VM_STATES: readonly VmState[] = [
  'running', 'stopped', 'sleeping', 'creating', 'transitioning', 'error', 'unknown',
];

export type VmAction =
  | 'start' | 'stop' | 'shutdown' | 'poweroff' | 'restart' | 'forceRestart' | 'reset'
  | 'delete' | 'modify' | 'setPassword' | 'snapshot' | 'logs' | 'connect';

export const VM_ACTIONS: readonly VmAction[] = [
  'start', 'stop', 'shutdown', 'poweroff', 'restart', 'forceRestart', 'reset',
  'delete', 'modify', 'setPassword', 'snapshot', 'logs', 'connect',
];

interface StatusFacts {
  state: VmState;
  label: LabelCode;
  actions: readonly VmAction[];
}

// "Allowed when" of §9, read against the libvirt state each status implies:
// running = RUNNING, closed = SHUTOFF, pmsuspend = PMSUSPENDED. Start (which also wakes) needs
// NOSTATE/SHUTOFF/PMSUSPENDED; stop/poweroff/shutdown need "not SHUTOFF"; restart needs
// NOSTATE/SHUTOFF/RUNNING; reset needs RUNNING; delete needs the domain. Password and connect need a
// running guest; snapshot needs SHUTOFF (§7 S3). Modify is accepted in any state by current nodes
// (older ones wanted the VM shut off). Logs are the node's own operation log, always readable.
const RUNNING: readonly VmAction[] = [
  'stop', 'shutdown', 'poweroff', 'restart', 'forceRestart', 'reset', 'delete', 'modify', 'setPassword', 'logs', 'connect',
];
const CLOSED: readonly VmAction[] = ['start', 'restart', 'forceRestart', 'delete', 'modify', 'snapshot', 'logs'];
const SLEEPING: readonly VmAction[] = ['start', 'stop', 'shutdown', 'poweroff', 'delete', 'modify', 'logs'];
// The domain may not exist yet (the node answers "task not exist"), but a stuck creation must be deletable.
const CREATING: readonly VmAction[] = ['delete', 'logs'];
// Transitional statuses are never reconciled by the node: keep power-off and delete as ways out.
const BUSY: readonly VmAction[] = ['stop', 'poweroff', 'delete', 'logs'];
const FINISHING: readonly VmAction[] = ['delete', 'logs'];
// An error status sticks whatever libvirt says, so offer every recovery and let the node refuse.
const RECOVER: readonly VmAction[] = [
  'start', 'stop', 'shutdown', 'poweroff', 'restart', 'forceRestart', 'delete', 'modify', 'logs',
];

const transitional = (l: LabelCode, actions: readonly VmAction[] = BUSY): StatusFacts => ({ state: 'transitioning', label: l, actions });
const failed = (l: LabelCode, actions: readonly VmAction[] = RECOVER): StatusFacts => ({ state: 'error', label: l, actions });

const KNOWN: Record<string, StatusFacts> = {
  running: { state: 'running', label: 'stateRunning', actions: RUNNING },
  closed: { state: 'stopped', label: 'stateStopped', actions: CLOSED },
  pmsuspend: { state: 'sleeping', label: 'stateSleeping', actions: SLEEPING },
  creating: { state: 'creating', label: 'stateCreating', actions: CREATING },
  starting: transitional('statusStarting'),
  'being shutdown': transitional('statusShuttingDown', FINISHING),
  'being poweroff': transitional('statusPoweringOff', FINISHING),
  restarting: transitional('statusRestarting'),
  resetting: transitional('statusResetting'),
  deleting: transitional('statusDeleting', ['logs']),
  'disk resizing': transitional('statusDiskResizing', ['logs']),
  'disk adding': transitional('statusDiskAdding', ['logs']),
  'disk deleting': transitional('statusDiskDeleting', ['logs']),
  'snapshot creating': transitional('statusSnapshotCreating', ['logs']),
  // The domain usually exists, shut off (docs/dbc-real-node.md §5): start, restart and delete work; the
  // node answers "task not exist" when defining it failed.
  'create error': failed('statusCreateError', ['start', 'restart', 'delete', 'logs']),
  'start error': failed('statusStartError'),
  'shutdown error': failed('statusShutdownError'),
  'poweroff error': failed('statusPoweroffError'),
  'restart error': failed('statusRestartError'),
  'reset error': failed('statusResetError'),
  'delete error': failed('statusDeleteError'),
  'resize disk error': failed('statusResizeDiskError'),
  'add disk error': failed('statusAddDiskError'),
  'delete disk error': failed('statusDeleteDiskError'),
  'create snapshot error': failed('statusCreateSnapshotError'),
  error: failed('stateError'),
  none: { state: 'unknown', label: 'stateUnknown', actions: RECOVER },
};

const STATE_LABELS: Record<VmState, LabelCode> = {
  running: 'stateRunning',
  stopped: 'stateStopped',
  sleeping: 'stateSleeping',
  creating: 'stateCreating',
  transitioning: 'stateTransitioning',
  error: 'stateError',
  unknown: 'stateUnknown',
};

function key(status: string | undefined): string {
  return (status ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Facts of a status string; unknown strings are classified by shape ("… error", "…ing"). */
function factsOf(status: string | undefined): StatusFacts | undefined {
  const k = key(status);
  const known = KNOWN[k];
  if (known) return known;
  if (/\berror\b|\bfail/.test(k)) return { state: 'error', label: 'statusOther', actions: RECOVER };
  if (/ing\b/.test(k)) return { state: 'transitioning', label: 'statusOther', actions: BUSY };
  return undefined;
}

/** The closed state of a node status string (`running`, `being shutdown`, `start error`, anything else). */
export function vmStateOf(status: TaskStatus | undefined): VmState {
  return factsOf(status)?.state ?? 'unknown';
}

/** True while the node is working on the task (creating or any transitional status): poll faster. */
export function isTransitional(status: TaskStatus | undefined): boolean {
  const state = vmStateOf(status);
  return state === 'creating' || state === 'transitioning';
}

/** The label of a closed state ("Running", "Busy", …). */
export function stateLabel(state: VmState): Localizable {
  return label(STATE_LABELS[state]);
}

/** The most precise label of a status ("Shutting down", "Start failed", or the raw text when unknown). */
export function statusLabel(status: TaskStatus | undefined): Localizable {
  const facts = factsOf(status);
  if (facts && facts.label !== 'statusOther') return label(facts.label);
  const raw = (status ?? '').trim();
  return raw === '' ? label('stateUnknown') : label('statusOther', raw);
}

/** The actions a status allows; an unrecognized status allows the recovery set (the node has the last word). */
export function allowedActions(status: TaskStatus | undefined): ReadonlySet<VmAction> {
  return new Set(factsOf(status)?.actions ?? RECOVER);
}

export function isActionAllowed(action: VmAction, status: TaskStatus | undefined): boolean {
  return allowedActions(status).has(action);
}

/**
 * The OS family of a task from T2: `os` containing "win" is Windows (the node then reports `rdp_port`
 * instead of `ssh_port`); otherwise Linux. Without `os`, the reported login port decides.
 */
export function taskOsKind(info: Pick<TaskInfo, 'os' | 'ssh_port' | 'rdp_port'>): OsKind {
  if (info.os && info.os.trim() !== '') return info.os.toLowerCase().includes('win') ? 'windows' : 'linux';
  return info.rdp_port && !info.ssh_port ? 'windows' : 'linux';
}
