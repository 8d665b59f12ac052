// Start / wake / stop / shut down / power off / restart / force restart / reset / delete, on one VM or
// a multi-selection. Each VM shows a temporary description ("Stopping…") until the next refresh; the
// nodes are refreshed right after, and fast polling follows while the VMs are transitioning.
import * as vscode from 'vscode';
import type { CallOptions, DbcClient } from '../api/client';
import { isOutcomeUnknown } from '../api/errors';
import { taskOf } from '../tree/model/present';
import { sameNode, type NodeRef, type VmRef } from '../config/model/refs';
import { allows, type VmAction } from '../tree/model/vmState';
import { forgetVm } from '../ssh/core/forgetVm';
import { OperationFailed, UserCancelled } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { vmName } from '../flows/vmInfo';
import { errorMessage } from '../util/errorMessage';

const t = vscode.l10n.t;

export type LifecycleAction = Extract<VmAction, 'start' | 'stop' | 'shutdown' | 'poweroff' | 'restart' | 'forceRestart' | 'reset' | 'delete'> | 'wake';

interface Spec {
  call(client: DbcClient, ref: VmRef, o: CallOptions): Promise<string>;
  pending(): string;
  progress(count: number): string;
  failed(name: string): string;
}

const SPECS: Record<LifecycleAction, Spec> = {
  start: {
    call: (c, r, o) => c.startTask(r.nodeId, r.taskId, o), pending: () => t('Starting…'),
    progress: (n) => t('Starting {0} VM(s)…', n), failed: (name) => t('Starting {0} failed', name),
  },
  wake: {
    call: (c, r, o) => c.startTask(r.nodeId, r.taskId, o), pending: () => t('Waking…'),
    progress: (n) => t('Waking {0} VM(s)…', n), failed: (name) => t('Waking {0} failed', name),
  },
  stop: {
    call: (c, r, o) => c.stopTask(r.nodeId, r.taskId, o), pending: () => t('Stopping…'),
    progress: (n) => t('Stopping {0} VM(s)…', n), failed: (name) => t('Stopping {0} failed', name),
  },
  shutdown: {
    call: (c, r, o) => c.shutdownTask(r.nodeId, r.taskId, o), pending: () => t('Shutting down…'),
    progress: (n) => t('Shutting down {0} VM(s)…', n), failed: (name) => t('Shutting down {0} failed', name),
  },
  poweroff: {
    call: (c, r, o) => c.poweroffTask(r.nodeId, r.taskId, o), pending: () => t('Powering off…'),
    progress: (n) => t('Powering off {0} VM(s)…', n), failed: (name) => t('Powering off {0} failed', name),
  },
  restart: {
    call: (c, r, o) => c.restartTask(r.nodeId, r.taskId, o), pending: () => t('Restarting…'),
    progress: (n) => t('Restarting {0} VM(s)…', n), failed: (name) => t('Restarting {0} failed', name),
  },
  forceRestart: {
    call: (c, r, o) => c.restartTask(r.nodeId, r.taskId, { ...o, force: true }), pending: () => t('Restarting…'),
    progress: (n) => t('Force-restarting {0} VM(s)…', n), failed: (name) => t('Force-restarting {0} failed', name),
  },
  reset: {
    call: (c, r, o) => c.resetTask(r.nodeId, r.taskId, o), pending: () => t('Resetting…'),
    progress: (n) => t('Resetting {0} VM(s)…', n), failed: (name) => t('Resetting {0} failed', name),
  },
  delete: {
    call: (c, r, o) => c.deleteTask(r.nodeId, r.taskId, o), pending: () => t('Deleting…'),
    progress: (n) => t('Deleting {0} VM(s)…', n), failed: (name) => t('Deleting {0} failed', name),
  },
};

function uniqueNodes(refs: readonly VmRef[]): NodeRef[] {
  const out: NodeRef[] = [];
  for (const r of refs) if (!out.some((n) => sameNode(n, r))) out.push({ endpoint: r.endpoint, nodeId: r.nodeId });
  return out;
}

/** Drops the VMs whose known state does not allow the action, telling the user which. */
function applicable(svc: CommandServices, action: LifecycleAction, refs: VmRef[]): VmRef[] {
  const ctx = svc.modelContext();
  const ok = refs.filter((r) => {
    const task = taskOf(ctx, r);
    return !task || allows(task.status, lifecycleState(action));
  });
  const skipped = refs.filter((r) => !ok.includes(r));
  if (skipped.length > 0) {
    void vscode.window.showWarningMessage(t('Skipped {0}: not in a state that allows this.', skipped.map((r) => vmName(svc, r)).join(', ')));
  }
  return ok;
}

async function confirmDelete(svc: CommandServices, refs: VmRef[]): Promise<void> {
  const names = refs.map((r) => vmName(svc, r)).join(', ');
  const ok = await svc.prompter.confirm({
    message: refs.length === 1 ? t('Delete the VM {0}?', names) : t('Delete {0} VMs: {1}?', refs.length, names),
    detail: t('The VM and its disks are deleted on the GPU node. This cannot be undone.'),
    action: t('Delete'),
  });
  if (!ok) throw new UserCancelled();
}

/** Drops the deleted VMs' Host blocks from our ssh config and releases their ip:port (never fails the delete). */
async function forgetDeleted(svc: CommandServices, refs: readonly VmRef[]): Promise<void> {
  for (const ref of refs) {
    try {
      const removed = await forgetVm(ref, svc.remote.ssh().env);
      if (removed.length > 0) svc.log.info(`[ssh] ${ref.taskId} was deleted: removed ${removed.join(', ')} from the ssh config`);
    } catch (err) {
      svc.log.warn(`[ssh] ${ref.taskId} was deleted, but its ssh config entry stays: ${errorMessage(err)}`);
    }
  }
}

/** The VM state that allows the action (waking is a start). */
export function lifecycleState(action: LifecycleAction): VmAction {
  return action === 'wake' ? 'start' : action;
}

export async function runLifecycle(svc: CommandServices, action: LifecycleAction, picked: readonly VmRef[]): Promise<void> {
  const refs = applicable(svc, action, [...picked]);
  if (refs.length === 0) return;
  if (action === 'delete') await confirmDelete(svc, refs);
  const spec = SPECS[action];
  const failures: { ref: VmRef; error: unknown }[] = [];
  try {
    await withProgress(spec.progress(refs.length), async (signal) => {
      await Promise.all(refs.map(async (ref) => {
        svc.store.setPending(ref, spec.pending());
        try {
          await spec.call(svc.clients.client(ref.endpoint), ref, { auth: await svc.access.forWrite(ref.nodeId), signal });
        } catch (error) {
          failures.push({ ref, error });
          if (!isOutcomeUnknown(error)) svc.store.setPending(ref, undefined);
        }
      }));
    });
  } finally {
    // Also after a cancel: a request that left may have been acted on.
    await svc.refreshNodes(uniqueNodes(refs), { immediate: true });
  }
  const done = refs.filter((r) => !failures.some((f) => f.ref === r));
  if (action === 'start' || action === 'wake') {
    for (const ref of done) svc.readyWatches.afterStart(ref, vmName(svc, ref));
  }
  if (action === 'delete') await forgetDeleted(svc, done);
  for (const f of failures) svc.log.warn(`[cmd] ${action} ${f.ref.taskId}: ${errorMessage(f.error)}`);
  const first = failures[0];
  if (!first) return;
  const what = failures.length === 1 ? spec.failed(vmName(svc, first.ref)) : t('{0} of {1} VMs failed', failures.length, refs.length);
  throw new OperationFailed(what, first.error, first.ref.endpoint);
}
