// Scenario files (JSON): machines, renters, images, pre-existing VMs and faults. See docs/simulator.md.
import { readFileSync } from 'node:fs';
import { isRecord } from './format';
import { BLOCKS_PER_DAY, DEFAULT_CHAIN_BLOCK, DEFAULT_RENT_DAYS, isOrderId, rentedGpuIndexes, type ChainClock,
  type RentOrder, type RentStatus } from './rent';
import { createNetwork } from './gpu/lan';
import { DATA_DIR, type ImageFile, type ImageServer, type LanNetwork, type NodeState, type SimState, type Task } from './state';
import { buildTask } from './taskFactory';

export interface ScenarioImage { name: string; size_gb?: number; backing?: string }
export interface ScenarioTask {
  task_id?: string; owner?: string; status?: 'running' | 'closed' | 'creating' | 'pmsuspend';
  os?: string; image_name?: string; ssh_port?: string | number; rdp_port?: string | number;
  vnc_port?: string | number; public_ip?: string; gpu_count?: string | number; cpu_cores?: string | number;
  mem_gb?: string | number; mem_size?: string | number; disk_gb?: string | number; disk_size?: string | number;
  desc?: string; login_password?: string; user_name?: string; bios_mode?: string; logs?: string[];
  /** The per-GPU rent order the VM was created with (its GPUs come from that order). */
  rent_order?: string;
  /** The virtual LAN the VM joined (one of the scenario's `networks`). */
  network_name?: string;
}
/**
 * A per-GPU rental: `gpu_index` (the chain's leased GPU indexes) or, for older scenarios, `gpu_count`
 * consecutive GPUs after the previous order's. `rent_end` is a chain block number; `rent_status`
 * `expired` is read as the chain's `rentExpired`.
 */
export interface ScenarioRentOrder {
  id: string | number; renter: string; rent_status?: RentStatus | 'expired'; gpu_count?: number; gpu_index?: number[];
  rent_end?: number;
}
export interface ScenarioNode {
  node_id: string; name?: string; status?: string; renter?: string; rent_status?: RentStatus | 'expired';
  /** Block at which the whole-machine rental of `renter` ends. */
  rent_end?: number;
  rent_orders?: ScenarioRentOrder[]; verifiers?: string[]; broadcasting?: boolean; version?: string;
  gpu_count?: number; gpu_model?: string; cpu_cores?: number; cpu_model?: string; mem_gb?: number;
  disk_gb?: number; ip?: string; os?: string; images?: (string | ScenarioImage)[]; data_files?: string[];
  tasks?: ScenarioTask[];
}
/** A virtual LAN: `owner` is the renter that created it, `node_id` the machine it was created on. */
export interface ScenarioNetwork { name: string; ip_cidr: string; owner: string; node_id?: string }
export interface ScenarioImageServer { id: string; ip?: string; port?: number; images?: (string | ScenarioImage)[] }
export interface Scenario {
  client_version?: string;
  /** The chain's current block when the simulator starts (one block per 6 simulated seconds). */
  chain_block?: number;
  nodes?: ScenarioNode[];
  image_servers?: ScenarioImageServer[];
  client_images?: (string | ScenarioImage)[];
  faults?: unknown[];
  /** Virtual LANs; VMs join them with `network_name`. */
  networks?: ScenarioNetwork[];
  /** Inside the VMs (nvidia-smi, HTTP ports): see ssh/guest/guestConfig.ts. */
  guest?: unknown;
}

export const DEFAULT_VERSION = '0.4.1.8';
const DEFAULT_IMAGE_GB = 10;

export function readScenarioFile(file: string): Scenario {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(parsed)) throw new Error(`scenario ${file}: the top level must be a JSON object`);
  return parsed as Scenario;
}

function toImage(entry: string | ScenarioImage, sizes: Map<string, number>): ImageFile {
  const img = typeof entry === 'string' ? { name: entry } : entry;
  if (!img.name) throw new Error('scenario: every image needs a name');
  const sizeGb = img.size_gb ?? sizes.get(img.name) ?? DEFAULT_IMAGE_GB;
  return { name: img.name, sizeGb, dir: DATA_DIR, ...(img.backing ? { backing: img.backing } : {}) };
}

function num(v: string | number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new Error(`scenario: not a number: ${String(v)}`);
  return n;
}

function rentStatus(s: RentStatus | 'expired' | undefined): RentStatus {
  return s === 'expired' ? 'rentExpired' : s ?? 'renting';
}

