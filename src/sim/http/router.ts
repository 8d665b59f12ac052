// URI routing of the client node (dbc-protocol.md §2.1): raw prefix matching including the query,
// segment splitting without URL-decoding, and the exact 400/404/500 texts.
import { badRequest, clientError, type Reply } from './reply';
import type { RouteId } from './routes';

export type SnapshotRoutes = 'both' | 'source' | 'seed';

export interface RouteMatch {
  id: RouteId;
  taskId: string;
  snapshotName: string;
  query: Map<string, string>;
  /** A handler-level path error (400 -25), reported after the POST check. */
  pathError?: string;
  /** L1 / L3: the network named in the path (`/lan/<name>`, `/lan/delete/<name>`). */
  lanName?: string;
}

/** `hang`: the node's handler returns without replying; the request stays open until the client gives up. */
export type RouteResult = { match: RouteMatch } | { reply: Reply } | { hang: true };

const API = '/api/v1';
const PREFIXES = ['/tasks', '/images', '/snapshot', '/disk', '/mining_nodes', '/peers', '/stat', '/config',
  '/monitor', '/lan', '/bare_metal', '/deeplink', '/rent_orders'];

const unhandled = (): Reply => clientError(500, -32701, 'Unhandled request');
const invalidRequestsUri = (): Reply => badRequest(-32600, 'invalid requests uri');

/** `split_path`: drop the query, one leading '/', split on '/', drop one trailing empty segment. */
export function splitPath(path: string): string[] {
  let p = path.split('?')[0];
  if (p.startsWith('/')) p = p.slice(1);
  const segs = p.split('/');
  if (segs[segs.length - 1] === '') segs.pop();
  return segs;
}

/** `split_path_into_kvs`: pairs split on '&' then '='; only exact 2-part pairs are kept; no decoding. */
export function parseQuery(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const at = path.indexOf('?');
  if (at < 0) return out;
  for (const pair of path.slice(at + 1).split('&')) {
    const kv = pair.split('=');
    if (kv.length === 2) out.set(kv[0], kv[1]);
  }
  return out;
}

function match(id: RouteId, path: string, taskId = '', snapshotName = '', pathError?: string): RouteResult {
  return { match: { id, taskId, snapshotName, query: parseQuery(path), ...(pathError ? { pathError } : {}) } };
}

const TASK_VERBS: Record<string, RouteId> = {
  start: 'T4', stop: 'T5', poweroff: 'T6', shutdown: 'T7', restart: 'T8', reset: 'T9', delete: 'T10',
  logs: 'T11', modify: 'T12', passwd: 'T13',
};

function routeTasks(path: string): RouteResult {
  const segs = splitPath(path);
  if (segs.length === 0) return match('T1', path);
  if (segs.length === 1) return segs[0] === 'start' ? match('T3', path) : match('T2', path, segs[0]);
  if (segs.length === 2) {
    const id = Object.prototype.hasOwnProperty.call(TASK_VERBS, segs[0]) ? TASK_VERBS[segs[0]] : undefined;
    return id ? match(id, path, segs[1], '', segs[1] === '' ? 'task_id is empty' : undefined) : { reply: unhandled() };
  }
  return { reply: invalidRequestsUri() };
}

function routeMiningNodes(path: string): RouteResult {
  const segs = splitPath(path);
  if (segs.length === 0) return match('M1', path);
  if (segs.length === 1 && segs[0] === 'session_id') return match('M2', path);
  if (segs.length === 1 && segs[0] === 'free_memory') return match('M3', path);
  return { reply: invalidRequestsUri() };
}

const IMAGE_VERBS: Record<string, RouteId> = {
  servers: 'I1', upload: 'I3', download: 'I4', downloadprogress: 'I5', download_stop: 'I6',
  uploadprogress: 'I7', upload_stop: 'I8', delete: 'I9',
};

function routeImages(path: string): RouteResult {
  const segs = splitPath(path);
  if (segs.length === 0) return match('I2', path);
  const id = segs.length === 1 && Object.prototype.hasOwnProperty.call(IMAGE_VERBS, segs[0]) ? IMAGE_VERBS[segs[0]] : undefined;
  return id ? match(id, path) : { reply: invalidRequestsUri() };
}

const DISK_VERBS: Record<string, RouteId> = { list: 'D1', resize: 'D2', add: 'D3', delete: 'D4' };

/** `rest_disk`: exactly `/disk/<verb>/<task_id>`. */
function routeDisk(path: string): RouteResult {
  const segs = splitPath(path);
  const id = segs.length === 2 && Object.prototype.hasOwnProperty.call(DISK_VERBS, segs[0]) ? DISK_VERBS[segs[0]!] : undefined;
  if (!id) return { reply: invalidRequestsUri() };
  return match(id, path, segs[1], '', segs[1] === '' ? 'task_id is empty' : undefined);
}

