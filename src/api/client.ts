// A typed client of the DBC client-node HTTP API: one method per route (docs/dbc-protocol.md §3.1 and
// the user document). It never retries: a state-changing call that times out may still have happened
// on the GPU node, so callers reconcile by reading state (see isOutcomeUnknown).
//
// A new route is one method calling `this.call({ route, path, auth, reply })`: `reply` (required) is the
// shape of its `message` and the largest body read (replyShapes.ts: `replySpec(shape, REPLY_BYTES.…)`).
// What a caller gets back has been checked against that shape, stripped of escape sequences and of the
// secrets the request sent.
import type { Credential } from './types';
import { buildEnvelope, jsonInteger } from './envelope';
import { endpointSecurity, InsecureEndpointError } from './endpointPolicy';
import { requireNodeId, requireRentOrder, requireSegment } from './ids';
import { ReplyParseError } from './errors';
import { nodeFetch } from './nodeFetch';
import { maskSecretText, redact, redactJsonText, secretsOf } from './redact';
import { REPLY, type ReplySpec } from './replyShapes';
import { parseReply } from './reply';
import { RequestError } from './requestError';
import { classifyProbe, snapshotPath, type SnapshotOp, type SnapshotRouteStyle } from './snapshotRoutes';
import { post, type FetchLike } from './transport';
import type {
  CreatedTask, CreateSnapshotSpec, CreateTaskSpec, DiskEntry, ImageEntry, LanNetwork, LogFlag, MiningNodeEntry, ModifyTaskSpec,
  NodeInfo, RentOrderEntry, SnapshotInfo, TaskInfo, TaskLogs, TaskSummary, TransferProgress, VersionInfo,
} from './types';
import { errorMessage } from '../util/errorMessage';

export const DEFAULT_TIMEOUT_MS = 40_000; // the client node gives up after 30 s; leave room for its answer

export interface DbcClientOptions {
  /** The client node, e.g. `http://127.0.0.1:5002`. */
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Called after every request with redacted details, for the log. */
  onExchange?: (exchange: Exchange) => void;
  /** A snapshot route style learned earlier for this endpoint. */
  snapshotRouteStyle?: SnapshotRouteStyle;
  /**
   * Send signed and session requests over plain http to another machine (the user allowed it for this
   * endpoint). Without it they are refused before sending (InsecureEndpointError).
   */
  allowInsecureHttp?: boolean;
  /**
   * For an `ssh://` endpoint: the local URL of its tunnel (opened, or reopened, on demand), where
   * requests really go. `baseUrl` stays the ssh URL, which errors and logs name.
   */
  tunnel?: () => Promise<string>;
  /**
   * The rent order of a GPU node, asked before every request for that node that has no
   * `CallOptions.rentOrder` (a per-GPU rental needs it on every route). `credential` is undefined for
   * routes without authentication (so a resolver that discovers orders never recurses).
   */
  rentOrderFor?: RentOrderResolver;
}

export type RentOrderResolver = (nodeId: string, credential: Credential | undefined, signal?: AbortSignal) => Promise<string | undefined>;

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  auth?: Credential;
  /** The on-chain rent order id of a per-GPU rental (sent as the top-level `rent_order`). */
  rentOrder?: string;
}

export interface Exchange {
  route: string;
  url: string;
  /** The request body with signatures, nonces and session ids masked (worked out when first read). */
  readonly body: unknown;
  status?: number;
  /** The reply text with passwords masked (worked out when first read: the log reads it at trace level only). */
  readonly reply?: string;
  error?: string;
  durationMs: number;
}

/** An Exchange whose redacted body and reply are worked out when first read . */
function lazyExchange(fields: Omit<Exchange, 'body' | 'reply'>, body: () => unknown, reply: () => string | undefined): Exchange {
  let redactedBody: { value: unknown } | undefined;
  let redactedReply: string | undefined;
  return Object.defineProperties(fields as Exchange, {
    body: { get: () => (redactedBody ??= { value: body() }).value, enumerable: true },
    reply: { get: () => (redactedReply ??= reply()), enumerable: true },
  });
}

type AuthNeed = 'none' | 'optional' | 'required' | 'wallet';

interface Call<T> {
  route: string;
  path: string;
  query?: Record<string, string>;
  nodeId?: string;
  additional?: Record<string, unknown>;
  auth: AuthNeed;
  /** What the reply's `message` must be, and the largest body read (src/api/replyShapes.ts). */
  reply: ReplySpec<T>;
}

