// Fetches what the trees show and writes it into the TreeStore. One request per node per refresh (the
// task list), plus the node info when it is older than `nodeInfoMaxAgeMs`. A node read with the wallet
// gets its polling session once no task list of its client node is being read. Pure: no vscode import.
import type { DbcClient } from '../../api/client';
import { isCancellation, TransportError } from '../../api/errors';
import type { RentOrderEntry, TaskInfo } from '../../api/types';
import type { Access } from '../../access/access';
import type { Logger } from '../../ui/model/logger';
import type { RefreshOutcome } from './refreshScheduler';
import type { LoadRequest } from './elements';
import { parseKey, type NodeRef, type VmRef } from '../../config/model/refs';
import type { TreeStore } from './treeStore';
import { isTransitional, osFacetOf } from './vmState';
import { errorMessage } from '../../util/errorMessage';

export interface ClientProvider {
  client(endpoint: string): DbcClient;
}

export interface FetcherDeps {
  clients: ClientProvider;
  access: Access;
  store: TreeStore;
  log: Logger;
  /** The node's rent records: read by the rent orders of the access layer (one reader for the requests' order and the leases). */
  rentRecords?: { fresh(ref: NodeRef, maxAgeMs: number, signal?: AbortSignal): Promise<readonly RentOrderEntry[] | undefined> };
  /** The chain's height, read when a node with one of our rentals refreshes (at most once per interval). */
  chain?: { refresh(signal?: AbortSignal): Promise<void> };
  now?: () => number;
  nodeInfoMaxAgeMs?: number;
  /** The node's rent cache changes every 15 minutes at most (its prune cycle). Default 5 minutes. */
  rentOrdersMaxAgeMs?: number;
}

/** Connection refused or host unreachable: the client node itself is down, not the GPU node. */
export function isEndpointDown(err: unknown): boolean {
  return err instanceof TransportError && (err.kind === 'refused' || err.kind === 'unreachable' || err.kind === 'other');
}

export class Fetcher {
  /** Per endpoint: its task-list reads in flight and what waits for them all to end (see afterReads). */
  private readonly reading = new Map<string, { count: number; then: (() => void)[] }>();

  constructor(private readonly deps: FetcherDeps) {}

  /**
   * Counts a task-list read of `endpoint` in (+1) or out (-1). Work queued meanwhile — a first look's
   * polling sessions, a request and two signatures each — runs when the last read ends, after the rows
   * of every node read with them rather than among them.
   */
  private reads(endpoint: string, delta: 1 | -1): void {
    const r = this.reading.get(endpoint) ?? { count: 0, then: [] };
    r.count += delta;
    this.reading.set(endpoint, r);
    if (r.count > 0) return;
    this.reading.delete(endpoint);
    for (const work of r.then) work();
  }

  private get now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** The scheduler's job: `node:…` keys refresh a node, `ep:…` keys an endpoint. */
  async refreshKey(key: string, signal: AbortSignal): Promise<RefreshOutcome> {
    const parsed = parseKey(key);
    if (!parsed) return 'skipped';
    return parsed.nodeId ? this.refreshNode({ endpoint: parsed.endpoint, nodeId: parsed.nodeId }, signal) : this.refreshEndpoint(parsed.endpoint, signal);
  }

  async refreshEndpoint(url: string, signal?: AbortSignal): Promise<RefreshOutcome> {
    const { store } = this.deps;
    try {
      const nodes = await this.deps.clients.client(url).listNodes({ signal });
      store.setUnreachable(url, undefined);
      store.setDiscovered(url, nodes);
      return 'stable';
    } catch (err) {
      if (isCancellation(err)) return 'skipped';
      if (isEndpointDown(err)) store.setUnreachable(url, err);
      else store.setDiscovered(url, undefined, err);
      this.deps.log.warn(`[tree] endpoint ${url}: ${errorMessage(err)}`);
      return 'error';
    }
  }

  async refreshNode(ref: NodeRef, signal?: AbortSignal): Promise<RefreshOutcome> {
    const { store, access, log } = this.deps;
    const client = this.deps.clients.client(ref.endpoint);
    store.setLoading(ref, true);
    this.reads(ref.endpoint, 1);
    try {
      const info = this.nodeInfoIfStale(ref, client, signal);
      const credential = await access.forRead(ref.nodeId);
      if (!credential) {
        await info;
        return 'skipped';
      }
      try {
        const tasks = await client.listTasks(ref.nodeId, { auth: credential, signal });
        store.setUnreachable(ref.endpoint, undefined);
        store.setTasks(ref, tasks);
        this.reading.get(ref.endpoint)!.then.push(() => void access.afterRead(ref.nodeId, client, credential));
        await info;
        await this.leaseIfStale(ref, credential.address, signal);
        return tasks.some((t) => isTransitional(t.status)) ? 'transitional' : 'stable';
      } catch (err) {
        if (isCancellation(err)) return 'skipped';
        // A rental shows even when the VMs cannot be listed (a per-GPU order not sent, the node refusing).
        await this.leaseIfStale(ref, credential.address, signal);
        await access.readRefused(ref.nodeId, credential, err);
        if (isEndpointDown(err)) store.setUnreachable(ref.endpoint, err);
        store.setTasks(ref, undefined, err);
        log.warn(`[tree] node ${ref.nodeId.slice(0, 8)} at ${ref.endpoint}: ${errorMessage(err)}`);
        return err instanceof TransportError && err.kind === 'timeout' ? 'timeout' : 'error';
      }
    } catch (err) {
      if (isCancellation(err)) return 'skipped';
      store.setTasks(ref, undefined, err);
      return 'error';
    } finally {
      store.setLoading(ref, false);
      this.reads(ref.endpoint, -1);
    }
  }

