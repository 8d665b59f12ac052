// Images (I1–I9): upload a GPU node's image to an image server, download a server image onto a node,
// watch either transfer's progress, stop it, delete an image file on a node.
import * as vscode from 'vscode';
import type { TransferProgress } from '../api/types';
import { nodeName } from '../tree/model/present';
import type { NodeRef } from '../tree/model/refs';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/errors';
import { withProgress } from '../ui/progress';
import { writeAuth, type CommandServices } from './context';
import { orCancel, pickImageServer, pickNode } from './pickers';
import { isElement, nodeRefOf, optionsOf } from './targets';

const t = vscode.l10n.t;
type Direction = 'upload' | 'download';

async function nodeImageNames(svc: CommandServices, ref: NodeRef): Promise<string[]> {
  await svc.fetcher.load({ kind: 'nodeImages', ref });
  return (svc.store.peekNode(ref)?.images?.value ?? []).map((i) => i.image_name);
}

async function pickNodeImage(svc: CommandServices, ref: NodeRef, title: string): Promise<string> {
  const names = await nodeImageNames(svc, ref);
  const typed = '\u0000typed';
  const chosen = orCancel(await svc.prompter.pick([...names.map((n) => ({ label: n, value: n })), { label: t('Enter a file name…'), value: typed }], { title }));
  if (chosen !== typed) return chosen;
  return orCancel(await svc.prompter.input({ title, prompt: t('Image file name on the GPU node'), validate: (v) => (/^[A-Za-z0-9._-]+$/.test(v.trim()) ? undefined : t('Use letters, digits, ".", "_" and "-" only.')) })).trim();
}

function percent(p: TransferProgress): number {
  const n = Number.parseFloat(p.progress);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0;
}

/** Polls the transfer progress in a cancellable notification; cancelling stops watching, not the transfer. */
export async function watchTransfer(svc: CommandServices, ref: NodeRef, filename: string, direction: Direction): Promise<TransferProgress> {
  const client = svc.clients.client(ref.endpoint);
  const title = direction === 'upload' ? t('Uploading {0}', filename) : t('Downloading {0} to {1}', filename, nodeName(svc.modelContext(), ref));
  return withProgress(title, async (signal, report) => {
    let last = 0;
    for (;;) {
      const auth = await writeAuth(svc, ref);
      const p = direction === 'upload' ? await client.uploadProgress(ref.nodeId, filename, { auth, signal }) : await client.downloadProgress(ref.nodeId, filename, { auth, signal });
      const now = percent(p);
      report(`${p.progress} (${p.status})`, Math.max(0, now - last));
      last = now;
      if (p.status === 'done' || now >= 100) return p;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (signal.aborted) throw new UserCancelled();
    }
  });
}

export async function uploadImage(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const first = args[0];
  const opts = optionsOf(first);
  const ref = nodeRefOf(svc, first) ?? (await pickNode(svc, t('Upload an image from which GPU node?')));
  const filename = isElement(first) && first.kind === 'image' ? first.name
    : typeof opts['filename'] === 'string' ? opts['filename'] : await pickNodeImage(svc, ref, t('Upload which image?'));
  const server = typeof opts['imageServer'] === 'string' ? opts['imageServer'] : await pickImageServer(svc, ref.endpoint, t('Upload to which image server?'));
  await withProgress(t('Starting the upload of {0}…', filename), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).uploadImage({ nodeId: ref.nodeId, imageServer: server, filename }, { auth: await writeAuth(svc, ref), signal });
    } catch (err) {
      throw new OperationFailed(t('Uploading {0} failed', filename), err, ref.endpoint);
    }
  });
  if (opts['watch'] !== false) await watchTransfer(svc, ref, filename, 'upload');
}

