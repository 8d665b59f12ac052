// Route ids (the ones of dbc-protocol.md §3.1) and what the client node does for each of them.

export type RouteId =
  | 'V' | 'M1' | 'M2'
  | 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10' | 'T11' | 'T12' | 'T13'
  | 'S1' | 'S2' | 'S3' | 'S4'
  | 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'I8' | 'I9'
  | 'R1' | 'M3' | 'D1' | 'D2' | 'D3' | 'D4' | 'L1' | 'L2' | 'L3' | 'N1' | 'N2';

/** Which presence check the client node runs (§5.1), with its failure text. */
export type Presence = 'none' | 'wallet-or-session' | 'session-or-wallet' | 'wallet-only';

export interface RouteInfo {
  id: RouteId;
  /** A readable alias, accepted wherever a route is named (faults, counters). */
  name: string;
  /** `<op> timeout` text of the client node's 30 s timer (§6.3). */
  timeout: string;
  /** What the client node answers when the GPU node's reply does not parse. */
  parseError: 'response parse error' | 'http response parse error';
  /** Prefix of envelope errors (`parse req params failed: ` etc.). */
  parsePrefix: string;
  /** Whether `json parse error:` carries `(<offset>)`. */
  jsonOffset: boolean;
  presence: Presence;
}

const TASK_PARSE = { parseError: 'response parse error', parsePrefix: '', jsonOffset: true } as const;
const IMAGE_PARSE = { parseError: 'http response parse error', parsePrefix: 'parse request params failed: ', jsonOffset: false } as const;

const table: RouteInfo[] = [
  { id: 'V', name: 'version', timeout: '', ...TASK_PARSE, presence: 'none' },
  { id: 'M1', name: 'nodes.info', timeout: 'query node info timeout', ...TASK_PARSE, parsePrefix: 'parse req params failed: ', presence: 'none' },
  { id: 'M2', name: 'nodes.session_id', timeout: 'get session_id timeout', ...TASK_PARSE, presence: 'wallet-only' },
  { id: 'T1', name: 'tasks.list', timeout: 'list task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T2', name: 'tasks.info', timeout: 'list task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T3', name: 'tasks.create', timeout: 'create task timeout', ...TASK_PARSE, presence: 'session-or-wallet' },
  { id: 'T4', name: 'tasks.start', timeout: 'start task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T5', name: 'tasks.stop', timeout: 'stop task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T6', name: 'tasks.poweroff', timeout: 'stop task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T7', name: 'tasks.shutdown', timeout: 'shutdown task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T8', name: 'tasks.restart', timeout: 'restart task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T9', name: 'tasks.reset', timeout: 'reset task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T10', name: 'tasks.delete', timeout: 'delete task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T11', name: 'tasks.logs', timeout: 'task logs timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T12', name: 'tasks.modify', timeout: 'modify task timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'T13', name: 'tasks.passwd', timeout: 'set task user password timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'S1', name: 'snapshot.list', timeout: 'list snapshot timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'S2', name: 'snapshot.info', timeout: 'list snapshot timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'S3', name: 'snapshot.create', timeout: 'create snapshot timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'S4', name: 'snapshot.delete', timeout: 'delete snapshot timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'I1', name: 'images.servers', timeout: '', ...IMAGE_PARSE, presence: 'none' },
  { id: 'I2', name: 'images.list', timeout: 'list images timeout', ...IMAGE_PARSE, presence: 'none' },
  { id: 'I3', name: 'images.upload', timeout: 'upload image timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I4', name: 'images.download', timeout: 'download image timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I5', name: 'images.downloadprogress', timeout: 'query download image progress timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I6', name: 'images.download_stop', timeout: 'download image timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I7', name: 'images.uploadprogress', timeout: 'query upload image progress timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I8', name: 'images.upload_stop', timeout: 'upload image timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'I9', name: 'images.delete', timeout: 'upload image timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  // rest_api_service.cpp rest_query_node_rent_orders: no presence check; the GPU node checks nothing either.
  { id: 'R1', name: 'rent_orders', timeout: 'query node rent orders timeout', ...TASK_PARSE, parsePrefix: 'parse req params failed: ', presence: 'none' },
  // rest_free_memory: envelope errors without a prefix; the reply handler says `http response parse error`.
  { id: 'M3', name: 'nodes.free_memory', timeout: 'free memory timeout', ...TASK_PARSE, parseError: 'http response parse error', presence: 'wallet-or-session' },
  // rest_{list,resize,add,delete}_disk: parsed like the image routes.
  { id: 'D1', name: 'disk.list', timeout: 'list disk timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'D2', name: 'disk.resize', timeout: 'resize disk timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'D3', name: 'disk.add', timeout: 'add disk timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  { id: 'D4', name: 'disk.delete', timeout: 'delete disk timeout', ...IMAGE_PARSE, presence: 'session-or-wallet' },
  // rest_list_lan (no presence check; answered by the client node itself without a peer), rest_create_lan, rest_delete_lan.
  { id: 'L1', name: 'lan.list', timeout: 'list local area network timeout', ...TASK_PARSE, parsePrefix: 'parse req params failed: ', presence: 'none' },
  { id: 'L2', name: 'lan.create', timeout: 'create local area network timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'L3', name: 'lan.delete', timeout: 'delete local area network timeout', ...TASK_PARSE, presence: 'none' },
  // rest_list_monitor_server, rest_set_monitor_server.
  { id: 'N1', name: 'monitor.list', timeout: 'list monitor server timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
  { id: 'N2', name: 'monitor.set', timeout: 'set monitor server timeout', ...TASK_PARSE, presence: 'wallet-or-session' },
];

export const ROUTES: ReadonlyMap<RouteId, RouteInfo> = new Map(table.map((r) => [r.id, r]));
export const ROUTE_IDS: readonly RouteId[] = table.map((r) => r.id);

export function routeInfo(id: RouteId): RouteInfo {
  return ROUTES.get(id) as RouteInfo;
}

/** Resolves a route given by id (`T3`) or alias (`tasks.create`); undefined when unknown. */
export function resolveRouteName(name: string): RouteId | undefined {
  return table.find((r) => r.id === name || r.name === name)?.id;
}

/** Routes whose GPU reply can be an action on a VM (the `vm-error` fault applies to them). */
export const TRANSITION_ROUTES: ReadonlySet<RouteId> = new Set(['T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'D3', 'D4']);
