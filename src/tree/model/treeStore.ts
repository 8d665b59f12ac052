// What the trees show, as last fetched: per endpoint and per GPU node. The fetcher writes, the tree
// model reads. Every write names what changed so the views refresh only those rows. Pure: no vscode.
import type { ImageEntry, LanNetwork, MiningNodeEntry, NodeInfo, SnapshotInfo, TaskInfo, TaskSummary } from '../../api/types';
import { endpointKey, nodeKey, type NodeRef, type VmRef } from '../../config/model/refs';

export interface Timed<T> {
  value?: T;
  error?: unknown;
  /** When the value or error arrived (clock ms). */
  at: number;
}

export interface NodeData {
  tasks?: Timed<TaskSummary[]>;
  info?: Timed<NodeInfo>;
  images?: Timed<ImageEntry[]>;
  taskInfo: Map<string, Timed<TaskInfo>>;
  snapshots: Map<string, Timed<SnapshotInfo[]>>;
  /** Temporary row descriptions while an action runs ("Starting…"), by task id. */
  pending: Map<string, string>;
  loading: boolean;
}

export interface EndpointData {
  /** Set while the client node cannot be reached (connection refused, unreachable). */
  unreachable?: Timed<never>;
  discovered?: Timed<MiningNodeEntry[]>;
  imageServers?: Timed<string[]>;
  serverImages: Map<string, Timed<ImageEntry[]>>;
  /** The virtual LANs the client node knows. */
  networks?: Timed<LanNetwork[]>;
}

export type Listener = (changedKeys: readonly string[]) => void;