/** `rest_monitor`: `/monitor` lists, `/monitor/set` sets, any other single segment lists too. */
function routeMonitor(path: string): RouteResult {
  const segs = splitPath(path);
  if (segs.length === 0) return match('N1', path);
  if (segs.length === 1) return match(segs[0] === 'set' ? 'N2' : 'N1', path);
  return { reply: invalidRequestsUri() };
}

/** `rest_lan`: `/lan[/<name>]`, `/lan/create`, `/lan/delete/<name>`; two segments not starting with delete get no reply at all. */
function routeLan(path: string): RouteResult {
  const segs = splitPath(path);
  const lan = (id: RouteId, name: string): RouteResult => {
    const r = match(id, path);
    if ('match' in r) r.match.lanName = name;
    return r;
  };
  if (segs.length === 0) return lan('L1', '');
  if (segs.length === 1) return segs[0] === 'create' ? match('L2', path) : lan('L1', segs[0]!);
  if (segs.length === 2) return segs[0] === 'delete' ? lan('L3', segs[1]!) : { hang: true };
  return { reply: invalidRequestsUri() };
}

/** `rest_rent_orders`: `/rent_orders` or `/rent_orders/<id>` (the id is ignored by the GPU node). */
function routeRentOrders(path: string): RouteResult {
  return splitPath(path).length <= 1 ? match('R1', path) : { reply: invalidRequestsUri() };
}

/** Verb-first snapshot paths, as the node's router accepts them. */
function snapshotSource(segs: string[], path: string): RouteResult {
  const [verb, taskId = '', name = ''] = segs;
  if (verb === 'list') {
    const err = segs.length < 2 ? 'invalid uri, please use /snapshot/list/<task_id>[/snapshot_name]' : undefined;
    return match(segs.length === 3 ? 'S2' : 'S1', path, taskId, name, err);
  }
  if (verb === 'create') {
    const err = segs.length !== 2 ? 'invalid uri, please use: /snapshot/<task_id>/create' : undefined;
    return match('S3', path, taskId, '', err ?? (taskId ? undefined : 'task_id is empty'));
  }
  const err = segs.length !== 3 ? 'invalid uri, please use /snapshot/delete/<task_id>/<snapshot_name>' : undefined;
  return match('S4', path, taskId, name, err);
}

/** Task-first paths of the seed document: /snapshot/<id>, /<id>/<name>, /<id>/create, /<id>/delete/<name>. */
function snapshotSeed(segs: string[], path: string): RouteResult | undefined {
  const [taskId, second, third] = segs;
  if (segs.length === 1) return match('S1', path, taskId);
  if (segs.length === 2) return second === 'create' ? match('S3', path, taskId) : match('S2', path, taskId, second);
  if (segs.length === 3 && second === 'delete') return match('S4', path, taskId, third);
  return undefined;
}

function routeSnapshot(path: string, mode: SnapshotRoutes): RouteResult {
  const segs = splitPath(path);
  const invalid = { reply: badRequest(-32600, 'invalid uri') };
  if (segs.length < 1 || segs.length > 3) return invalid;
  if (mode !== 'seed' && ['list', 'create', 'delete'].includes(segs[0])) return snapshotSource(segs, path);
  return (mode !== 'source' && snapshotSeed(segs, path)) || invalid;
}

/** Routes a raw request target (path plus query) to a core route, or to the node's own error reply. */
export function routeRequest(target: string, snapshotRoutes: SnapshotRoutes): RouteResult {
  if (target === `${API}/`) return match('V', '');
  if (!target.startsWith(API)) return { reply: badRequest(-32600, `request uri is invalid, uri:${target}`) };
  const prefix = PREFIXES.find((p) => target.startsWith(API + p));
  if (!prefix) return { reply: clientError(404, -32601, `not support uri:${target}`) };
  const path = target.slice(API.length + prefix.length);
  switch (prefix) {
    case '/tasks': return routeTasks(path);
    case '/mining_nodes': return routeMiningNodes(path);
    case '/images': return routeImages(path);
    case '/snapshot': return routeSnapshot(path, snapshotRoutes);
    case '/rent_orders': return routeRentOrders(path);
    case '/disk': return routeDisk(path);
    case '/monitor': return routeMonitor(path);
    case '/lan': return routeLan(path);
    default: return { reply: unhandled() }; // /stat and /config are empty handlers; /peers, /bare_metal, /deeplink are not simulated
  }
}
