// The `dbc.endpoints` setting: client-node URLs and the GPU nodes used through each. Pure (no vscode), so
// the tree model, the tests and the demo scripts share one reading of it. Each entry may be a bare URL
// string or an object; node entries may be a bare 64-hex id or an object.
import { isRentOrderId } from '../../api/ids';

import { formatSshEndpoint, parseSshEndpoint } from '../../ssh/core/sshEndpointUrl';

export const DEFAULT_ENDPOINT_URL = 'http://127.0.0.1:5002';

export interface NodeConfig {
  /** The GPU node id: 64 hex characters, lower-cased. */
  id: string;
  /** A name chosen by the user; the node's own name is shown otherwise. */
  name?: string;
  /**
   * The rent order chosen for this node (a per-GPU rental; digits only), sent with every request for it.
   * Absent: the wallet's only renting order on the node is found by itself, or none is sent.
   */
  rentOrder?: string;
}

export interface EndpointConfig {
  /** Normalized: origin plus path, no trailing slash, no `/api/v1`. */
  url: string;
  name?: string;
  nodes: NodeConfig[];
}

export interface ParsedEndpoints {
  endpoints: EndpointConfig[];
  /** Entries that were skipped, in English, for the log. */
  problems: string[];
}

/** The JSON form written back to settings. */
export interface RawEndpoint {
  url: string;
  name?: string;
  nodes?: (string | { id: string; name?: string; rentOrder?: string })[];
}

export function isNodeIdText(text: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(text.trim());
}

/**
 * `http(s)://host:port[/path]`, or `ssh://user@host[:port][/client-node-port]` (normalized: default ports
 * left out), or undefined when the text is neither.
 */
