// The simulated world: GPU nodes (machines), their VMs (tasks), images, snapshots and sessions.

import type { ChainClock, RentOrder } from './rent';

export type { ChainClock, RentOrder, RentStatus } from './rent';

/** The chain's `machineStatus` as written in the scenario (`rented`, `online`, `verify`, or a raw chain value). */
export type ChainStatus = string;
export type OsKind = 'linux' | 'windows';
/** libvirt's view of the domain; `undefined` means "not defined yet" (early in creating, or after create error). */
export type VmState = 'undefined' | 'running' | 'shut_off' | 'pmsuspended';

export type TransitionKind = 'create' | 'start' | 'stop' | 'shutdown' | 'restart' | 'reset' | 'delete';

export interface ImageFile {
  name: string;
  sizeGb: number;
  /** Name of the backing file (qcow2 chain), when this image is an overlay. */
  backing?: string;
  /** Directory on the machine; only `/data` images can back a VM. */
  dir: string;
}

export interface ImageServer {
  id: string;
  ip: string;
  port: number;
  images: ImageFile[];
}

export interface SessionRecord {
  wallet: string;
  sessionId: string;
  /** Multisig members allowed to sign the session id (empty for a single wallet). */
  members: string[];
}

export type SnapshotStatus = 'creating' | 'uploading' | 'none';

export interface Snapshot {
  name: string;
  description: string;
  file: string;
  createTime: number;
  status: SnapshotStatus;
  imageServer: string;
  /** Simulated time at which the current phase ends (runtime; persisted as remaining ms). */
  phaseDue?: number;
}

/**
 * An operation waiting for (or being run by) the GPU node's task worker: one thread per node that
 * runs events in order (TaskManager.cpp `process_task_thread_func`), so a create that waits minutes
 * for its VM's IP holds every later operation of every VM of the node.
 */
export interface TaskEvent {
  kind: EventKind;
  taskId: string;
  /** The operation ends in its error status (the `vm-error` fault). */
  fail: boolean;
  durationMs: number;
  /** Simulated time at which the worker began it (the head of the queue only). */
  startedAt?: number;
  /** Disk events: the disk (`vdb`), the GB to add or the new disk's size, its directory. */
  disk?: string;
  sizeGb?: number;
  mountDir?: string;
  /** Snapshot events: the snapshot's name. */
  snapshot?: string;
  /** addDisk: the new disk's file, chosen when the worker begins. */
  file?: string;
  /** The worker ended it at once (e.g. its VM was deleted first). */
  ended?: boolean;
}

export type EventKind = TransitionKind | 'forceReboot' | 'resizeDisk' | 'addDisk' | 'deleteDisk' | 'snapshot';

/** A disk of a VM (TaskDiskManager): `vda` (system), `vdb` (data), then added ones. */
export interface Disk {
  name: string;
  file: string;
  sizeGb: number;
}

export interface Task {
  taskId: string;
  owner: string;
  os: string;
  osKind: OsKind;
  biosMode: string;
  imageName: string;
  sshPort: string;
  rdpPort: string;
  vncPort: string;
  publicIp: string;
  userName: string;
  loginPassword: string;
  vncPassword: string;
  cpuCores: number;
  gpuCount: number;
  gpuIndexes: number[];
  memGb: number;
  diskGb: number;
  desc: string;
  createTime: number;
  status: string;
  vm: VmState;
  rentOrder: string;
  customPort: string[];
  multicast: string[];
  /** The virtual LAN the VM joined at create (`network_name`), or "". */
  networkName: string;
  networkFilters: string[];
  interfaceModel: string;
  mac: string;
  /** Sorted by name; empty for pxe. `diskGb` is the size vdb was created with. */
  disks: Disk[];
  snapshots: Snapshot[];
  logs: string[];
  hostKey?: string;
}

export type TransferKind = 'download' | 'upload';

