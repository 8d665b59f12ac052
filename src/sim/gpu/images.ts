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

/** I3 with a peer: the GPU node uploads one of its files to the image server. */
export function uploadImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('image_filename is empty');
  const file = localFile(c.node, f);
  if (!file) return fail1(`image:${f} not exist`);
  if (c.sim.transfers.active(owner(c), 'upload', file.name)) return fail1(`image:${f} in uploading`);
  const server = str(c.env.additional, 'image_server');
  c.sim.transfers.start(owner(c), { kind: 'upload', filename: file.name, server, localDir: file.dir, sizeGb: file.sizeGb });
  return ok();
}

/** I4: the GPU node downloads a server image into `local_dir`. */
export function downloadImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  if (f === '') return fail1('additional no image_filename');
  const dir = str(c.env.additional, 'local_dir');
  if (dir === '') return fail1('additional no local_dir');
  const server = findImageServer(c.sim.state, str(c.env.additional, 'image_server'));
  const image = server?.images.find((i) => i.name === f);
  if (!server || !image) return fail1(`image:${f} not exist`);
  if (c.sim.transfers.active(owner(c), 'download', f)) return fail1(`image:${f} in downloading`);
  c.sim.transfers.start(owner(c), { kind: 'download', filename: f, server: server.id, localDir: dir, sizeGb: image.sizeGb });
  return ok();
}

/** `{"status":"downloading","progress":"42%"}`, then `done` / `100%`. */
export function transferProgress(c: GpuCall, kind: TransferKind): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  const t = c.sim.transfers.latest(owner(c), kind, resolveImagePath(f).name);
  if (!t) return fail1(`image:${f} is not ${kind}ing`);
  const p = c.sim.transfers.progress(t);
  const status = t.done ? 'done' : `${kind}ing`;
  return ok({ status, progress: t.done ? '100%' : `${Math.floor(p * 100)}%` });
}

export function stopTransfer(c: GpuCall, kind: TransferKind): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  c.sim.transfers.stop(owner(c), kind, resolveImagePath(f).name);
  return ok();
}

/** I9: deletes a file under /data (the node answers with the upload response message type). */
export function deleteImage(c: GpuCall): GpuDoc {
  const f = str(c.env.additional, 'image_filename');
  const file = localFile(c.node, f);
  if (!file) return fail1(`image file:${f} is not exist`);
  if (c.sim.transfers.busyNames(owner(c)).has(file.name)) {
    return fail1('image file is in downloading or uploading, please try again later');
  }
  c.node.images.splice(c.node.images.indexOf(file), 1);
  c.sim.changed();
  return ok();
}