export class DbcClient {
  readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private snapshotStyle: SnapshotRouteStyle | undefined;

  constructor(private readonly options: DbcClientOptions) {
    this.baseUrl = options.tunnel ? normalizeSshUrl(options.baseUrl) : normalizeBaseUrl(options.baseUrl);
    this.fetch = options.fetch ?? nodeFetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.snapshotStyle = options.snapshotRouteStyle;
  }

  /** The snapshot route style of this endpoint, once known. */
  get snapshotRouteStyle(): SnapshotRouteStyle | undefined {
    return this.snapshotStyle;
  }

  // ---- client node and GPU nodes -------------------------------------------------------------

  async version(o: CallOptions = {}): Promise<VersionInfo> {
    return this.call({ route: 'version', path: '/', auth: 'none', reply: REPLY.version }, o);
  }

  async listNodes(o: CallOptions = {}): Promise<MiningNodeEntry[]> {
    const reply = await this.call({ route: 'mining_nodes.list', path: '/mining_nodes', auth: 'none', reply: REPLY.nodeList }, o);
    return reply.mining_nodes ?? [];
  }

  async nodeInfo(nodeId: string, opts: { imageServer?: string } & CallOptions = {}): Promise<NodeInfo> {
    const info = await this.call({
      route: 'mining_nodes.info', path: '/mining_nodes', nodeId: requireNodeId(nodeId), additional: { image_server: opts.imageServer }, auth: 'none', reply: REPLY.nodeInfo,
    }, opts);
    return { ...info, images: info.images?.map(normalizeImage) };
  }

  /**
   * R1: the GPU node's rent cache (every renter's records). Needs no signature; the id in the path
   * is ignored by the node, so none is sent.
   */
  async rentOrders(nodeId: string, o: CallOptions = {}): Promise<RentOrderEntry[]> {
    const reply = await this.call({ route: 'rent_orders', path: '/rent_orders', nodeId: requireNodeId(nodeId), auth: 'none', reply: REPLY.rentOrders }, o);
    return reply.rent_orders ?? [];
  }

  /** M2: only the renter's wallet (or multisig) may ask; a session holder cannot. */
  async sessionId(nodeId: string, o: CallOptions = {}): Promise<string> {
    const reply = await this.call({ route: 'mining_nodes.session_id', path: '/mining_nodes/session_id', nodeId: requireNodeId(nodeId), auth: 'wallet', reply: REPLY.sessionId }, o);
    return reply.session_id;
  }

  // ---- tasks (VMs) ---------------------------------------------------------------------------

  async listTasks(nodeId: string, o: CallOptions = {}): Promise<TaskSummary[]> {
    return this.call({ route: 'tasks.list', path: '/tasks', nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.taskList }, o);
  }

  /** T2. A reply about another task than the one asked for is refused (ReplyParseError), never used. */
  async taskInfo(nodeId: string, taskId: string, o: CallOptions = {}): Promise<TaskInfo> {
    const info = await this.call({ route: 'tasks.info', path: `/tasks/${requireSegment('task id', taskId)}`, nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.taskInfo }, o);
    if (info.task_id !== taskId) throw new ReplyParseError('tasks.info', 200, '', `the reply is about task ${JSON.stringify(info.task_id)}, not ${taskId}`);
    return info;
  }

  /** T3. The additional fields go out as given (validate and normalize with src/core first). */
  async createTask(nodeId: string, spec: CreateTaskSpec | Record<string, unknown>, o: CallOptions = {}): Promise<CreatedTask> {
    return this.call({ route: 'tasks.create', path: '/tasks/start', nodeId: requireNodeId(nodeId), additional: { ...spec }, auth: 'required', reply: REPLY.createdTask }, o);
  }

