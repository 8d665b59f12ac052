// Resource and port accounting of a GPU node: what running VMs hold, what is free.
import { type NodeState, type RentOrder, SYSTEM_DISK_GB, type Task } from '../state';

/** A VM holds GPUs, cores and memory while its domain is alive or about to be (creating/starting/restarting). */
export function holdsResources(t: Task): boolean {
  return t.vm === 'running' || t.vm === 'pmsuspended' || ['creating', 'starting', 'restarting'].includes(t.status);
}

function others(node: NodeState, except?: Task): Task[] {
  return [...node.tasks.values()].filter((t) => t !== except);
}

export function usedGpuIndexes(node: NodeState, except?: Task): Set<number> {
  return new Set(others(node, except).filter(holdsResources).flatMap((t) => t.gpuIndexes));
}

export function freeGpuIndexes(node: NodeState, order: RentOrder, except?: Task): number[] {
  const used = usedGpuIndexes(node, except);
  return order.gpuIndexes.filter((i) => !used.has(i));
}

export function usedCores(node: NodeState, except?: Task): number {
  return others(node, except).filter(holdsResources).reduce((n, t) => n + t.cpuCores, 0);
}

export function usedMemGb(node: NodeState, except?: Task): number {
  return others(node, except).filter(holdsResources).reduce((n, t) => n + t.memGb, 0);
}

/** Data disks of every VM (running or not) plus the image files in /data. */
export function usedDiskGb(node: NodeState): number {
  const disks = [...node.tasks.values()].reduce((n, t) => n + t.diskGb, 0);
  return disks + node.images.reduce((n, i) => n + i.sizeGb, 0);
}

/** The share of the machine a rent order covers (1 for a whole-machine rental). */
export function rentShare(node: NodeState, order: RentOrder): number {
  return node.gpuCount > 0 ? order.gpuIndexes.length / node.gpuCount : 1;
}

export function isWholeMachine(node: NodeState, order: RentOrder): boolean {
  return order.gpuIndexes.length >= node.gpuCount;
}

export function cpuFits(node: NodeState, order: RentOrder, cores: number, except?: Task): boolean {
  const limit = Math.floor(node.cpuCores * rentShare(node, order));
  return cores > 0 && cores <= limit && cores <= node.cpuCores - usedCores(node, except);
}

export function memFits(node: NodeState, order: RentOrder, memGb: number, except?: Task): boolean {
  const limit = Math.floor(node.memGb * rentShare(node, order));
  return memGb > 0 && memGb <= limit && memGb <= node.memGb - usedMemGb(node, except);
}

export function diskFits(node: NodeState, diskGb: number): boolean {
  return diskGb <= Math.min(node.diskGb - SYSTEM_DISK_GB, node.diskGb - usedDiskGb(node));
}

export type PortKind = 'ssh_port' | 'rdp_port' | 'vnc_port';

/** The host ports a running VM occupies; a VM with its own public IP does not occupy ssh/rdp on the host. */
function hostPorts(t: Task): [PortKind, string][] {
  const ports: [PortKind, string][] = [];
  if (!t.publicIp && t.osKind === 'linux' && t.sshPort) ports.push(['ssh_port', t.sshPort]);
  if (!t.publicIp && t.osKind === 'windows' && t.rdpPort) ports.push(['rdp_port', t.rdpPort]);
  if (t.vncPort) ports.push(['vnc_port', t.vncPort]);
  return ports;
}

/** The kind of port of a running VM that already uses `port`, e.g. `vnc_port`; undefined when free. */
export function portConflict(node: NodeState, port: number, except?: Task): PortKind | undefined {
  for (const t of others(node, except).filter(holdsResources)) {
    const hit = hostPorts(t).find(([, p]) => Number(p) === port);
    if (hit) return hit[0];
  }
  return undefined;
}

export function publicIpUsed(node: NodeState, ip: string, except?: Task): boolean {
  return others(node, except).some((t) => t.publicIp === ip);
}