export interface Transfer {
  kind: TransferKind;
  /**
   * What ImageManager keys it by: an upload by its full path (`/data/<name>` for a bare name), a
   * download by the server file name as sent. Progress and stop look this key up exactly.
   */
  key: string;
  filename: string;
  server: string;
  localDir: string;
  sizeGb: number;
  startedAt: number;
  durationMs: number;
  done: boolean;
}

export interface NodeState {
  nodeId: string;
  name: string;
  version: string;
  status: ChainStatus;
  /** Whether the client node has heard this node's service broadcast (unknown nodes fail immediately). */
  broadcasting: boolean;
  ip: string;
  os: string;
  cpuModel: string;
  gpuModel: string;
  gpuCount: number;
  cpuCores: number;
  memGb: number;
  diskGb: number;
  /** The node's rent-record cache (see rent.ts). */
  rentOrders: RentOrder[];
  /** Wallets inside a committee verify window (status `verify`). */
  verifiers: string[];
  images: ImageFile[];
  dataFiles: string[];
  tasks: Map<string, Task>;
  sessions: SessionRecord[];
  transfers: Transfer[];
  /** The task worker's queue (head first). */
  queue: TaskEvent[];
  /** Zabbix servers (`host:port`, at most two) per renter wallet. */
  monitors: Record<string, string[]>;
  /** When `free_memory` last dropped the page cache (simulated ms), if ever. */
  cacheDroppedAt?: number;
  /** One-shot nonce set; in memory only, reset on restart like the node's bloom/LRU filter. */
  nonces: Set<string>;
}

/**
 * A virtual LAN (VxlanManager.cpp `networkInfo`): a VXLAN bridge with a DHCP range that VMs join with
 * `network_name` at create. The machines of a LAN share their network list, so the simulator keeps one.
 */
export interface LanNetwork {
  name: string;
  bridgeName: string;
  vxlanName: string;
  vni: string;
  ipCidr: string;
  ipStart: string;
  ipEnd: string;
  dhcpInterface: string;
  /** The node that created it (its DHCP server). */
  machineId: string;
  rentWallet: string;
  /** Task ids, in the order they joined. */
  members: string[];
  /** Simulated epoch ms of the last join or leave. */
  lastUseTime: number;
  /** NATIVE_FLAGS_DEVICE (1) | NATIVE_FLAGS_DHCPSERVER (2). */
  nativeFlags: number;
}

export interface SimState {
  clientVersion: string;
  nodes: Map<string, NodeState>;
  imageServers: ImageServer[];
  /** Files on the client node's own disk (for uploads with `peer_nodes_list: []`). */
  clientFiles: ImageFile[];
  clientTransfers: Transfer[];
  /** The chain's block clock (rent ends are block numbers). */
  chain: ChainClock;
  networks: LanNetwork[];
}

export const DATA_DIR = '/data';
export const SYSTEM_DISK_GB = 350;

export function findTask(state: SimState, taskId: string): { node: NodeState; task: Task } | undefined {
  for (const node of state.nodes.values()) {
    const task = node.tasks.get(taskId);
    if (task) return { node, task };
  }
  return undefined;
}

export function findImageServer(state: SimState, id: string): ImageServer | undefined {
  return id ? state.imageServers.find((s) => s.id === id) : undefined;
}

/** `/data` images only: those are the ones a VM can boot from. */
export function dataImages(node: NodeState): ImageFile[] {
  return node.images.filter((i) => i.dir === DATA_DIR);
}

/** Resolves an image file name as the node does: relative names live under /data. */
export function resolveImagePath(filename: string): { dir: string; name: string } {
  if (!filename.startsWith('/')) return { dir: DATA_DIR, name: filename };
  const cut = filename.lastIndexOf('/');
  return { dir: filename.slice(0, cut) || '/', name: filename.slice(cut + 1) };
}

export function normalizeDir(dir: string): string {
  const trimmed = dir.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}
