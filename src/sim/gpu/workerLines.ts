// The texts the task worker writes to a VM's log, built as the node builds them (vm_client.cpp
// CreateDomain, TaskManager.cpp create_task_iptable, TaskDiskManager.cpp process_*_disk).
import { randomUUID } from 'node:crypto';
import { scaleSize } from '../format';
import type { Disk, NodeState, Task, TaskEvent } from '../state';
import { SITES } from './logSites';
import type { LogSite } from './logs';

/** The VM's address on libvirt's default network (what the guest agent reports). */
export function localIp(task: Task): string {
  return `192.168.122.${10 + (task.mac.charCodeAt(16) % 200)}`;
}

export function diskFile(task: Task, name: string): string {
  return task.disks.find((d) => d.name === name)?.file ?? '';
}

/** PCI functions of the passed-through GPUs (video and audio), as `vga_pci` lists them. */
function vgaPci(task: Task): string {
  return task.gpuIndexes.map((i) => {
    const bus = (0x18 + i * 0x10).toString(16).padStart(2, '0');
    return `${bus}:00.0|${bus}:00.1|`;
  }).join('');
}

/**
 * `allocate_cpu`'s topology on a host of 2 sockets with 2 threads per core: both sockets only for a
 * count that divides evenly and exceeds one socket.
 */
function topology(node: NodeState, cores: number): { sockets: number; cores: number; threads: number } {
  const nSockets = 2;
  const nThreads = 2;
  const nCores = Math.max(1, Math.floor(node.cpuCores / (nSockets * nThreads)));
  const sockets = cores % (nThreads * nSockets) === 0 && cores > nCores * nThreads ? nSockets : 1;
  const threads = cores % (sockets * nThreads) === 0 ? nThreads : 1;
  return { sockets, cores: Math.floor(cores / (sockets * threads)), threads };
}

const formatting = (file: string, sizeBytes: number, backing?: string): string =>
  `Formatting '${file}', fmt=qcow2 cluster_size=65536 extended_l2=off compression_type=zlib size=${sizeBytes}` +
  `${backing ? ` backing_file=${backing} backing_fmt=qcow2` : ''} lazy_refcounts=off refcount_bits=16`;

/** CreateDomain, in order, when the worker begins a create. */
export function createDomainLines(task: Task, node: NodeState, dataFileExists: boolean): [LogSite, string][] {
  const lines: [LogSite, string][] = [];
  if (task.rentOrder) lines.push([SITES.createRentOrder, `rent order: ${task.rentOrder}`]);
  const t = topology(node, task.cpuCores);
  lines.push(
    [SITES.createVgaPci, `vga_pci: ${vgaPci(task)}`],
    [SITES.createVcpus, `vcpus: ${task.cpuCores}, sockets: ${t.sockets}, cores: ${t.cores}, threads: ${t.threads}`],
    [SITES.createMem, `mem: ${task.memGb * 1024 * 1024}KB`],
    [SITES.createUuid, `uuid: ${randomUUID()}`],
    [SITES.createBios, `bios mode: ${task.biosMode}, operation system: ${task.os}`],
  );
  if (task.biosMode !== 'pxe') {
    const vda = diskFile(task, 'vda');
    const vdb = task.disks.find((d) => d.name === 'vdb');
    const cmd = `qemu-img create -f qcow2 -F qcow2 -b /data/${task.imageName} ${vda}`;
    lines.push([SITES.createVm, `create vm, cmd: ${cmd}, result: ${formatting(vda, 350 * 2 ** 30, `/data/${task.imageName}`)}`]);
    if (vdb && !dataFileExists) {
      const data = `qemu-img create -f qcow2 ${vdb.file} ${vdb.sizeGb}G`;
      lines.push([SITES.createData, `create data: ${data}, result: ${formatting(vdb.file, vdb.sizeGb * 2 ** 30)}`]);
    }
  }
  for (const m of task.multicast) lines.push([SITES.createMulticast, `add multicast address: ${m}`]);
  if (task.networkName) lines.push([SITES.createJoinNetwork, `join network: ${task.networkName}`]);
  lines.push([SITES.createVnc, `vnc port: ${task.vncPort}, password: ${task.vncPassword}`]);
  return lines;
}

/** After the VM's IP is known: its port forwards, then success. */
export function createdLines(task: Task, hostIp: string): [LogSite, string][] {
  const lines: [LogSite, string][] = [];
  if (task.biosMode !== 'pxe') {
    lines.push([SITES.createIptable, `create iptable successful, host_ip:${hostIp} ssh_port:${Number(task.sshPort) || 0}` +
      ` rdp_port:${Number(task.rdpPort) || 0} custom_port.size:${task.customPort.length} task_local_ip:${localIp(task)}` +
      ` public_ip:${task.publicIp}`]);
  }
  lines.push([SITES.createOk, 'create task successful']);
  return lines;
}

export function resizeLine(task: Task, event: TaskEvent): string {
  return `resize disk cmd: qemu-img resize ${diskFile(task, event.disk ?? '')} +${(event.sizeGb ?? 0) * 1024 * 1024}K`;
}

export function resizedLine(disk: Disk): string {
  return `disk '${disk.name}' after resize: ${scaleSize(disk.sizeGb)}`;
}

export function addDiskLine(event: TaskEvent): string {
  return `add disk: ${event.file ?? ''}, size:${scaleSize(event.sizeGb ?? 0)}`;
}
