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
import { uploadPath } from '../../core/imageTransfer';
import { watchTransferProgress, type Direction, type TransferOutcome } from './model/transferModel';

const t = vscode.l10n.t;

/**
 * The name a GPU node keys a transfer by: an upload by the full path it was started with (a bare name
 * becomes /data/<name>, and progress or stop by another name finds nothing and says `done`).
 */
export function transferKey(filename: string, direction: Direction): string {
  return direction === 'upload' ? uploadPath(filename) : filename;
}

export async function stopTransferOn(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<void> {
  const client = svc.clients.client(ref.endpoint);
  try {
    const auth = await svc.access.forWrite(ref.nodeId);
    if (direction === 'upload') await client.stopUpload(ref.nodeId, transferKey(filename, direction), { auth });
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
          return direction === 'upload' ? await client.uploadProgress(ref.nodeId, transferKey(filename, direction), { auth, signal: s })
            : await client.downloadProgress(ref.nodeId, filename, { auth, signal: s });
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

/**
 * Watches until the node reports done; a cancel offers to stop the transfer itself. `done` is what the
 * node says, not a confirmation: a node that does not know the transfer says `done` at 100 % too.
 */
export async function watchTransfer(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<TransferOutcome> {
  const outcome = await poll(svc, ref, filename, direction);
  if (outcome.kind === 'done') {
    void vscode.window.showInformationMessage(direction === 'upload'
      ? t('The node reports the upload of {0} done ({1}). The image server\'s list in the Images view confirms it.', filename, outcome.last.progress)
      : t('The node reports the download of {0} done ({1}).', filename, outcome.last.progress));
    return outcome;
  }
  const stop = await svc.prompter.confirm({
    message: t('Stop the transfer of {0}?', filename),
    detail: t('The node discards what was transferred so far. Cancel keeps it running in the background ("DBC: Show Image Transfer Progress" shows it again).'),
    action: t('Stop Transfer'),
  });
  if (stop) {
    await stopTransferOn(svc, ref, filename, direction);
    void vscode.window.showInformationMessage(t('The node was asked to stop the transfer of {0}.', filename));
  }
  return outcome;
}