function leasedIndexes(o: ScenarioRentOrder, next: number, gpuCount: number): number[] {
  const indexes = o.gpu_index ?? Array.from({ length: o.gpu_count ?? 1 }, (_, i) => next + i);
  const bad = indexes.find((i) => !Number.isInteger(i) || i < 0 || i >= gpuCount);
  if (bad !== undefined) throw new Error(`scenario: rent order ${String(o.id)}: gpu index ${String(bad)} is not a GPU of the machine`);
  return indexes;
}

function rentOrders(n: ScenarioNode, gpuCount: number, defaultEnd: number): RentOrder[] {
  const orders: RentOrder[] = [];
  if (n.renter) {
    const all = Array.from({ length: gpuCount }, (_, i) => i);
    orders.push({ id: n.renter, renter: n.renter, status: rentStatus(n.rent_status), gpuIndexes: all, gpuNum: gpuCount, rentEnd: n.rent_end ?? defaultEnd });
  }
  let next = 0;
  for (const o of n.rent_orders ?? []) {
    const id = String(o.id);
    if (!isOrderId(id)) throw new Error(`scenario: rent order id must be a decimal number (got ${JSON.stringify(o.id)})`);
    const gpuIndexes = leasedIndexes(o, next, gpuCount);
    next = Math.max(next, ...gpuIndexes.map((i) => i + 1));
    orders.push({ id, renter: o.renter, status: rentStatus(o.rent_status), gpuIndexes, gpuNum: gpuIndexes.length, rentEnd: o.rent_end ?? defaultEnd });
  }
  return orders;
}

function buildNode(n: ScenarioNode, sizes: Map<string, number>, clientVersion: string, defaultEnd: number): NodeState {
  if (!/^[0-9a-f]{64}$/.test(n.node_id ?? '')) {
    throw new Error(`scenario: node_id must be 64 lowercase hex chars (got ${String(n.node_id)})`);
  }
  const gpuCount = n.gpu_count ?? 8;
  return {
    nodeId: n.node_id, name: n.name ?? `gpu-${n.node_id.slice(0, 8)}`, version: n.version ?? clientVersion,
    status: n.status ?? (n.renter || n.rent_orders?.length ? 'rented' : 'online'), broadcasting: n.broadcasting ?? true,
    ip: n.ip ?? '127.0.0.1', os: n.os ?? 'Ubuntu 20.04.6 LTS',
    cpuModel: n.cpu_model ?? 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz',
    gpuModel: n.gpu_model ?? 'NVIDIA GeForce RTX 4090', gpuCount, cpuCores: n.cpu_cores ?? 64,
    memGb: n.mem_gb ?? 256, diskGb: n.disk_gb ?? 4000, rentOrders: rentOrders(n, gpuCount, defaultEnd),
    verifiers: n.verifiers ?? [], images: (n.images ?? []).map((i) => toImage(i, sizes)),
    dataFiles: n.data_files ?? [], tasks: new Map(), sessions: [], transfers: [], nonces: new Set(), queue: [], monitors: {},
  };
}

function port(v: string | number | undefined, fallback: number): string {
  return v === undefined ? String(fallback) : String(v);
}

function buildScenarioTask(node: NodeState, t: ScenarioTask, index: number, now: number): Task {
  const osText = (t.os ?? 'linux').toLowerCase();
  const osKind = osText.includes('win') ? 'windows' : 'linux';
  const rentOrder = t.rent_order === undefined ? '' : String(t.rent_order);
  const order = rentOrder ? node.rentOrders.find((o) => o.id === rentOrder) : undefined;
  if (rentOrder && !order) throw new Error(`scenario: task ${String(t.task_id)}: no rent order ${rentOrder} on node ${node.nodeId}`);
  const owner = t.owner ?? order?.renter ?? node.rentOrders[0]?.renter ?? '';
  const { gpuCount, gpuIndexes } = scenarioGpus(node, t, rentOrder, owner);
  const task = buildTask({
    taskId: t.task_id ?? `SimTask${node.nodeId.slice(0, 6)}${String(index).padStart(9, '0')}`,
    owner, os: osText, osKind, biosMode: t.bios_mode ?? 'legacy',
    imageName: t.image_name ?? node.images[0]?.name ?? 'ubuntu.qcow2',
    sshPort: osKind === 'linux' ? port(t.ssh_port, 20000 + index) : '',
    rdpPort: osKind === 'windows' ? port(t.rdp_port, 23000 + index) : '',
    vncPort: port(t.vnc_port, 5901 + index), publicIp: t.public_ip ?? '',
    cpuCores: num(t.cpu_cores, 4), gpuCount, gpuIndexes, memGb: num(t.mem_gb ?? t.mem_size, 16),
    diskGb: num(t.disk_gb ?? t.disk_size, 100), desc: t.desc ?? '', rentOrder, customPort: [],
    multicast: [], networkFilters: [], interfaceModel: 'virtio', networkName: t.network_name ?? '',
    ...(t.login_password ? { loginPassword: t.login_password } : {}),
    ...(t.user_name ? { userName: t.user_name } : {}),
  }, now);
  applyScenarioStatus(task, t.status ?? 'running');
  task.logs.push(...(t.logs ?? []));
  return task;
}