  /**
   * The node's rent records when older than `rentOrdersMaxAgeMs`, then the chain's block if the wallet
   * rents something there (no rental, no chain traffic). Never throws: a lease is extra information.
   */
  private async leaseIfStale(ref: NodeRef, wallet: string, signal?: AbortSignal): Promise<void> {
    const { rentRecords, chain } = this.deps;
    if (!rentRecords) return;
    try {
      const records = await rentRecords.fresh(ref, this.deps.rentOrdersMaxAgeMs ?? 5 * 60_000, signal);
      if (records?.some((r) => r.renter === wallet)) await chain?.refresh(signal);
    } catch (err) {
      if (!isCancellation(err)) this.deps.log.debug(`[lease] node ${ref.nodeId.slice(0, 8)}: ${errorMessage(err)}`);
    }
  }

  private async nodeInfoIfStale(ref: NodeRef, client: DbcClient, signal?: AbortSignal): Promise<void> {
    const info = this.deps.store.peekNode(ref)?.info;
    if (info && this.now - info.at < (this.deps.nodeInfoMaxAgeMs ?? 10 * 60_000)) return;
    await this.nodeInfo(ref, client, signal);
  }

  async nodeInfo(ref: NodeRef, client = this.deps.clients.client(ref.endpoint), signal?: AbortSignal): Promise<void> {
    try {
      this.deps.store.setInfo(ref, await client.nodeInfo(ref.nodeId, { signal }));
    } catch (err) {
      if (!isCancellation(err)) this.deps.store.setInfo(ref, undefined, err);
    }
  }

  /**
   * Task details (cached `maxAgeMs`): for tooltips, copy actions and connect. Throws on failure. With
   * `quiet`, the views are told only when the details change a menu: a Windows VM loses the SSH actions.
   */
  async taskInfo(ref: VmRef, maxAgeMs = 60_000, signal?: AbortSignal, quiet = false): Promise<TaskInfo> {
    const cached = this.deps.store.peekNode(ref)?.taskInfo.get(ref.taskId);
    if (cached?.value && this.now - cached.at < maxAgeMs) return cached.value;
    const client = this.deps.clients.client(ref.endpoint);
    const auth = await this.deps.access.forRead(ref.nodeId);
    try {
      const info = await client.taskInfo(ref.nodeId, ref.taskId, { auth, signal });
      this.deps.store.setTaskInfo(ref, info, undefined, quiet && osFacetOf(info) !== 'windows');
      return info;
    } catch (err) {
      if (!isCancellation(err)) this.deps.store.setTaskInfo(ref, undefined, err, quiet);
      throw err;
    }
  }

  async load(req: LoadRequest, signal?: AbortSignal): Promise<void> {
    const { store } = this.deps;
    switch (req.kind) {
      case 'tasks':
        await this.refreshNode(req.ref, signal);
        return;
      case 'snapshots': {
        const client = this.deps.clients.client(req.ref.endpoint);
        try {
          const auth = await this.deps.access.forRead(req.ref.nodeId);
          store.setSnapshots(req.ref, await client.listSnapshots(req.ref.nodeId, req.ref.taskId, { auth, signal }));
        } catch (err) {
          if (!isCancellation(err)) store.setSnapshots(req.ref, undefined, err);
        }
        return;
      }
      case 'imageServers':
        try {
          store.setImageServers(req.endpoint, await this.deps.clients.client(req.endpoint).imageServers({ signal }));
          store.setUnreachable(req.endpoint, undefined);
        } catch (err) {
          if (isCancellation(err)) return;
          if (isEndpointDown(err)) store.setUnreachable(req.endpoint, err);
          store.setImageServers(req.endpoint, undefined, err);
        }
        return;
      case 'serverImages':
        try {
          store.setServerImages(req.endpoint, req.server, await this.deps.clients.client(req.endpoint).listServerImages(req.server, { signal }));
        } catch (err) {
          if (!isCancellation(err)) store.setServerImages(req.endpoint, req.server, undefined, err);
        }
        return;
      case 'networks':
        try {
          store.setNetworks(req.endpoint, await this.deps.clients.client(req.endpoint).listLans(undefined, { signal }));
        } catch (err) {
          if (!isCancellation(err)) store.setNetworks(req.endpoint, undefined, err);
        }
        return;
      case 'nodeImages': {
        const client = this.deps.clients.client(req.ref.endpoint);
        try {
          const auth = await this.deps.access.forRead(req.ref.nodeId);
          store.setNodeImages(req.ref, await client.listNodeImages(req.ref.nodeId, { auth, signal }));
        } catch (err) {
          if (!isCancellation(err)) store.setNodeImages(req.ref, undefined, err);
        }
        return;
      }
    }
  }
}
