// Images (I1–I9): upload an image from a GPU node or from the client node to an image server, download a
// server image onto a node (into a chosen directory), watch a transfer (cancel offers to stop it), stop
// it, delete an image file on a node, and create a VM from an image.
import * as vscode from 'vscode';
import { nodeName } from '../tree/model/present';
import type { NodeRef, VmRef } from '../config/model/refs';
import { OperationFailed, UserCancelled } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import type { Direction, TransferOutcome } from '../flows/image/model/transferModel';
import { stopTransferOn, transferKey, watchTransfer } from '../flows/image/transfers';
import { pickImageServer } from '../flows/pickers';
import { orCancel } from '../ui/model/prompter';
import type { ImageOptions } from './model/options';
import type { ImageRow } from './model/targets';
import type { ImageTarget, UploadSource } from './targets';
import { createVm } from './vmCreate';

const t = vscode.l10n.t;
const FILE_NAME = /^[A-Za-z0-9._-]+$/;

async function nodeImageNames(svc: CommandServices, ref: NodeRef): Promise<string[]> {
  await svc.fetcher.load({ kind: 'nodeImages', ref });
  return (svc.store.peekNode(ref)?.images?.value ?? []).map((i) => i.image_name);
}

async function typedName(svc: CommandServices, title: string, prompt: string): Promise<string> {
  return orCancel(await svc.prompter.input({ title, prompt, validate: (v) => (FILE_NAME.test(v.trim()) ? undefined : t('Use letters, digits, ".", "_" and "-" only.')) })).trim();
}

async function pickNodeImage(svc: CommandServices, ref: NodeRef, title: string): Promise<string> {
  const names = await nodeImageNames(svc, ref);
  const typed = '\u0000typed';
  const chosen = orCancel(await svc.prompter.pick([...names.map((n) => ({ label: n, value: n })), { label: t('Enter a file name…'), value: typed }], { title }));
  return chosen !== typed ? chosen : typedName(svc, title, t('Image file name on the GPU node'));
}

export async function uploadImage(svc: CommandServices, { source, image }: { source: UploadSource; image?: ImageRow }, o: ImageOptions): Promise<TransferOutcome | undefined> {
  const endpoint = 'node' in source ? source.node.endpoint : source.client;
  const filename = image?.name ?? o.filename
    ?? ('node' in source ? await pickNodeImage(svc, source.node, t('Upload which image?')) : await typedName(svc, t('Upload which image?'), t('Image file name on the client node')));
  const server = o.imageServer ?? (await pickImageServer(svc, endpoint, t('Upload to which image server?')));
  await withProgress(t('Starting the upload of {0}…', filename), async (signal) => {
    try {
      const client = svc.clients.client(endpoint);
      // Progress and stop must name the transfer exactly as the node keys it: by the path it was started with.
      if ('node' in source) await client.uploadImage({ nodeId: source.node.nodeId, imageServer: server, filename: transferKey(filename, 'upload') }, { auth: await svc.access.forWrite(source.node.nodeId), signal });
      else await client.uploadImage({ imageServer: server, filename }, { signal });
    } catch (err) {
      throw new OperationFailed(t('Uploading {0} failed', filename), err, endpoint);
    }
  });
  if (!('node' in source)) {
    void vscode.window.showInformationMessage(t('The client node is uploading {0} to {1}.', filename, server));
    return undefined;
  }
  return o.watch ? watchTransfer(svc, source.node, filename, 'upload') : undefined;
}

