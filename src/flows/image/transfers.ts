// Watching an image transfer in a cancellable progress notification. Cancelling asks whether to stop the
// transfer on the node (I6/I8) or only to stop watching it.
import * as vscode from 'vscode';
import { isCancellation } from '../../api/errors';
import type { TransferProgress } from '../../api/types';
import { nodeName } from '../../tree/model/present';
import type { NodeRef } from '../../config/model/refs';
import { OperationFailed, UserCancelled } from '../../ui/model/errors';
import { withProgress } from '../../ui/progress';
import type { CommandServices } from '../commandServices';
import { abortableSleep } from '../../util/sleep';
import { watchTransferProgress, type Direction, type TransferOutcome } from './model/transferModel';

const t = vscode.l10n.t;

export async function stopTransferOn(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<void> {
  const client = svc.clients.client(ref.endpoint);
  try {
    const auth = await svc.access.forWrite(ref.nodeId);
    if (direction === 'upload') await client.stopUpload(ref.nodeId, filename, { auth });
    else await client.stopDownload(ref.nodeId, filename, { auth });
  } catch (err) {
    throw new OperationFailed(t('Stopping the transfer of {0} failed', filename), err, ref.endpoint);
  }
}

async function poll(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<TransferOutcome> {
  const client = svc.clients.client(ref.endpoint);
  const title = direction === 'upload' ? t('Uploading {0}', filename) : t('Downloading {0} to {1}', filename, nodeName(svc.modelContext(), ref));
  try {
    return await withProgress(title, (signal, report) => watchTransferProgress({
      signal, sleep: abortableSleep, intervalMs: 2000,
      read: async (s) => {
        const auth = await svc.access.forWrite(ref.nodeId);
        try {
          return direction === 'upload' ? await client.uploadProgress(ref.nodeId, filename, { auth, signal: s }) : await client.downloadProgress(ref.nodeId, filename, { auth, signal: s });
        } catch (err) {
          if (isCancellation(err)) throw new UserCancelled();
          throw new OperationFailed(t('Reading the progress of {0} failed', filename), err, ref.endpoint);
        }
      },
      onProgress: (p: TransferProgress, increment) => report(`${p.progress} (${p.status})`, increment),
    }));
  } catch (err) {
    if (err instanceof UserCancelled) return { kind: 'cancelled' };
    throw err;
  }
}

/** Watches until done; a cancel offers to stop the transfer itself. */
export async function watchTransfer(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<TransferOutcome> {
  const outcome = await poll(svc, ref, filename, direction);
  if (outcome.kind === 'done') return outcome;
  const stop = await svc.prompter.confirm({
    message: t('Stop the transfer of {0}?', filename),
    detail: t('The node discards what was transferred so far. Cancel keeps it running in the background ("DBC: Show Image Transfer Progress" shows it again).'),
    action: t('Stop Transfer'),
  });
  if (stop) {
    await stopTransferOn(svc, ref, filename, direction);
    void vscode.window.showInformationMessage(t('The transfer of {0} was stopped.', filename));
  }
  return outcome;
}