export class TreeStore {
  /** By endpoint, then node id: rows look their node up many times a render, without building its key. */
  private readonly nodes = new Map<string, Map<string, NodeData>>();
  private readonly endpoints = new Map<string, EndpointData>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = Date.now) {}

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  node(ref: NodeRef): NodeData {
    let data = this.peekNode(ref);
    if (!data) {
      data = { taskInfo: new Map(), snapshots: new Map(), pending: new Map(), loading: false };
      let byId = this.nodes.get(ref.endpoint);
      if (!byId) this.nodes.set(ref.endpoint, (byId = new Map()));
      byId.set(ref.nodeId, data);
    }
    return data;
  }

  peekNode(ref: NodeRef): NodeData | undefined {
    return this.nodes.get(ref.endpoint)?.get(ref.nodeId);
  }

  endpoint(url: string): EndpointData {
    let data = this.endpoints.get(url);
    if (!data) {
      data = { serverImages: new Map() };
      this.endpoints.set(url, data);
    }
    return data;
  }

  /** Forgets nodes and endpoints that are no longer configured. */
  retain(endpointUrls: readonly string[], nodes: readonly NodeRef[]): void {
    const keepNodes = new Set(nodes.map(nodeKey));
    for (const [endpoint, byId] of this.nodes) {
      for (const nodeId of byId.keys()) if (!keepNodes.has(nodeKey({ endpoint, nodeId }))) byId.delete(nodeId);
      if (byId.size === 0) this.nodes.delete(endpoint);
    }
    for (const url of [...this.endpoints.keys()]) if (!endpointUrls.includes(url)) this.endpoints.delete(url);
  }

  timed<T>(value: T | undefined, error?: unknown): Timed<T> {
    return error === undefined ? { value, at: this.now() } : { error, at: this.now() };
  }

  /** A node's rows show the loading state only until its first task list: later refreshes change no row by it. */
  setLoading(ref: NodeRef, loading: boolean): void {
    const data = this.node(ref);
    if (data.loading === loading) return;
    data.loading = loading;
    if (!data.tasks) this.emit([nodeKey(ref)]);
  }

  /** A new task list (or its error). A successful list clears the pending descriptions and forgets gone VMs. */
  setTasks(ref: NodeRef, tasks: TaskSummary[] | undefined, error?: unknown): void {
    const data = this.node(ref);
    if (error === undefined && tasks) {
      const status = new Map(tasks.map((t) => [t.task_id, t.status]));
      for (const map of [data.taskInfo, data.snapshots]) for (const id of [...map.keys()]) if (!status.has(id)) map.delete(id);
      // A VM whose status moved on may have new ports or addresses: fetch its details again when needed.
      for (const [id, info] of [...data.taskInfo]) if (info.value && info.value.status !== status.get(id)) data.taskInfo.delete(id);
      data.pending.clear();
      data.tasks = this.timed(tasks);
    } else {
      // Keep the last good list next to the error, so a transient failure does not empty the tree.
      data.tasks = { value: data.tasks?.value, error, at: this.now() };
    }
    this.emit([nodeKey(ref)]);
  }

  setInfo(ref: NodeRef, info: NodeInfo | undefined, error?: unknown): void {
    const data = this.node(ref);
    data.info = error === undefined ? this.timed(info) : { value: data.info?.value, error, at: this.now() };
    this.emit([nodeKey(ref)]);
  }

  setNodeImages(ref: NodeRef, images: ImageEntry[] | undefined, error?: unknown): void {
    this.node(ref).images = this.timed(images, error);
    this.emit([nodeKey(ref)]);
  }

  /** `quiet`: store without telling the views (used when nothing they show would change). */
  setTaskInfo(ref: VmRef, info: TaskInfo | undefined, error?: unknown, quiet = false): void {
    const data = this.node(ref);
    data.taskInfo.set(ref.taskId, error === undefined ? this.timed(info) : { value: data.taskInfo.get(ref.taskId)?.value, error, at: this.now() });
    if (!quiet) this.emit([nodeKey(ref)]);
  }

  setSnapshots(ref: VmRef, list: SnapshotInfo[] | undefined, error?: unknown): void {
    this.node(ref).snapshots.set(ref.taskId, this.timed(list, error));
    this.emit([nodeKey(ref)]);
  }

  setPending(ref: VmRef, text: string | undefined): void {
    const pending = this.node(ref).pending;
    if (text === undefined) pending.delete(ref.taskId);
    else pending.set(ref.taskId, text);
    this.emit([nodeKey(ref)]);
  }

  setUnreachable(url: string, error: unknown | undefined): void {
    const data = this.endpoint(url);
    const was = data.unreachable !== undefined;
    data.unreachable = error === undefined ? undefined : { error, at: this.now() };
    if (was || error !== undefined) this.emit([endpointKey(url)]);
  }

  setDiscovered(url: string, nodes: MiningNodeEntry[] | undefined, error?: unknown): void {
    this.endpoint(url).discovered = this.timed(nodes, error);
    this.emit([endpointKey(url)]);
  }

  setImageServers(url: string, servers: string[] | undefined, error?: unknown): void {
    this.endpoint(url).imageServers = this.timed(servers, error);
    this.emit([endpointKey(url)]);
  }

  setServerImages(url: string, server: string, images: ImageEntry[] | undefined, error?: unknown): void {
    this.endpoint(url).serverImages.set(server, this.timed(images, error));
    this.emit([endpointKey(url)]);
  }

  setNetworks(url: string, networks: LanNetwork[] | undefined, error?: unknown): void {
    this.endpoint(url).networks = this.timed(networks, error);
    this.emit([endpointKey(url)]);
  }

  /**
   * Forgets everything but the task lists (kept so rows do not flicker): node info, task details,
   * snapshots and images are fetched again when next needed.
   */
  invalidate(): void {
    for (const byId of this.nodes.values()) {for (const data of byId.values()) {
      if (data.info) data.info = { ...data.info, at: 0 };
      data.images = undefined;
      data.taskInfo.clear();
      data.snapshots.clear();
    }}
    for (const data of this.endpoints.values()) {
      data.imageServers = undefined;
      data.serverImages.clear();
      data.networks = undefined;
    }
  }

  /** All node keys with a task list, and whether any lists a VM. */
  summary(): { loaded: number; vms: number; vmKeys: Set<string> } {
    let loaded = 0;
    let vms = 0;
    const vmKeys = new Set<string>();
    for (const [endpoint, byId] of this.nodes) {
      for (const [nodeId, data] of byId) {
        if (!data.tasks) continue;
        loaded++;
        for (const task of data.tasks.value ?? []) {
          vms++;
          vmKeys.add(`vm:${endpoint}|${nodeId}|${task.task_id}`);
        }
      }
    }
    return { loaded, vms, vmKeys };
  }

  /** Removes a VM at once (after a confirmed delete), before the next list arrives. */
  dropTask(ref: VmRef): void {
    const data = this.node(ref);
    if (data.tasks?.value) data.tasks = { ...data.tasks, value: data.tasks.value.filter((t) => t.task_id !== ref.taskId) };
    data.taskInfo.delete(ref.taskId);
    data.snapshots.delete(ref.taskId);
    data.pending.delete(ref.taskId);
    this.emit([nodeKey(ref)]);
  }

  private emit(keys: string[]): void {
    for (const l of [...this.listeners]) l(keys);
  }
}
