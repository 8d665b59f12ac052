// References to the endpoints, GPU nodes and VMs the user configured and sees, and the stable ids (tree rows,
// refresh keys) built from them.

export interface NodeRef {
  /** The endpoint's normalized URL. */
  endpoint: string;
  nodeId: string;
}

export interface VmRef extends NodeRef {
  taskId: string;
}

export const endpointKey = (url: string): string => `ep:${url}`;
export const nodeKey = (r: NodeRef): string => `node:${r.endpoint}|${r.nodeId}`;
export const vmKey = (r: VmRef): string => `vm:${r.endpoint}|${r.nodeId}|${r.taskId}`;

export function sameNode(a: NodeRef, b: NodeRef): boolean {
  return a.endpoint === b.endpoint && a.nodeId === b.nodeId;
}

/** Parses a key made by `nodeKey` or `endpointKey`. */
export function parseKey(key: string): { endpoint: string; nodeId?: string } | undefined {
  if (key.startsWith('ep:')) return { endpoint: key.slice(3) };
  const m = /^node:(.*)\|([0-9a-f]{64})$/.exec(key);
  return m ? { endpoint: m[1]!, nodeId: m[2]! } : undefined;
}
