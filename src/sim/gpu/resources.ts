// Resource and port accounting of a GPU node: what running VMs hold, what is free.
import { type NodeState, SYSTEM_DISK_GB, type Task } from '../state';
import { isCanonicalIp } from './netcheck';

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

/** The leased GPUs no other VM holds, in index order. */
export function freeGpuIndexes(node: NodeState, leased: number[], except?: Task): number[] {
  const used = usedGpuIndexes(node, except);
  return [...leased].sort((a, b) => a - b).filter((i) => !used.has(i));
}

export function usedCores(node: NodeState, except?: Task): number {
  return others(node, except).filter(holdsResources).reduce((n, t) => n + t.cpuCores, 0);
}

export function usedMemGb(node: NodeState, except?: Task): number {
  return others(node, except).filter(holdsResources).reduce((n, t) => n + t.memGb, 0);
}

/** Data disks of every VM (running or not; vda is a thin overlay of its image) plus the image files in /data. */
export function usedDiskGb(node: NodeState): number {
  const disks = [...node.tasks.values()].flatMap((t) => t.disks).filter((d) => d.name !== 'vda').reduce((n, d) => n + d.sizeGb, 0);
  return disks + node.images.reduce((n, i) => n + i.sizeGb, 0);
}

/**
 * `allocate_gpu` (TaskManager.cpp): `count` of the leased GPUs that no other VM holds; 0 GPUs only
 * when the lease covers the whole machine. Undefined when that is not possible.
 */
export function allocateGpus(node: NodeState, count: number, leased: number[], except?: Task): number[] | undefined {
  if (leased.length === 0 || count > leased.length) return undefined;
  if (count === 0) return leased.length === node.gpuCount ? [] : undefined;
  const free = freeGpuIndexes(node, leased, except).slice(0, count);
  return free.length === count ? free : undefined;
}

/** `allocate_cpu`: at most the leased share of the machine's cores, and no more than are free. */
export function cpuFits(node: NodeState, cores: number, share: number, except?: Task): boolean {
  return cores > 0 && cores <= Math.floor(node.cpuCores * share) && cores + usedCores(node, except) <= node.cpuCores;
}

/** `allocate_mem`: at most the leased share of the machine's memory, and no more than is free. */
export function memFits(node: NodeState, memGb: number, share: number, except?: Task): boolean {
  return memGb > 0 && memGb <= Math.floor(node.memGb * share) && memGb + usedMemGb(node, except) <= node.memGb;
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

/** `check_public_ip`: "" is fine; the host's own address or one another VM has is "being used". */
export function publicIpError(node: NodeState, ip: string, except?: Task): string | undefined {
  if (ip === '') return undefined;
  if (!isCanonicalIp(ip)) return 'invalid public ip';
  if (ip === node.ip || others(node, except).some((t) => t.publicIp === ip)) return 'public ip being used';
  return undefined;
}
