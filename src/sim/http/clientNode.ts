// Replies the client node builds itself, without asking a GPU node: version, node list, image
// servers, and the image list / upload / upload progress with `peer_nodes_list: []`.
import type { SimContext } from '../context';
import { scaleSize, str } from '../format';
import { findImageServer, resolveImagePath, type ImageFile } from '../state';
import { networkView } from '../gpu/lan';
import { badRequest, clientSuccess, invalidParams, relayed, type Reply } from './reply';

const q = (s: string): string => JSON.stringify(s);

/** V: pretty-printed like every `reply_comm_rest_succ`. */
export function versionReply(sim: SimContext): Reply {
  return clientSuccess({ client_version: sim.state.clientVersion });
}

/** M1 with `[]`: the nodes heard from, sorted by id (a std::map in the node). */
export function nodeListReply(sim: SimContext): Reply {
  const nodes = [...sim.state.nodes.values()].filter((n) => n.broadcasting).sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
  const items = nodes.map((n) => `{"node_id":${q(n.nodeId)},"name":${q(n.name)},"version":${q(n.version)}}`);
  return relayed(`{"errcode":0, "message":{"mining_nodes":[${items.join(',')}]}}`);
}

/** I1: the `image_server=` ids of the client node's configuration. */
export function imageServersReply(sim: SimContext): Reply {
  const ids = sim.state.imageServers.map((s) => s.id).sort();
  return relayed(`{"errcode":0, "message":{"image_server":[${ids.map(q).join(',')}]}}`);
}

/** I2 with `[]`: the server's own list (key `image_name`, without the colon quirk). */
export function serverImagesReply(sim: SimContext, additional: Record<string, unknown>): Reply {
  const server = findImageServer(sim.state, str(additional, 'image_server'));
  if (!server) return invalidParams('image_server not exist');
  const items = server.images.map((i) => `{"image_name":${q(i.name)},"image_size":${q(scaleSize(i.sizeGb))}}`);
  return relayed(`{"errcode":0,"message": [${items.join(',')}]}`);
}

/** A file on the client node's own disk; relative names live under /data/ (its transfer key is that path). */
function clientFile(sim: SimContext, filename: string): { file?: ImageFile; path: string; error?: Reply } {
  const path = filename.startsWith('/') ? filename : `/data/${filename}`;
  const { dir, name } = resolveImagePath(path);
  const file = sim.state.clientFiles.find((f) => f.name === name && f.dir === dir);
  // The node really prefixes "/data/" a second time in this message.
  return file ? { file, path } : { path, error: invalidParams(`image_filename: /data/${path} not exist`) };
}

/** I3 with `[]`: the client node uploads one of its own files. */
export function clientUploadReply(sim: SimContext, additional: Record<string, unknown>): Reply {
  const { file, path, error } = clientFile(sim, str(additional, 'image_filename'));
  if (!file) return error as Reply;
  sim.transfers.start({ client: true }, {
    kind: 'upload', key: path, filename: file.name, server: str(additional, 'image_server'), localDir: file.dir, sizeGb: file.sizeGb,
  });
  return relayed('{"errcode":0,"message": "ok"}');
}

/** I7 with `[]`: progress of the client node's own upload (unknown or finished: done). */
export function clientUploadProgressReply(sim: SimContext, additional: Record<string, unknown>): Reply {
  const { file, path, error } = clientFile(sim, str(additional, 'image_filename'));
  if (!file) return error as Reply;
  const t = sim.transfers.active({ client: true }, 'upload', path);
  const body = t ? `"status": "uploading","progress": "${Math.floor(sim.transfers.progress(t) * 100)}%"` : '"status": "done","progress": "100%"';
  return relayed(`{"errcode":0,"message":{${body}}}`);
}

/** I8 with `[]`: stops the client node's own upload. */
export function clientUploadStopReply(sim: SimContext, additional: Record<string, unknown>): Reply {
  const { file, path, error } = clientFile(sim, str(additional, 'image_filename'));
  if (!file) return error as Reply;
  sim.transfers.stop({ client: true }, 'upload', path);
  sim.changed();
  return relayed('{"errcode":0,"message":"ok"}');
}

/**
 * L1 with `[]`: the client node's own network list (rest_api_service.cpp `vxlan_network_list`):
 * `{"networks":[…]}` (at most 51), or one network by name, or 400 -32701 `network name not exist`.
 */
export function lanListReply(sim: SimContext, name: string): Reply {
  if (name === '') {
    const items = sim.state.networks.slice(0, 51).map((n) => JSON.stringify(networkView(n)));
    return relayed(`{"errcode":0, "message":{"networks":[${items.join(',')}]}}`);
  }
  const network = sim.state.networks.find((n) => n.name === name);
  if (!network) return badRequest(-32701, 'network name not exist');
  return relayed(`{"errcode":0, "message":${JSON.stringify(networkView(network))}}`);
}
