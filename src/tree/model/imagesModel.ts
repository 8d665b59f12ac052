// The Images tree: endpoint → image servers → images, and endpoint → GPU node → the node's images.
import type { Children, Element } from './elements';
import { errorRow, nodeElement, type ModelContext } from './machinesModel';
import type { NodeRef } from '../../config/model/refs';

const P = 'img:';

function endpointChildren(ctx: ModelContext, url: string): Children {
  const id = `${P}ep:${url}`;
  const data = ctx.store.endpoint(url);
  if (data.unreachable) return { items: [errorRow(ctx, id, data.unreachable.error, { endpoint: url })] };
  const nodes = (ctx.endpoints.find((e) => e.url === url)?.nodes ?? []).map((n) => nodeElement({ endpoint: url, nodeId: n.id }, P));
  const servers = data.imageServers;
  if (!servers) return { items: nodes, load: { kind: 'imageServers', endpoint: url } };
  if (servers.error !== undefined) return { items: [errorRow(ctx, id, servers.error, { endpoint: url }), ...nodes] };
  const serverRows: Element[] = (servers.value ?? []).map((server) => ({ kind: 'imageServer', id: `${id}/srv:${server}`, endpoint: url, server }));
  return { items: [...serverRows, ...nodes] };
}

function serverChildren(ctx: ModelContext, url: string, server: string): Children {
  const id = `${P}ep:${url}/srv:${server}`;
  const images = ctx.store.endpoint(url).serverImages.get(server);
  if (!images) return { items: [], load: { kind: 'serverImages', endpoint: url, server } };
  if (images.error !== undefined) return { items: [errorRow(ctx, id, images.error, { endpoint: url })] };
  const list = images.value ?? [];
  if (list.length === 0) return { items: [{ kind: 'message', id: `${id}/empty`, severity: 'info', text: ctx.t('No images'), action: 'none' }] };
  return { items: list.map((i) => ({ kind: 'image', id: `${id}/img:${i.image_name}`, endpoint: url, server, name: i.image_name })) };
}

function nodeImages(ctx: ModelContext, ref: NodeRef): Children {
  const id = `${P}node:${ref.endpoint}|${ref.nodeId}`;
  const images = ctx.store.peekNode(ref)?.images;
  if (!images) return { items: [], load: { kind: 'nodeImages', ref } };
  if (images.error !== undefined) return { items: [errorRow(ctx, id, images.error, { node: ref })] };
  const list = images.value ?? [];
  if (list.length === 0) return { items: [{ kind: 'message', id: `${id}/empty`, severity: 'info', text: ctx.t('No images'), action: 'none' }] };
  return { items: list.map((i) => ({ kind: 'image', id: `${id}/img:${i.image_name}`, endpoint: ref.endpoint, nodeId: ref.nodeId, name: i.image_name })) };
}

export function imagesChildren(ctx: ModelContext, parent?: Element): Children {
  if (!parent) return { items: ctx.endpoints.map((e) => ({ kind: 'endpoint', id: `${P}ep:${e.url}`, url: e.url })) };
  switch (parent.kind) {
    case 'endpoint': return endpointChildren(ctx, parent.url);
    case 'imageServer': return serverChildren(ctx, parent.endpoint, parent.server);
    case 'node': return nodeImages(ctx, parent.ref);
    default: return { items: [] };
  }
}
