// Client-node endpoints and GPU nodes: add (typed, pasted or discovered), remove, rename, info, copy id.
import * as vscode from 'vscode';
import {
  endpointLabel, isNodeIdText, nodeIdsInText, normalizeEndpointUrl, shortNodeId, withEndpoint, withNodeName, withoutEndpoint, withoutNode,
} from '../config/model/endpoints';
import { nodeName } from '../tree/model/present';
import type { NodeRef } from '../config/model/refs';
import { OperationFailed, UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { endpointSecurity } from '../api/endpointPolicy';
import { secureEndpoint } from './endpointSecurity';
import { addNodes } from '../flows/nodes';
import { orCancel } from '../ui/model/prompter';
import type { addNodeOptions, endpointOptions, nameOptions } from './model/options';

const t = vscode.l10n.t;

/** `url` and `name` given by a programmatic caller are not asked for. */
export async function addEndpoint(svc: CommandServices, o: ReturnType<typeof endpointOptions>): Promise<string> {
  const url = o.url ?? orCancel(await svc.prompter.input({
    title: t('Add Client Node'), prompt: t('The URL of a DBC client node you run (its HTTP API), or ssh://user@host for one on another machine'),
    value: 'http://127.0.0.1:5002',
    validate: (v) => (normalizeEndpointUrl(v) ? undefined : t('Enter an http:// or https:// URL, e.g. http://127.0.0.1:5002, or ssh://user@host[:port]')),
  }));
  const normalized = normalizeEndpointUrl(url);
  if (!normalized) throw new UserFacingError('"{0}" is not an http://, https:// or ssh:// URL.', [url]);
  await svc.settings.setEndpoints(withEndpoint(svc.settings.value.endpoints, normalized, o.name));
  // Plain http to another machine: offer the safe way at once (the user may also decide later).
  if (o.url === undefined && endpointSecurity(normalized) === 'insecure-http') await secureEndpoint(svc, normalized).catch(() => undefined);
  return normalized;
}

export async function removeEndpoint(svc: CommandServices, url: string): Promise<void> {
  const config = svc.settings.value.endpoints.find((e) => e.url === url);
  if (!config) return;
  if (config.nodes.length > 0) {
    const ok = await svc.prompter.confirm({
      message: t('Remove the client node {0} and its {1} GPU nodes from the list?', endpointLabel(config), config.nodes.length),
      detail: t('Nothing changes on the nodes or your VMs; you can add them again later.'), action: t('Remove'),
    });
    if (!ok) throw new UserCancelled();
  }
  await svc.settings.setEndpoints(withoutEndpoint(svc.settings.value.endpoints, url));
}

/** Node ids given by a programmatic caller (see addNodeOptions) are not asked for. */
export async function addNode(svc: CommandServices, endpoint: string, o: ReturnType<typeof addNodeOptions>): Promise<void> {
  let ids = o.ids;
  if (ids.length === 0) {
    const clip = nodeIdsInText(await vscode.env.clipboard.readText().then((x) => x, () => ''));
    const text = orCancel(await svc.prompter.input({
      title: t('Add GPU Node'), prompt: t('The id of the GPU node you rent (64 hex characters). Paste several to add them all.'),
      value: clip.join(' '), placeholder: '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45',
      validate: (v) => (nodeIdsInText(v).length > 0 ? undefined : t('A node id is 64 hexadecimal characters (0-9, a-f), without 0x.')),
    }));
    ids = nodeIdsInText(text);
  }
  const bad = ids.filter((id) => !isNodeIdText(id));
  if (bad.length > 0 || ids.length === 0) throw new UserFacingError('"{0}" is not a GPU node id (64 hexadecimal characters).', [bad[0] ?? '']);
  const name = ids.length === 1 ? o.name : undefined;
  await addNodes(svc, endpoint, ids.map((id) => (name ? { id, name } : { id })));
}

export async function discoverNodes(svc: CommandServices, endpoint: string): Promise<void> {
  const discovered = await withProgress(t('Asking {0} for the GPU nodes it knows…', endpoint), async (signal) => {
    try {
      return await svc.clients.client(endpoint).listNodes({ signal });
    } catch (err) {
      throw new OperationFailed(t('Discovering GPU nodes failed'), err, endpoint);
    }
  });
  svc.store.setDiscovered(endpoint, discovered);
  const known = new Set(svc.settings.value.endpoints.find((e) => e.url === endpoint)?.nodes.map((n) => n.id) ?? []);
  const fresh = discovered.filter((n) => isNodeIdText(n.node_id) && !known.has(n.node_id.toLowerCase()));
  if (fresh.length === 0) {
    void vscode.window.showInformationMessage(discovered.length === 0
      ? t('The client node knows no GPU node yet: nodes announce themselves every few seconds after they start.')
      : t('All {0} GPU nodes the client node knows are already in the list.', discovered.length));
    return;
  }
  const chosen = orCancel(await svc.prompter.pickMany(fresh.map((n) => ({
    label: n.name || shortNodeId(n.node_id), description: shortNodeId(n.node_id), detail: n.version ? t('version {0}', n.version) : undefined, value: n,
  })), { title: t('Add which GPU nodes? (only add nodes you rent or were given access to)') }));
  if (chosen.length === 0) throw new UserCancelled();
  await addNodes(svc, endpoint, chosen.map((n) => ({ id: n.node_id.toLowerCase(), ...(n.name ? { name: n.name } : {}) })));
}

export async function removeNode(svc: CommandServices, ref: NodeRef): Promise<void> {
  await svc.settings.setEndpoints(withoutNode(svc.settings.value.endpoints, ref.endpoint, ref.nodeId));
}

export async function renameNode(svc: CommandServices, ref: NodeRef, o: ReturnType<typeof nameOptions>): Promise<void> {
  const name = o.name ?? orCancel(await svc.prompter.input({
    title: t('Rename GPU Node'), prompt: t('A name for {0} (empty: use the node\'s own name)', shortNodeId(ref.nodeId)), value: nodeName(svc.modelContext(), ref),
  }));
  await svc.settings.setEndpoints(withNodeName(svc.settings.value.endpoints, ref.endpoint, ref.nodeId, name.trim() || undefined));
}

export async function showNodeInfo(svc: CommandServices, ref: NodeRef): Promise<void> {
  const name = nodeName(svc.modelContext(), ref);
  await withProgress(t('Reading the details of {0}…', name), async (signal) => {
    try {
      await svc.fetcher.nodeInfo(ref, undefined, signal);
    } catch (err) {
      throw new OperationFailed(t('Reading the details of {0} failed', name), err, ref.endpoint);
    }
  });
  const info = svc.store.peekNode(ref)?.info;
  if (info?.error !== undefined) throw new OperationFailed(t('Reading the details of {0} failed', name), info.error, ref.endpoint);
  await svc.documents.showJson(`${name}.node`, { node_id: ref.nodeId, client_node: ref.endpoint, ...info?.value });
}

export async function copyNodeId(_svc: CommandServices, ref: NodeRef): Promise<void> {
  await vscode.env.clipboard.writeText(ref.nodeId);
}