export function normalizeEndpointUrl(raw: string): string | undefined {
  if (/^\s*ssh:/i.test(raw)) {
    const ssh = parseSshEndpoint(raw);
    return ssh ? formatSshEndpoint(ssh) : undefined;
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

/** The short text shown for an endpoint: its name, host:port, or user@host for an SSH tunnel. */
export function endpointLabel(e: Pick<EndpointConfig, 'url' | 'name'>): string {
  if (e.name) return e.name;
  const ssh = parseSshEndpoint(e.url);
  if (ssh) return `${ssh.user}@${ssh.host}${ssh.port === 22 ? '' : `:${ssh.port}`} (SSH)`;
  try {
    const u = new URL(e.url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return e.url;
  }
}

/** The endpoint at `from` moved to `to` (e.g. the same client node, now through an SSH tunnel): name and nodes kept. */
export function withEndpointUrl(endpoints: readonly EndpointConfig[], from: string, to: string): EndpointConfig[] {
  const normalized = normalizeEndpointUrl(to);
  if (!normalized) throw new Error(`Not an endpoint URL: ${to}`);
  if (normalized === from) return [...endpoints];
  const moved = endpoints.find((e) => e.url === from);
  const rest = endpoints.filter((e) => e.url !== from && e.url !== normalized);
  const existing = endpoints.find((e) => e.url === normalized);
  if (!moved) return [...endpoints];
  const nodes = [...(existing?.nodes ?? []), ...moved.nodes.filter((n) => !existing?.nodes.some((x) => x.id === n.id))];
  const at = endpoints.indexOf(moved);
  const merged: EndpointConfig = { url: normalized, ...(moved.name ?? existing?.name ? { name: moved.name ?? existing?.name } : {}), nodes };
  return [...rest.slice(0, at), merged, ...rest.slice(at)];
}

export function shortNodeId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

function parseNode(raw: unknown, where: string, problems: string[]): NodeConfig | undefined {
  const obj = typeof raw === 'string' ? { id: raw } : raw;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    problems.push(`${where}: expected a node id or an object with "id"`);
    return undefined;
  }
  const { id, name, rentOrder } = obj as { id?: unknown; name?: unknown; rentOrder?: unknown };
  if (typeof id !== 'string' || !isNodeIdText(id)) {
    problems.push(`${where}: "id" must be the node's 64-character hex id`);
    return undefined;
  }
  const node: NodeConfig = { id: id.trim().toLowerCase() };
  if (typeof name === 'string' && name.trim()) node.name = name.trim();
  if (typeof rentOrder === 'string' && isRentOrderId(rentOrder.trim())) node.rentOrder = rentOrder.trim();
  else if (rentOrder !== undefined && rentOrder !== '') problems.push(`${where}: "rentOrder" must be the number of a rent order on the DBC chain (digits only); ignored`);
  return node;
}

function parseEndpoint(raw: unknown, where: string, problems: string[]): EndpointConfig | undefined {
  const obj = typeof raw === 'string' ? { url: raw } : raw;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    problems.push(`${where}: expected a URL or an object with "url"`);
    return undefined;
  }
  const { url, name, nodes } = obj as { url?: unknown; name?: unknown; nodes?: unknown };
  const normalized = typeof url === 'string' ? normalizeEndpointUrl(url) : undefined;
  if (!normalized) {
    problems.push(`${where}: "url" must be an http:// or https:// URL such as ${DEFAULT_ENDPOINT_URL}, or ssh://user@host`);
    return undefined;
  }
  const endpoint: EndpointConfig = { url: normalized, nodes: [] };
  if (typeof name === 'string' && name.trim()) endpoint.name = name.trim();
  if (nodes !== undefined && !Array.isArray(nodes)) problems.push(`${where}: "nodes" must be a list`);
  const seen = new Set<string>();
  for (const [i, n] of (Array.isArray(nodes) ? nodes : []).entries()) {
    const node = parseNode(n, `${where}.nodes[${i}]`, problems);
    if (node && !seen.has(node.id)) {
      seen.add(node.id);
      endpoint.nodes.push(node);
    }
  }
  return endpoint;
}

/** Reads the setting leniently: bad entries are skipped and reported; duplicate URLs are merged. */
export function parseEndpoints(value: unknown): ParsedEndpoints {
  const problems: string[] = [];
  if (value === undefined || value === null) return { endpoints: [], problems };
  if (!Array.isArray(value)) return { endpoints: [], problems: ['dbc.endpoints must be a list'] };
  const byUrl = new Map<string, EndpointConfig>();
  value.forEach((raw, i) => {
    const e = parseEndpoint(raw, `dbc.endpoints[${i}]`, problems);
    if (!e) return;
    const existing = byUrl.get(e.url);
    if (!existing) {
      byUrl.set(e.url, e);
      return;
    }
    existing.name ??= e.name;
    for (const n of e.nodes) if (!existing.nodes.some((x) => x.id === n.id)) existing.nodes.push(n);
  });
  return { endpoints: [...byUrl.values()], problems };
}

export function toRaw(endpoints: readonly EndpointConfig[]): RawEndpoint[] {
  return endpoints.map((e) => ({
    url: e.url,
    ...(e.name ? { name: e.name } : {}),
    nodes: e.nodes.map((n) => ({ id: n.id, ...(n.name ? { name: n.name } : {}), ...(n.rentOrder ? { rentOrder: n.rentOrder } : {}) })),
  }));
}

export function withEndpoint(endpoints: readonly EndpointConfig[], url: string, name?: string): EndpointConfig[] {
  const normalized = normalizeEndpointUrl(url);
  if (!normalized) throw new Error(`Not an endpoint URL: ${url}`);
  if (endpoints.some((e) => e.url === normalized)) return [...endpoints];
  return [...endpoints, { url: normalized, ...(name ? { name } : {}), nodes: [] }];
}

export function withoutEndpoint(endpoints: readonly EndpointConfig[], url: string): EndpointConfig[] {
  return endpoints.filter((e) => e.url !== url);
}

/** Adds nodes to one endpoint (known ones keep their entry; a new name replaces a missing one). */
export function withNodes(endpoints: readonly EndpointConfig[], url: string, nodes: readonly NodeConfig[]): EndpointConfig[] {
  return endpoints.map((e) => {
    if (e.url !== url) return e;
    const merged = e.nodes.map((n) => ({ ...n }));
    for (const node of nodes) {
      const id = node.id.trim().toLowerCase();
      const existing = merged.find((n) => n.id === id);
      if (existing) existing.name ??= node.name;
      else merged.push({ id, ...(node.name ? { name: node.name } : {}) });
    }
    return { ...e, nodes: merged };
  });
}

export function withoutNode(endpoints: readonly EndpointConfig[], url: string, nodeId: string): EndpointConfig[] {
  return endpoints.map((e) => (e.url === url ? { ...e, nodes: e.nodes.filter((n) => n.id !== nodeId) } : e));
}

function withNodeField(endpoints: readonly EndpointConfig[], url: string, nodeId: string, field: 'name' | 'rentOrder', value: string | undefined): EndpointConfig[] {
  return endpoints.map((e) => (e.url !== url ? e : {
    ...e,
    nodes: e.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { [field]: _old, ...rest } = n;
      return value ? { ...rest, [field]: value } : rest;
    }),
  }));
}

export function withNodeName(endpoints: readonly EndpointConfig[], url: string, nodeId: string, name: string | undefined): EndpointConfig[] {
  return withNodeField(endpoints, url, nodeId, 'name', name);
}

/** Stores (or, with undefined, forgets) the rent order chosen for a node. */
export function withNodeRentOrder(endpoints: readonly EndpointConfig[], url: string, nodeId: string, rentOrder: string | undefined): EndpointConfig[] {
  if (rentOrder !== undefined && !isRentOrderId(rentOrder)) throw new Error(`Not a rent order id: ${rentOrder}`);
  return withNodeField(endpoints, url, nodeId, 'rentOrder', rentOrder);
}

/**
 * Extracts GPU node ids from pasted text: one or more 64-hex ids separated by anything (spaces, commas,
 * new lines, JSON). Returns them lower-cased, without duplicates, in order.
 */
export function nodeIdsInText(text: string): string[] {
  const ids = text.match(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g) ?? [];
  return [...new Set(ids.map((s) => s.toLowerCase()))];
}
