// Reading what a command was invoked on, without asking: a tree row (the element, plus the
// multi-selection), or a plain object from a programmatic caller such as `{ nodeId, taskId }` or
// `{ endpoint, nodeId }`. Undefined means "not given": the resolvers of ../targets.ts then ask from the
// palette. Pure.
import type { NodeRef, VmRef } from '../../config/model/refs';
import type { CommandServices } from '../../flows/commandServices';
import type { Element } from '../../tree/model/elements';
import { isRecord } from '../../util/isRecord';

type WithSettings = Pick<CommandServices, 'settings'>;

export function isElement(v: unknown): v is Element {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && typeof (v as { id?: unknown }).id === 'string';
}

/** The endpoint a node is configured under: the given one, else the first endpoint listing it, else the first. */
export function endpointFor(svc: WithSettings, nodeId: string, endpoint?: unknown): string | undefined {
  const endpoints = svc.settings.value.endpoints;
  if (typeof endpoint === 'string' && endpoint) return endpoint.replace(/\/+$/, '');
  return endpoints.find((e) => e.nodes.some((n) => n.id === nodeId))?.url ?? endpoints[0]?.url;
}

function nodeFromObject(svc: WithSettings, o: Record<string, unknown>): NodeRef | undefined {
  if (typeof o['nodeId'] !== 'string') return undefined;
  const nodeId = o['nodeId'].trim().toLowerCase();
  const endpoint = endpointFor(svc, nodeId, o['endpoint']);
  return endpoint ? { endpoint, nodeId } : undefined;
}

export function nodeRefOf(svc: WithSettings, arg: unknown): NodeRef | undefined {
  if (isElement(arg)) {
    if (arg.kind === 'node' || arg.kind === 'vm' || arg.kind === 'snapshot' || arg.kind === 'forward') return { endpoint: arg.ref.endpoint, nodeId: arg.ref.nodeId };
    if (arg.kind === 'image' && arg.nodeId) return { endpoint: arg.endpoint, nodeId: arg.nodeId };
    if (arg.kind === 'message' && arg.node) return arg.node;
    return undefined;
  }
  return isRecord(arg) ? nodeFromObject(svc, arg) : undefined;
}

function vmRefOf(svc: WithSettings, arg: unknown): VmRef | undefined {
  if (isElement(arg)) return arg.kind === 'vm' || arg.kind === 'snapshot' || arg.kind === 'forward' ? arg.ref : undefined;
  if (!isRecord(arg) || typeof arg['taskId'] !== 'string') return undefined;
  const node = nodeFromObject(svc, arg);
  return node ? { ...node, taskId: arg['taskId'] } : undefined;
}

/** VMs from (clicked, selection) or a programmatic object / list; undefined means "ask". */
export function vmRefsOf(svc: WithSettings, args: readonly unknown[]): VmRef[] | undefined {
  const [first, second] = args;
  if (Array.isArray(second) && second.length > 0 && isElement(first)) {
    const refs = second.map((s) => vmRefOf(svc, s)).filter((r): r is VmRef => r !== undefined);
    if (refs.length > 0) return refs;
  }
  if (Array.isArray(first)) {
    const refs = first.map((s) => vmRefOf(svc, s)).filter((r): r is VmRef => r !== undefined);
    return refs.length > 0 ? refs : undefined;
  }
  const one = vmRefOf(svc, first);
  return one ? [one] : undefined;
}

/** The endpoint of an endpoint, networks or network row, or `{ endpoint }` / `{ url }`. */
export function endpointOf(arg: unknown): string | undefined {
  if (isElement(arg)) {
    switch (arg.kind) {
      case 'endpoint': return arg.url;
      case 'networks':
      case 'network': return arg.endpoint;
      case 'message': return arg.endpoint ?? arg.node?.endpoint;
      default: return undefined;
    }
  }
  if (isRecord(arg)) {
    const v = arg['endpoint'] ?? arg['url'];
    return typeof v === 'string' ? v : undefined;
  }
  return typeof arg === 'string' ? arg : undefined;
}

/** An image row (of a GPU node or of an image server). */
export type ImageRow = Extract<Element, { kind: 'image' }>;

export function imageRowOf(arg: unknown): ImageRow | undefined {
  return isElement(arg) && arg.kind === 'image' ? arg : undefined;
}

/** A plain-object argument (for programmatic use), or {} for tree elements and nothing. */
export function optionsOf(arg: unknown): Record<string, unknown> {
  return isRecord(arg) && !isElement(arg) ? arg : {};
}
