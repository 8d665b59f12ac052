// Powering a VM off before an operation that needs it shut off (snapshot; modify on older nodes), and
// waiting until the node reports it closed. Stop is a hard power-off on 0.4.1.8 nodes (protocol §9).
import * as vscode from 'vscode';
import { taskOf } from '../tree/model/present';
import type { VmRef } from '../config/model/refs';
import { localize } from '../ui/model/translate';
import { statusLabel, vmStateOf, type VmState } from '../tree/model/vmState';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from './commandServices';
import { vmName } from './vmInfo';
import { abortableSleep } from '../util/sleep';

const t = vscode.l10n.t;
const POLL_MS = 1500;
const STOP_TIMEOUT_MS = 5 * 60_000;

/** The VM's state from a fresh task list. */
export async function currentState(svc: CommandServices, ref: VmRef): Promise<{ state: VmState; status: string } | undefined> {
  await svc.refreshNodes([ref], { immediate: true });
  const task = taskOf(svc.modelContext(), ref);
  return task ? { state: vmStateOf(task.status), status: task.status } : undefined;
}

async function waitUntilStopped(svc: CommandServices, ref: VmRef, name: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (!signal.aborted) {
    await abortableSleep(POLL_MS, signal);
    const now = await currentState(svc, ref);
    if (!now) throw new UserFacingError('{0} disappeared while it was being stopped.', [name]);
    if (now.state === 'stopped') return;
    if (now.state === 'error') throw new UserFacingError('{0} did not stop: the node reports "{1}".', [name, localize(t, statusLabel(now.status))]);
    if (Date.now() > deadline) throw new UserFacingError('{0} is still "{1}" after 5 minutes.', [name, localize(t, statusLabel(now.status))]);
  }
  throw new UserCancelled();
}

export interface ShutOffQuestion {
  /** The confirmation shown for a running VM (localized). */
  detail: string;
  action: string;
  /** The error for a VM in any other state than running, sleeping or stopped. */
  refuse(status: string): UserFacingError;
}

/**
 * Operations the node does only on a shut-off domain (snapshots, disk changes): a stopped VM goes on,
 * a running or sleeping one is powered off after a modal confirmation, any other state is refused.
 */
export async function ensureShutOff(svc: CommandServices, ref: VmRef, q: ShutOffQuestion): Promise<void> {
  const name = vmName(svc, ref);
  const now = await currentState(svc, ref);
  if (!now) throw new UserFacingError('{0} is no longer listed by its node.', [name]);
  if (now.state === 'stopped') return;
  if (now.state !== 'running' && now.state !== 'sleeping') throw q.refuse(localize(t, statusLabel(now.status)));
  const ok = await svc.prompter.confirm({ message: t('{0} is running.', name), detail: q.detail, action: q.action });
  if (!ok) throw new UserCancelled();
  await stopAndWait(svc, ref);
}

/** Stops the VM and resolves once the node lists it as closed (cancellable). */
export async function stopAndWait(svc: CommandServices, ref: VmRef): Promise<void> {
  const name = vmName(svc, ref);
  await withProgress(t('Stopping {0}…', name), async (signal) => {
    try {
      svc.store.setPending(ref, t('Stopping…'));
      await svc.clients.client(ref.endpoint).stopTask(ref.nodeId, ref.taskId, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      svc.store.setPending(ref, undefined);
      throw new OperationFailed(t('Stopping {0} failed', name), err, ref.endpoint);
    }
    await waitUntilStopped(svc, ref, name, signal);
  });
}
