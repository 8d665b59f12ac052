// I2–I9 on the GPU node: image lists, uploads to and downloads from image servers, progress,
// stop and delete (dbc-protocol.md §7 I2–I9).
import { scaleSize, str } from '../format';
import { dataImages, findImageServer, normalizeDir, resolveImagePath, type ImageFile, type NodeState,
  type SimState, type TransferKind } from '../state';
import type { GpuCall } from './call';
import { fail1, ok, type GpuDoc } from './doc';

/**
 * Local /data base images (no backing file, name without "data"), plus the server images that back
 * local images when an image server is given.
 */
export function listedImages(state: SimState, node: NodeState, imageServer: string): ImageFile[] {
  const local = dataImages(node);
  const listed = local.filter((i) => !i.backing && !i.name.includes('data'));
  const server = findImageServer(state, imageServer);
  const backings = new Set(local.map((i) => i.backing).filter((b): b is string => !!b));
  for (const i of server?.images ?? []) if (backings.has(i.name) && !listed.some((l) => l.name === i.name)) listed.push(i);
  return listed;
}

/** I2 with a peer. The key really is `"image_name:"` (a bug in the node that clients must accept). */
export function listImages(c: GpuCall): GpuDoc {
  const images = listedImages(c.sim.state, c.node, str(c.env.additional, 'image_server'));
  return ok(images.map((i) => ({ 'image_name:': i.name, image_size: scaleSize(i.sizeGb) })));
}

function localFile(node: NodeState, filename: string): ImageFile | undefined {
  const { dir, name } = resolveImagePath(filename);
  return node.images.find((i) => i.name === name && i.dir === normalizeDir(dir));
}

const owner = (c: GpuCall): { node: string } => ({ node: c.node.nodeId });

/** An upload's key: the full path the node uploads (a bare name lives in /data). */
function fullPath(f: string): string {
  return f.startsWith('/') ? f : `/data/${f}`;
}

/** I3 with a peer (TaskManager::uploadImage): keyed by the file's full path. */
export function uploadImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('image_filename is empty');
  const file = localFile(c.node, f);
  if (!file) return fail1(`image:${f} not exist`);
  const key = fullPath(f);
  if (c.sim.transfers.active(owner(c), 'upload', key)) return fail1(`image:${f} in uploading`);
  const server = str(c.env.additional, 'image_server');
  c.sim.transfers.start(owner(c), { kind: 'upload', key, filename: file.name, server, localDir: file.dir, sizeGb: file.sizeGb });
  return ok();
}

/** I4 (TaskManager::downloadImage): a server image into `local_dir`, keyed by its name. */
export function downloadImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('additional no image_filename');
  const dir = str(c.env.additional, 'local_dir');
  if (dir === '') return fail1('additional no local_dir');
  const server = findImageServer(c.sim.state, str(c.env.additional, 'image_server'));
  const image = server?.images.find((i) => i.name === f);
  if (!server || !image) return fail1(`image:${f} not exist`);
  if (c.sim.transfers.active(owner(c), 'download', f)) return fail1(`image:${f} in downloading`);
  c.sim.transfers.start(owner(c), { kind: 'download', key: f, filename: f, server: server.id, localDir: dir, sizeGb: image.sizeGb });
  return ok();
}

/**
 * I5 / I7 (`uploadProgress`, `downloadProgress`): the name AS SENT is looked up; a finished or unknown
 * key reports `done` / `100%` (so a bare name for an upload started with it says 100% at once).
 */
export function transferProgress(c: GpuCall, kind: TransferKind): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('additional no image_filename');
  const t = c.sim.transfers.active(owner(c), kind, f);
  if (!t) return ok({ status: 'done', progress: '100%' });
  return ok({ status: `${kind}ing`, progress: `${Math.floor(c.sim.transfers.progress(t) * 100)}%` });
}

/** I6 / I8 (`terminateDownload`, `terminateUpload`) with the name as sent: `ok`, whether it stopped anything or not. */
export function stopTransfer(c: GpuCall, kind: TransferKind): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('additional no image_filename');
  c.sim.transfers.stop(owner(c), kind, f);
  c.sim.changed();
  return ok();
}

/**
 * I9 (TaskManager::deleteImage): always `/data/` + the name as sent (an absolute name is not found);
 * refused while downloading (by name) or uploading (by full path).
 */
export function deleteImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('image_filename is empty');
  const file = f.includes('/') ? undefined : localFile(c.node, f);
  if (!file) return fail1(`image file:${f} is not exist`);
  if (c.sim.transfers.active(owner(c), 'download', f) || c.sim.transfers.active(owner(c), 'upload', `/data/${f}`)) {
    return fail1('image file is in downloading or uploading, please try again later');
  }
  c.node.images.splice(c.node.images.indexOf(file), 1);
  c.sim.changed();
  return ok();
}