  async startTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('start', nodeId, taskId, o);
  }

  async stopTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('stop', nodeId, taskId, o);
  }

  async poweroffTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('poweroff', nodeId, taskId, o);
  }

  async shutdownTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('shutdown', nodeId, taskId, o);
  }

  async restartTask(nodeId: string, taskId: string, opts: { force?: boolean } & CallOptions = {}): Promise<string> {
    return this.action('restart', nodeId, taskId, opts, opts.force ? { force_reboot: 'true' } : undefined);
  }

  async resetTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('reset', nodeId, taskId, o);
  }

  async deleteTask(nodeId: string, taskId: string, o: CallOptions = {}): Promise<string> {
    return this.action('delete', nodeId, taskId, o);
  }

  /** T11. `lines` is clamped to 1..100 (the node caps the window at 100 lines and 1 or 8 KiB). */
  async taskLogs(nodeId: string, taskId: string, opts: { flag?: LogFlag; lines?: number } & CallOptions = {}): Promise<TaskLogs> {
    const lines = Math.min(100, Math.max(1, Math.floor(opts.lines ?? 100)));
    const logs = await this.call({
      route: 'tasks.logs', path: `/tasks/logs/${requireSegment('task id', taskId)}`, query: { flag: opts.flag ?? 'tail', line_num: String(lines) },
      nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.taskLogs,
    }, opts);
    return { task_id: logs.task_id ?? taskId, log_content: logs.log_content };
  }

  /** T12. Replies `ok` or `some changes will take effect on the next boot`. */
  async modifyTask(nodeId: string, taskId: string, spec: ModifyTaskSpec | Record<string, unknown>, o: CallOptions = {}): Promise<string> {
    return this.call({ route: 'tasks.modify', path: `/tasks/modify/${requireSegment('task id', taskId)}`, nodeId: requireNodeId(nodeId), additional: { ...spec }, auth: 'required', reply: REPLY.ack }, o);
  }

  /** T13: the VM must be running. */
  async setTaskPassword(nodeId: string, taskId: string, creds: { username: string; password: string }, o: CallOptions = {}): Promise<string> {
    return this.call({ route: 'tasks.passwd', path: `/tasks/passwd/${requireSegment('task id', taskId)}`, nodeId: requireNodeId(nodeId), additional: { ...creds }, auth: 'required', reply: REPLY.ack }, o);
  }

  private async action(verb: string, nodeId: string, taskId: string, o: CallOptions, query?: Record<string, string>): Promise<string> {
    return this.call({ route: `tasks.${verb}`, path: `/tasks/${verb}/${requireSegment('task id', taskId)}`, query, nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.ack }, o);
  }

  // ---- disks (renters; the VM must be shut off to change them) ------------------------------

  /** D1: the VM's disks, in name order. */
  async listDisks(nodeId: string, taskId: string, o: CallOptions = {}): Promise<DiskEntry[]> {
    return this.diskCall('list', nodeId, taskId, {}, REPLY.diskList, o);
  }

  /** D2: grows `disk` by `addGb` GB. `ok` only means queued: the result shows in the VM's log. */
  async resizeDisk(nodeId: string, taskId: string, spec: { disk: string; addGb: number }, o: CallOptions = {}): Promise<string> {
    return this.diskCall('resize', nodeId, taskId, { disk: spec.disk, size: jsonInteger(spec.addGb) }, REPLY.ack, o);
  }

  /** D3: a new data disk of `sizeGb` GB (in `mountDir`, default /data on the node). Queued like resize. */
  async addDisk(nodeId: string, taskId: string, spec: { sizeGb: number; mountDir?: string }, o: CallOptions = {}): Promise<string> {
    return this.diskCall('add', nodeId, taskId, { size: jsonInteger(spec.sizeGb), mount_dir: spec.mountDir }, REPLY.ack, o);
  }

  /** D4: detaches a data disk and removes its file (never vda). Queued like resize. */
  async deleteDisk(nodeId: string, taskId: string, disk: string, o: CallOptions = {}): Promise<string> {
    return this.diskCall('delete', nodeId, taskId, { disk }, REPLY.ack, o);
  }

  private async diskCall<T>(verb: string, nodeId: string, taskId: string, additional: Record<string, unknown>, reply: ReplySpec<T>, o: CallOptions): Promise<T> {
    return this.call({
      route: `disk.${verb}`, path: `/disk/${verb}/${requireSegment('task id', taskId)}`, nodeId: requireNodeId(nodeId), additional, auth: 'required', reply,
    }, o);
  }

  // ---- virtual LANs ------------------------------------------------------------------------

  /** L1: without a node, the client node's own list (`{networks}`); through a node, its list. No signature. */
  async listLans(nodeId?: string, o: CallOptions = {}): Promise<LanNetwork[]> {
    const id = nodeId === undefined ? undefined : requireNodeId(nodeId);
    const reply = await this.call({ route: 'lan.list', path: '/lan', nodeId: id, auth: 'none', reply: REPLY.lanList }, o);
    return (Array.isArray(reply) ? reply : reply.networks ?? []).map(normalizeLan);
  }

  /** L2: a LAN of 6–10 letters or digits over `ipCidr` (e.g. 10.10.0.0/24), created on `nodeId`. */
  async createLan(nodeId: string, spec: { name: string; ipCidr: string }, o: CallOptions = {}): Promise<string> {
    return this.call({
      route: 'lan.create', path: '/lan/create', nodeId: requireNodeId(nodeId), additional: { network_name: spec.name, ip_cidr: spec.ipCidr }, auth: 'required',
      reply: REPLY.ack,
    }, o);
  }

  /** L3: only its creator may delete it, and only when no VM is in it. */
  async deleteLan(nodeId: string, name: string, o: CallOptions = {}): Promise<string> {
    return this.call({
      route: 'lan.delete', path: `/lan/delete/${requireSegment('network name', name)}`, nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.ack,
    }, o);
  }

  // ---- node services -----------------------------------------------------------------------

  /** M3: the GPU node drops its page cache. */
  async freeMemory(nodeId: string, o: CallOptions = {}): Promise<string> {
    return this.call({ route: 'mining_nodes.free_memory', path: '/mining_nodes/free_memory', nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.ack }, o);
  }

  /** N1: the Zabbix servers (`host:port`) that receive this renter's metrics from the node. */
  async listMonitors(nodeId: string, o: CallOptions = {}): Promise<string[]> {
    const reply = await this.call({ route: 'monitor.list', path: '/monitor', nodeId: requireNodeId(nodeId), auth: 'required', reply: REPLY.monitors }, o);
    return reply.servers ?? [];
  }

  /** N2: replaces them (at most two; `[]` removes all). */
  async setMonitors(nodeId: string, servers: string[], o: CallOptions = {}): Promise<string> {
    return this.call({ route: 'monitor.set', path: '/monitor/set', nodeId: requireNodeId(nodeId), additional: { servers }, auth: 'required', reply: REPLY.ack }, o);
  }

  // ---- snapshots -----------------------------------------------------------------------------

  async listSnapshots(nodeId: string, taskId: string, o: CallOptions = {}): Promise<SnapshotInfo[]> {
    return this.snapshotCall('snapshot.list', nodeId, { op: 'list', task: requireSegment('task id', taskId) }, {}, REPLY.snapshotList, o);
  }

  async snapshotInfo(nodeId: string, taskId: string, name: string, o: CallOptions = {}): Promise<SnapshotInfo> {
    return this.snapshotCall('snapshot.info', nodeId, { op: 'info', task: requireSegment('task id', taskId), name: requireSegment('snapshot name', name) }, {}, REPLY.snapshot, o);
  }

  /** S3: the VM must be shut off; the node snapshots vda (the system disk) and reads the description as `desc`. */
  async createSnapshot(nodeId: string, taskId: string, spec: CreateSnapshotSpec, o: CallOptions = {}): Promise<string> {
    const additional = { snapshot_name: spec.snapshot_name, desc: spec.description, image_server: spec.image_server };
    return this.snapshotCall('snapshot.create', nodeId, { op: 'create', task: requireSegment('task id', taskId) }, additional, REPLY.ack, o);
  }

  async deleteSnapshot(nodeId: string, taskId: string, name: string, o: CallOptions = {}): Promise<string> {
    return this.snapshotCall('snapshot.delete', nodeId, { op: 'delete', task: requireSegment('task id', taskId), name: requireSegment('snapshot name', name) }, {}, REPLY.ack, o);
  }

  private async snapshotCall<T>(route: string, nodeId: string, op: SnapshotOp, additional: Record<string, unknown>, reply: ReplySpec<T>, o: CallOptions): Promise<T> {
    const id = requireNodeId(nodeId);
    const style = this.snapshotStyle ?? (await this.probeSnapshotStyle(id, op.task, o));
    return this.call({ route, path: snapshotPath(style, op), nodeId: id, additional, auth: 'required', reply }, o);
  }

  /** Learns the route style with the read-only list route, never with create or delete. */
  private async probeSnapshotStyle(nodeId: string, task: string, o: CallOptions): Promise<SnapshotRouteStyle> {
    const path = snapshotPath('source', { op: 'list', task });
    let result: { value: unknown } | { error: unknown };
    try {
      result = { value: await this.call({ route: 'snapshot.probe', path, nodeId, auth: 'required', reply: REPLY.probe }, o) };
    } catch (error) {
      result = { error };
    }
    const style = classifyProbe(result);
    if (style === 'inconclusive') throw (result as { error: unknown }).error;
    this.snapshotStyle = style;
    return style;
  }

  // ---- images --------------------------------------------------------------------------------

  async imageServers(o: CallOptions = {}): Promise<string[]> {
    const reply = await this.call({ route: 'images.servers', path: '/images/servers', auth: 'none', reply: REPLY.imageServers }, o);
    return reply.image_server ?? [];
  }

  /** I2 without a node: the images on one image server, as the client node lists them. */
  async listServerImages(imageServer: string, o: CallOptions = {}): Promise<ImageEntry[]> {
    const list = await this.call({ route: 'images.list', path: '/images', additional: { image_server: imageServer }, auth: 'none', reply: REPLY.imageList }, o);
    return list.map(normalizeImage);
  }

  /** I2 with a node: its images; with `auth`, the renter's view. Accepts the node's `"image_name:"` key. */
  async listNodeImages(nodeId: string, opts: { imageServer?: string } & CallOptions = {}): Promise<ImageEntry[]> {
    const list = await this.call({
      route: 'images.list', path: '/images', nodeId: requireNodeId(nodeId), additional: { image_server: opts.imageServer }, auth: 'optional', reply: REPLY.imageList,
    }, opts);
    return list.map(normalizeImage);
  }

  /** I3: from the GPU node (`nodeId`) or, without one, from the client node's own disk. */
  async uploadImage(target: { nodeId?: string; imageServer: string; filename: string }, o: CallOptions = {}): Promise<string> {
    const nodeId = target.nodeId === undefined ? undefined : requireNodeId(target.nodeId);
    return this.call({
      route: 'images.upload', path: '/images/upload', nodeId, additional: { image_filename: target.filename, image_server: target.imageServer }, auth: nodeId ? 'required' : 'none',
      reply: REPLY.ack,
    }, o);
  }

  /** I4: from an image server onto the GPU node, into `localDir` (e.g. `/data`). */
  async downloadImage(nodeId: string, spec: { imageServer: string; filename: string; localDir: string }, o: CallOptions = {}): Promise<string> {
    return this.call({
      route: 'images.download', path: '/images/download', nodeId: requireNodeId(nodeId),
      additional: { image_server: spec.imageServer, image_filename: spec.filename, local_dir: spec.localDir }, auth: 'required', reply: REPLY.ack,
    }, o);
  }

  async downloadProgress(nodeId: string, filename: string, o: CallOptions = {}): Promise<TransferProgress> {
    return this.imageFileCall('images.downloadprogress', '/images/downloadprogress', nodeId, filename, REPLY.transferProgress, o);
  }

  async stopDownload(nodeId: string, filename: string, o: CallOptions = {}): Promise<string> {
    return this.imageFileCall('images.download_stop', '/images/download_stop', nodeId, filename, REPLY.ack, o);
  }

  /**
   * I7: send exactly the path the upload used (a GPU node keys it by its full path; an unknown name
   * reports `done` at once). Without `nodeId`: the client node's own upload.
   */
  async uploadProgress(nodeId: string | undefined, filename: string, o: CallOptions = {}): Promise<TransferProgress> {
    return this.uploadFileCall('images.uploadprogress', '/images/uploadprogress', nodeId, filename, REPLY.transferProgress, o);
  }

  /** I8: the same path as the upload; the node answers `ok` whether or not it stopped anything. */
  async stopUpload(nodeId: string | undefined, filename: string, o: CallOptions = {}): Promise<string> {
    return this.uploadFileCall('images.upload_stop', '/images/upload_stop', nodeId, filename, REPLY.ack, o);
  }

  private async uploadFileCall<T>(route: string, path: string, nodeId: string | undefined, filename: string, reply: ReplySpec<T>, o: CallOptions): Promise<T> {
    if (nodeId !== undefined) return this.imageFileCall(route, path, nodeId, filename, reply, o);
    return this.call({ route, path, additional: { image_filename: filename }, auth: 'none', reply }, o);
  }

  async deleteImage(nodeId: string, filename: string, o: CallOptions = {}): Promise<string> {
    return this.imageFileCall('images.delete', '/images/delete', nodeId, filename, REPLY.ack, o);
  }

  private async imageFileCall<T>(route: string, path: string, nodeId: string, filename: string, reply: ReplySpec<T>, o: CallOptions): Promise<T> {
    return this.call({ route, path, nodeId: requireNodeId(nodeId), additional: { image_filename: filename }, auth: 'required', reply }, o);
  }

  // ---- mechanics -----------------------------------------------------------------------------

  private async call<T>(c: Call<T>, o: CallOptions): Promise<T> {
    const auth = await this.authFields(c, o.auth);
    if (auth !== undefined && !this.options.allowInsecureHttp && endpointSecurity(this.baseUrl) === 'insecure-http') {
      throw new InsecureEndpointError(this.baseUrl, c.route); // before anything is sent, the rent-order lookup included
    }
    const body = buildEnvelope(c.nodeId, c.additional ?? {}, auth, await this.rentOrderOf(c, o));
    if (typeof body.rent_order === 'string') requireRentOrder(body.rent_order);
    const sent = secretsOf(body);
    const base = this.options.tunnel ? await this.options.tunnel() : this.baseUrl;
    const url = `${base}/api/v1${c.path}${queryString(c.query)}`;
    const started = Date.now();
    let replyText: string | undefined;
    const exchange = lazyExchange({ route: c.route, url, durationMs: 0 }, () => redact(body), () => replyText === undefined ? undefined : maskSecretText(redactJsonText(replyText.trim()), sent));
    try {
      const reply = await post(this.fetch, c.route, url, JSON.stringify(body), {
        timeoutMs: o.timeoutMs ?? this.timeoutMs, signal: o.signal, maxBytes: c.reply.maxBytes, endpoint: this.options.tunnel ? this.baseUrl : undefined,
      });
      exchange.status = reply.status;
      replyText = reply.text;
      return parseReply(c.route, reply, c.reply.shape, sent);
    } catch (err) {
      exchange.error = maskSecretText(errorMessage(err), sent);
      throw err;
    } finally {
      exchange.durationMs = Date.now() - started;
      this.options.onExchange?.(exchange);
    }
  }

  /** The call's own order, else one in a create spec, else the resolver's. */
  private async rentOrderOf(c: Call<unknown>, o: CallOptions): Promise<string | undefined> {
    if (o.rentOrder !== undefined) return o.rentOrder;
    const inSpec = c.additional?.['rent_order'];
    if (inSpec !== undefined && inSpec !== '') return String(inSpec);
    if (!c.nodeId || !this.options.rentOrderFor) return undefined;
    return this.options.rentOrderFor(c.nodeId, c.auth === 'none' ? undefined : o.auth, o.signal);
  }

  private async authFields(c: Call<unknown>, credential: Credential | undefined) {
    if (c.auth === 'none') return undefined;
    if (!credential) {
      if (c.auth === 'optional') return undefined;
      throw new RequestError(`${c.route} needs a credential: import a wallet, a multisig bundle or a shared session for this node.`);
    }
    if (c.auth === 'wallet' && credential.kind === 'session') {
      throw new RequestError(`${c.route} needs the renter's wallet or multisig: a shared session cannot fetch the session id.`);
    }
    return credential.authFields();
  }
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new RequestError(`Invalid client-node URL "${raw}": expected e.g. http://127.0.0.1:5002`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestError(`Invalid client-node URL "${raw}": it must start with http:// or https://`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}

function normalizeSshUrl(raw: string): string {
  if (!/^ssh:\/\//i.test(raw.trim())) throw new RequestError(`Invalid SSH endpoint "${raw}": expected ssh://user@host[:port][/client-node-port]`);
  return raw.trim().replace(/\/+$/, '');
}

function queryString(query: Record<string, string> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query).map(([k, v]) => `${k}=${v}`); // the node does no URL decoding
  return parts.length ? `?${parts.join('&')}` : '';
}

function normalizeLan(entry: LanNetwork): LanNetwork {
  return { ...entry, network_name: String(entry.network_name ?? ''), ip_cidr: String(entry.ip_cidr ?? ''), members: Array.isArray(entry.members) ? entry.members.map(String) : [] };
}

/** Image entries carry `image_name` or, from the GPU node, the literal key `"image_name:"`. */
export function normalizeImage(entry: unknown): ImageEntry {
  const e = (entry ?? {}) as Record<string, unknown>;
  const name = e['image_name'] ?? e['image_name:'];
  const size = e['image_size'];
  return { image_name: String(name ?? ''), ...(size === undefined ? {} : { image_size: String(size) }) };
}