/** A VM on a per-GPU order holds that order's GPUs; otherwise the first free ones. */
function scenarioGpus(node: NodeState, t: ScenarioTask, rentOrder: string, owner: string): { gpuCount: number; gpuIndexes: number[] } {
  if (rentOrder) {
    const gpuIndexes = rentedGpuIndexes(node, rentOrder, owner);
    return { gpuCount: gpuIndexes.length, gpuIndexes };
  }
  const gpuCount = num(t.gpu_count, Math.min(1, node.gpuCount));
  const used = new Set([...node.tasks.values()].flatMap((x) => x.gpuIndexes));
  const gpuIndexes = Array.from({ length: node.gpuCount }, (_, i) => i).filter((i) => !used.has(i)).slice(0, gpuCount);
  return { gpuCount, gpuIndexes };
}

function applyScenarioStatus(task: Task, status: string): void {
  if (status === 'creating') return; // the lifecycle resumes it
  const vm = { running: 'running', closed: 'shut_off', pmsuspend: 'pmsuspended' }[status];
  if (!vm) throw new Error(`scenario: task ${task.taskId}: unsupported status ${status}`);
  task.status = status;
  task.vm = vm as Task['vm'];
}

function imageSizes(servers: ScenarioImageServer[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const s of servers) {
    for (const i of s.images ?? []) if (typeof i !== 'string' && i.size_gb) sizes.set(i.name, i.size_gb);
  }
  return sizes;
}

function scenarioNetwork(n: ScenarioNetwork, nodes: Map<string, NodeState>, now: number): LanNetwork {
  const one: LanNetwork[] = [];
  const machine = n.node_id ?? [...nodes.keys()][0] ?? '';
  const error = createNetwork(one, machine, n.name, n.ip_cidr, n.owner, now);
  if (error) throw new Error(`scenario: network ${JSON.stringify(n.name)}: ${error}`);
  return one[0]!;
}

function joinScenarioNetwork(networks: LanNetwork[], task: Task): void {
  if (!task.networkName) return;
  const network = networks.find((n) => n.name === task.networkName);
  if (!network) throw new Error(`scenario: task ${task.taskId}: no network ${task.networkName}`);
  network.members.push(task.taskId);
}

/** Builds the initial world; tasks with status `creating` are resumed by the lifecycle afterwards. */
export function buildState(scenario: Scenario, now: number): SimState {
  const servers = scenario.image_servers ?? [];
  const sizes = imageSizes(servers);
  const clientVersion = scenario.client_version ?? DEFAULT_VERSION;
  const chain: ChainClock = { baseBlock: scenario.chain_block ?? DEFAULT_CHAIN_BLOCK, baseTime: now };
  const defaultEnd = chain.baseBlock + DEFAULT_RENT_DAYS * BLOCKS_PER_DAY;
  const nodes = new Map<string, NodeState>();
  for (const n of scenario.nodes ?? []) {
    const node = buildNode(n, sizes, clientVersion, defaultEnd);
    if (nodes.has(node.nodeId)) throw new Error(`scenario: duplicate node_id ${node.nodeId}`);
    (n.tasks ?? []).forEach((t, i) => {
      const task = buildScenarioTask(node, t, i, now);
      node.tasks.set(task.taskId, task);
    });
    nodes.set(node.nodeId, node);
  }
  const imageServers: ImageServer[] = servers.map((s) => ({
    id: s.id, ip: s.ip ?? '127.0.0.1', port: s.port ?? 873, images: (s.images ?? []).map((i) => toImage(i, sizes)),
  }));
  const clientFiles = (scenario.client_images ?? []).map((i) => toImage(i, sizes));
  const networks = (scenario.networks ?? []).map((n) => scenarioNetwork(n, nodes, now));
  for (const node of nodes.values()) for (const task of node.tasks.values()) joinScenarioNetwork(networks, task);
  return { clientVersion, nodes, imageServers, clientFiles, clientTransfers: [], chain, networks };
}
