// Create Snapshot (S3): the VM must be shut off, so a running one is powered off first after a modal
// confirmation; then name, description and image server (I1) — the node always snapshots vda, the
// system disk, so there is no disk choice — then a cancellable progress notification that polls S2
// until the snapshot is uploaded or its entry disappears (failed).
import * as vscode from 'vscode';
import { isNotExist } from '../api/errors';
import type { SnapshotInfo } from '../api/types';
import { validateField, validateSnapshotSpec } from '../core/validation';
import type { VmRef } from '../config/model/refs';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { issueText } from '../flows/create/submitCreate';
import { orCancel } from '../ui/model/prompter';
import type { snapshotOptions } from './model/options';
import { ensureShutOff } from '../flows/vmPower';
import { defaultSnapshotName, phaseText, watchSnapshot, type SnapshotOutcome } from '../flows/snapshot/model/snapshotModel';
import { vmName } from '../flows/vmInfo';
import { abortableSleep } from '../util/sleep';

const t = vscode.l10n.t;

async function askServer(svc: CommandServices, ref: VmRef, given: string | undefined): Promise<{ server: string; servers: string[] }> {
  const servers = await svc.clients.client(ref.endpoint).imageServers();
  if (given !== undefined) return { server: given, servers };
  if (servers.length === 0) throw new UserFacingError('The client node has no image servers configured.', [], 'Add an image_server line to the client node\'s conf/core.conf.');
  const server = servers.length === 1 ? servers[0]! : orCancel(await svc.prompter.pick(servers.map((s) => ({ label: s, value: s })), { title: t('Upload the snapshot to which image server?') }));
  return { server, servers };
}

async function watch(svc: CommandServices, ref: VmRef, snapshot: string, server: string): Promise<SnapshotOutcome> {
  const client = svc.clients.client(ref.endpoint);
  const read = async (signal: AbortSignal): Promise<SnapshotInfo | undefined> => {
    try {
      return await client.snapshotInfo(ref.nodeId, ref.taskId, snapshot, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      if (isNotExist(err)) return undefined;
      throw new OperationFailed(t('Reading snapshot {0} failed', snapshot), err, ref.endpoint);
    }
  };
  return withProgress(t('Snapshot {0}', snapshot), async (signal, report) => {
    const outcome = await watchSnapshot({
      read, signal, intervalMs: 2000, sleep: abortableSleep,
      onStatus: (info) => {
        report(phaseText(t, info, server));
        void svc.fetcher.load({ kind: 'snapshots', ref });
      },
    });
    // A cancel only stops watching: return normally so the outcome says so.
    return outcome;
  }).catch((err: unknown) => (err instanceof UserCancelled ? { kind: 'cancelled' as const } : Promise.reject(err)));
}

/** Name, description and image server given by a programmatic caller are not asked for. */
export async function createSnapshot(svc: CommandServices, ref: VmRef, o: ReturnType<typeof snapshotOptions>): Promise<SnapshotOutcome> {
  const name = vmName(svc, ref);
  await ensureShutOff(svc, ref, {
    detail: t('A snapshot needs a VM that is shut off. Power it off now (like pulling the plug: save your work first), then create the snapshot?'),
    action: t('Stop VM and Snapshot'),
    refuse: (status) => new UserFacingError('{0} is "{1}": a snapshot needs a VM that is shut off.', [name, status]),
  });
  const { server, servers } = await askServer(svc, ref, o.imageServer);
  const snapshotName = o.name ?? orCancel(await svc.prompter.input({
    title: t('Create Snapshot of {0}', name), prompt: t('Snapshot name (letters, digits, . _ -); the node snapshots the system disk vda only'),
    value: defaultSnapshotName(name, new Date()),
    validate: (v) => {
      const issue = validateField('snapshot_name', v.trim())[0];
      return issue ? issueText(issue) : undefined;
    },
  })).trim();
  const description = o.description ?? orCancel(await svc.prompter.input({
    title: t('Create Snapshot of {0}', name), prompt: t('Description (optional)'),
    validate: (v) => {
      const issue = validateField('description', v)[0];
      return issue ? issueText(issue) : undefined;
    },
  }));
  const spec = { snapshot_name: snapshotName, description, image_server: server };
  const issue = validateSnapshotSpec(spec, { imageServers: servers })[0];
  if (issue) throw new UserFacingError('The snapshot settings are not valid: {0}', [issueText(issue)]);
  await withProgress(t('Creating snapshot {0} of {1}…', snapshotName, name), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).createSnapshot(ref.nodeId, ref.taskId, spec, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Creating snapshot {0} of {1} failed', snapshotName, name), err, ref.endpoint);
    }
  }, false);
  await svc.fetcher.load({ kind: 'snapshots', ref });
  const outcome = await watch(svc, ref, snapshotName, server);
  await svc.fetcher.load({ kind: 'snapshots', ref });
  if (outcome.kind === 'done') void vscode.window.showInformationMessage(t('Snapshot {0} of {1} is ready on image server {2}.', snapshotName, name, server));
  if (outcome.kind === 'failed') throw new UserFacingError('Snapshot {0} of {1} failed: the node dropped it (the conversion or the upload to {2} did not finish).', [snapshotName, name, server]);
  if (outcome.kind === 'cancelled') void vscode.window.showInformationMessage(t('Snapshot {0} goes on in the background; its row under {1} shows the progress.', snapshotName, name));
  return outcome;
}