export async function downloadImage(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const first = args[0];
  const opts = optionsOf(first);
  const fromElement = isElement(first) && first.kind === 'image' && first.server !== undefined ? first : undefined;
  const ref = (fromElement ? undefined : nodeRefOf(svc, first)) ?? (await pickNode(svc, t('Download onto which GPU node?')));
  const server = fromElement?.server ?? (typeof opts['imageServer'] === 'string' ? opts['imageServer'] : await pickImageServer(svc, ref.endpoint, t('Download from which image server?')));
  let filename = fromElement?.name ?? (typeof opts['filename'] === 'string' ? opts['filename'] : undefined);
  if (!filename) {
    const images = await svc.clients.client(ref.endpoint).listServerImages(server);
    filename = orCancel(await svc.prompter.pick(images.map((i) => ({ label: i.image_name, description: i.image_size, value: i.image_name })), { title: t('Download which image?') }));
  }
  const localDir = typeof opts['localDir'] === 'string' ? opts['localDir'] : '/data';
  const file = filename;
  await withProgress(t('Starting the download of {0}…', file), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).downloadImage(ref.nodeId, { imageServer: server, filename: file, localDir }, { auth: await writeAuth(svc, ref), signal });
    } catch (err) {
      throw new OperationFailed(t('Downloading {0} failed', file), err, ref.endpoint);
    }
  });
  if (opts['watch'] !== false) await watchTransfer(svc, ref, file, 'download');
  await svc.fetcher.load({ kind: 'nodeImages', ref });
}

async function transferTarget(svc: CommandServices, args: readonly unknown[], title: string): Promise<{ ref: NodeRef; filename: string; direction: Direction }> {
  const first = args[0];
  const opts = optionsOf(first);
  const ref = nodeRefOf(svc, first) ?? (await pickNode(svc, title));
  const filename = isElement(first) && first.kind === 'image' ? first.name
    : typeof opts['filename'] === 'string' ? opts['filename'] : await pickNodeImage(svc, ref, title);
  const direction = opts['direction'] === 'upload' || opts['direction'] === 'download' ? opts['direction'] : orCancel(await svc.prompter.pick<Direction>([
    { label: t('Download (image server → GPU node)'), value: 'download' }, { label: t('Upload (GPU node → image server)'), value: 'upload' },
  ], { title }));
  return { ref, filename, direction };
}

export async function showTransferProgress(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const { ref, filename, direction } = await transferTarget(svc, args, t('Show the progress of which transfer?'));
  try {
    await watchTransfer(svc, ref, filename, direction);
  } catch (err) {
    if (err instanceof UserCancelled) throw err;
    throw new OperationFailed(t('Reading the progress of {0} failed', filename), err, ref.endpoint);
  }
}

export async function stopTransfer(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const { ref, filename, direction } = await transferTarget(svc, args, t('Stop which transfer?'));
  const client = svc.clients.client(ref.endpoint);
  try {
    const auth = await writeAuth(svc, ref);
    if (direction === 'upload') await client.stopUpload(ref.nodeId, filename, { auth });
    else await client.stopDownload(ref.nodeId, filename, { auth });
  } catch (err) {
    throw new OperationFailed(t('Stopping the transfer of {0} failed', filename), err, ref.endpoint);
  }
  void vscode.window.showInformationMessage(t('The transfer of {0} was stopped.', filename));
}

export async function deleteImage(svc: CommandServices, args: readonly unknown[]): Promise<void> {
  const first = args[0];
  const opts = optionsOf(first);
  if (isElement(first) && first.kind === 'image' && first.server !== undefined) {
    throw new UserFacingError('Images on an image server cannot be deleted from here; only image files on a GPU node can.');
  }
  const ref = nodeRefOf(svc, first) ?? (await pickNode(svc, t('Delete an image on which GPU node?')));
  const filename = isElement(first) && first.kind === 'image' ? first.name
    : typeof opts['filename'] === 'string' ? opts['filename'] : await pickNodeImage(svc, ref, t('Delete which image?'));
  const ok = await svc.prompter.confirm({
    message: t('Delete the image file {0} on {1}?', filename, nodeName(svc.modelContext(), ref)),
    detail: t('VMs created from it keep working only if they do not need it as a backing file. This cannot be undone.'), action: t('Delete'),
  });
  if (!ok) throw new UserCancelled();
  try {
    await svc.clients.client(ref.endpoint).deleteImage(ref.nodeId, filename, { auth: await writeAuth(svc, ref) });
  } catch (err) {
    throw new OperationFailed(t('Deleting the image {0} failed', filename), err, ref.endpoint);
  }
  await svc.fetcher.load({ kind: 'nodeImages', ref });
}
