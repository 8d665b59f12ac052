// The VM state vocabulary of the UI, on top of src/core/taskState (the node's statuses folded into seven
// states, with the actions each status allows). Adds what only the editor needs: the OS facet of a row
// whose details are not fetched yet, and the statuses the menu tests enumerate.
import type { TaskInfo } from '../../api/types';
import { allowedActions, isTransitional, statusLabel, taskOsKind, VM_ACTIONS, VM_STATES, vmStateOf, type VmAction, type VmState } from '../../core/taskState';

export { allowedActions, isTransitional, statusLabel, VM_ACTIONS, VM_STATES, vmStateOf, type VmAction, type VmState };

export type OsFacet = 'linux' | 'windows' | 'unknown';

/** The OS of a VM row: unknown until its details (T2) were fetched once. */
export function osFacetOf(info: Pick<TaskInfo, 'os' | 'ssh_port' | 'rdp_port'> | undefined): OsFacet {
  return info ? taskOsKind(info) : 'unknown';
}

export function allows(status: string | undefined, action: VmAction): boolean {
  return allowedActions(status).has(action);
}

/** Every status of protocol §9, plus shapes the core classifies by pattern, for exhaustive tests. */
export const SAMPLE_STATUSES: readonly string[] = [
  'running', 'closed', 'pmsuspend', 'creating', 'starting', 'being shutdown', 'being poweroff', 'restarting',
  'resetting', 'deleting', 'create error', 'start error', 'shutdown error', 'poweroff error', 'restart error',
  'reset error', 'none', 'disk resizing', 'disk adding', 'disk deleting', 'snapshot creating', 'error',
  'delete error', 'resize disk error', 'add disk error', 'delete disk error', 'create snapshot error',
  'migrating', 'exploded', '',
];
