// Adding GPU nodes to the settings (typed, pasted, discovered, or the node of imported shared access).
import { withEndpoint, withNodes, type NodeConfig } from '../config/model/endpoints';
import type { NodeRef } from '../config/model/refs';
import type { CommandServices } from './commandServices';

/** Adds node ids under an endpoint (settings) and loads them. */
export async function addNodes(svc: CommandServices, endpoint: string, nodes: NodeConfig[]): Promise<NodeRef[]> {
  let endpoints = svc.settings.value.endpoints;
  if (!endpoints.some((e) => e.url === endpoint)) endpoints = withEndpoint(endpoints, endpoint);
  await svc.settings.setEndpoints(withNodes(endpoints, endpoint, nodes));
  const refs = nodes.map((n) => ({ endpoint, nodeId: n.id.toLowerCase() }));
  void svc.refreshNodes(refs, { immediate: true });
  return refs;
}