async function askLocalDir(svc: CommandServices, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  return orCancel(await svc.prompter.input({
    title: t('Download Image'), prompt: t('Directory on the GPU node (only images in /data can boot VMs)'), value: '/data',
    validate: (v) => (/^\/[^\s"\\]*$/.test(v.trim()) ? undefined : t('Enter an absolute directory, e.g. /data.')),
  })).trim();
}

/** Onto the target's node, from the clicked server image, or from the server and file given or chosen. */
export async function downloadImage(svc: CommandServices, { node: ref, image }: ImageTarget, o: Pick<ImageOptions, 'imageServer' | 'filename' | 'localDir' | 'watch'>): Promise<TransferOutcome | undefined> {
  const fromServer = image?.server !== undefined ? image : undefined;
  const server = fromServer?.server ?? o.imageServer ?? (await pickImageServer(svc, ref.endpoint, t('Download from which image server?')));
  let filename = fromServer?.name ?? o.filename;
  if (!filename) {
    const images = await svc.clients.client(ref.endpoint).listServerImages(server);
    filename = orCancel(await svc.prompter.pick(images.map((i) => ({ label: i.image_name, description: i.image_size, value: i.image_name })), { title: t('Download which image?') }));
  }
  const localDir = await askLocalDir(svc, o.localDir);
  const file = filename;
  await withProgress(t('Starting the download of {0}…', file), async (signal) => {
    try {
      await svc.clients.client(ref.endpoint).downloadImage(ref.nodeId, { imageServer: server, filename: file, localDir }, { auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Downloading {0} failed', file), err, ref.endpoint);
    }
  });
  const outcome = o.watch ? await watchTransfer(svc, ref, file, 'download') : undefined;
  await svc.fetcher.load({ kind: 'nodeImages', ref });
  return outcome;
}

/** The transfer of the clicked node image, or of the file and direction given or chosen. */
async function transferOf(svc: CommandServices, { node: ref, image }: ImageTarget, o: ImageOptions, title: string): Promise<{ ref: NodeRef; filename: string; direction: Direction }> {
  const filename = image?.name ?? o.filename ?? (await pickNodeImage(svc, ref, title));
  const direction = o.direction ?? orCancel(await svc.prompter.pick<Direction>([
    { label: t('Download (image server → GPU node)'), value: 'download' }, { label: t('Upload (GPU node → image server)'), value: 'upload' },
  ], { title }));
  return { ref, filename, direction };
}

export async function showTransferProgress(svc: CommandServices, target: ImageTarget, o: ImageOptions): Promise<TransferOutcome> {
  const { ref, filename, direction } = await transferOf(svc, target, o, t('Show the progress of which transfer?'));
  return watchTransfer(svc, ref, filename, direction);
}

export async function stopTransfer(svc: CommandServices, target: ImageTarget, o: ImageOptions): Promise<void> {
  const { ref, filename, direction } = await transferOf(svc, target, o, t('Stop which transfer?'));
  await stopTransferOn(svc, ref, filename, direction);
  void vscode.window.showInformationMessage(t('The node was asked to stop the transfer of {0}.', filename));
}

/** Deletes the clicked node image, or the file given or chosen (image servers' images are refused by the target). */
export async function deleteImage(svc: CommandServices, { node: ref, image }: ImageTarget, o: ImageOptions): Promise<void> {
  const filename = image?.name ?? o.filename ?? (await pickNodeImage(svc, ref, t('Delete which image?')));
  const ok = await svc.prompter.confirm({
    message: t('Delete the image file {0} on {1}?', filename, nodeName(svc.modelContext(), ref)),
    detail: t('VMs created from it keep working only if they do not need it as a backing file. This cannot be undone.'), action: t('Delete'),
  });
  if (!ok) throw new UserCancelled();
  try {
    await svc.clients.client(ref.endpoint).deleteImage(ref.nodeId, filename, { auth: await svc.access.forWrite(ref.nodeId) });
  } catch (err) {
    throw new OperationFailed(t('Deleting the image {0} failed', filename), err, ref.endpoint);
  }
  await svc.fetcher.load({ kind: 'nodeImages', ref });
}

/** Create VM from an image row: a node image on its node; a server image on a chosen node, downloaded first if missing. */
export async function createVmFromImage(svc: CommandServices, { node: ref, image: row }: ImageTarget, o: ImageOptions): Promise<VmRef | undefined> {
  const image = row?.name ?? o.image;
  const server = row?.server ?? o.imageServer;
  if (!image) return createVm(svc, ref, {});
  if (server !== undefined && !(await nodeImageNames(svc, ref)).includes(image)) {
    const ok = await svc.prompter.confirm({
      message: t('{0} is not on {1} yet.', image, nodeName(svc.modelContext(), ref)),
      detail: t('Download it from {0} into /data first, then create the VM?', server), action: t('Download and Continue'),
    });
    if (!ok) throw new UserCancelled();
    const outcome = await downloadImage(svc, { node: ref }, { imageServer: server, filename: image, localDir: '/data', watch: true });
    if (outcome?.kind !== 'done') return undefined;
  }
  return createVm(svc, ref, { image });
}
