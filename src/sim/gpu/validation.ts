// Validation of `additional` for create (dbc-protocol.md §8.1), in the node's order. Every check
// reads string values only: a JSON number where a string is expected counts as absent.
import { atoi, str, strArray } from '../format';
import { newTaskId } from '../ids';
import { rentedGpuIndexes } from '../rent';
import { dataImages, type ImageFile, type LanNetwork, type NodeState } from '../state';
import type { TaskSpec } from '../taskFactory';
import type { Role } from './authority';
import { multicastError } from './netcheck';
import { allocateGpus, cpuFits, diskFits, memFits, portConflict, publicIpError } from './resources';

export interface CreateInput {
  node: NodeState;
  /** The virtual LANs this node knows (`network_name` must name one). */
  networks: LanNetwork[];
  additional: Record<string, unknown>;
  role: Role;
  wallet: string;
  rentOrder: string;
  now: number;
  /** Images currently being downloaded or uploaded on this node. */
  busyImages: Set<string>;
  /** The requested ssh_port when something else on this host holds it (sshHost.ts `portHolder`). */
  sshPortTaken?: number;
}

/** `leased`: the GPUs of the caller's rent record; `share`: the leased part of the machine (CPU and memory scale with it). */
type Draft = Partial<TaskSpec> & { leased?: number[]; share?: number };
type Step = (input: CreateInput, d: Draft) => string | undefined;

const taskId: Step = (input, d) => {
  if (input.role === 'Verifier') {
    d.taskId = `vm_check_${Math.floor(input.now / 1000)}`;
    return undefined;
  }
  const id = str(input.additional, 'task_id');
  if (id === '') {
    do d.taskId = newTaskId(); while (input.node.tasks.has(d.taskId));
    return undefined;
  }
  if (id.length < 20 || id.length > 22) return 'wrong task id length';
  if (!/^[A-Za-z0-9]+$/.test(id)) return 'task id requires a combination of letters or numbers';
  if (input.node.tasks.has(id)) return 'task id already existed';
  d.taskId = id;
  return undefined;
};

/** `GetRentedGpuIndex(rent_order, wallet)`: by order id, or by wallet for a whole-machine rental. */
const rentGpus: Step = (input, d) => {
  const all = [...Array(input.node.gpuCount).keys()];
  d.leased = input.role === 'Verifier' ? all : rentedGpuIndexes(input.node, input.rentOrder, input.wallet);
  return d.leased.length > 0 ? undefined : 'order gpu index is empty';
};

/** TaskManager.cpp parse_create_params: a per-GPU order must use exactly its GPUs; CPU and memory scale. */
const gpuCount: Step = (input, d) => {
  const leased = d.leased as number[];
  let n = atoi(str(input.additional, 'gpu_count'));
  if (n < 0) return 'gpu_count is invalid (usage: gpu_count >= 0)';
  if (input.role === 'Verifier') n = input.node.gpuCount;
  if (n > leased.length) return 'gpu_count exceeds number of leases';
  d.share = 1;
  if (input.rentOrder !== '') {
    if (input.node.gpuCount < 1) return 'get gpu info failed';
    if (leased.length !== input.node.gpuCount) {
      if (n !== leased.length) return 'only use the number what you exactly rented';
      d.share = n / input.node.gpuCount;
    }
  }
  const gpus = allocateGpus(input.node, n, leased);
  if (!gpus) return 'allocate gpu failed';
  d.gpuCount = n;
  d.gpuIndexes = gpus;
  d.desc = str(input.additional, 'desc');
  return undefined;
};

const operatingSystem: Step = (input, d) => {
  const os = (str(input.additional, 'operation_system') || 'linux').toLowerCase();
  if (os.includes('linux') || os.includes('ubuntu')) d.osKind = 'linux';
  else if (os.includes('win')) d.osKind = 'windows';
  else return `unsupported operation system: ${os} (usage: 'linux' 'windows')`;
  d.os = os;
  return undefined;
};

const biosMode: Step = (input, d) => {
  const mode = (str(input.additional, 'bios_mode') || 'legacy').toLowerCase();
  if (!['legacy', 'uefi', 'pxe'].includes(mode)) return `unsupported bios mode: ${mode} (usage: 'legacy(default)'、'uefi'、'pxe')`;
  d.biosMode = mode;
  return undefined;
};

function missingBackingFiles(name: string, images: ImageFile[]): string[] {
  const seen = new Set<string>();
  for (let f = images.find((i) => i.name === name); f?.backing && !seen.has(f.name);) {
    seen.add(f.name);
    const backing: string = f.backing;
    f = images.find((i) => i.name === backing);
    if (!f) return [backing];
  }
  return [];
}

const image: Step = (input, d) => {
  const name = str(input.additional, 'image_name');
  if (name === '') return 'image_name is empty';
  if (!name.endsWith('.qcow2')) return "'image_name' extension name is invalid";
  const images = dataImages(input.node);
  const file = images.find((i) => i.name === name);
  if (!file) return `'image_name' is not exist (path:/data/${name})`;
  if (input.busyImages.has(name)) return `'image_name':${name} in downloading or uploading, please try again later`;
  const missing = d.biosMode === 'pxe' ? [] : missingBackingFiles(file.name, images);
  if (missing.length) return `image backfile not exist: ${missing.join(',')}`;
  d.imageName = name;
  return undefined;
};

const publicIp: Step = (input, d) => {
  const ip = str(input.additional, 'public_ip');
  const error = publicIpError(input.node, ip);
  if (error) return error;
  d.publicIp = ip;
  return undefined;
};

function hostPort(input: CreateInput, key: 'ssh_port' | 'rdp_port', fallback: string): { port?: string; error?: string } {
  const value = str(input.additional, key);
  if (str(input.additional, 'public_ip') !== '') return { port: /^\d+$/.test(value) ? value : fallback };
  if (value === '') return { error: `${key} is empty` };
  if (!/^\d+$/.test(value)) return { error: `${key} is not digit` };
  const clash = portConflict(input.node, Number(value)) ?? (key === 'ssh_port' && input.sshPortTaken === Number(value) ? key : undefined);
  return clash ? { error: `port conflict, exist ${clash} = ${value}` } : { port: value };
}

const loginPort: Step = (input, d) => {
  const linux = d.osKind === 'linux';
  const r = hostPort(input, linux ? 'ssh_port' : 'rdp_port', linux ? '22' : '3389');
  if (r.error) return r.error;
  d.sshPort = linux ? r.port : '';
  d.rdpPort = linux ? '' : r.port;
  return undefined;
};

const vncPort: Step = (input, d) => {
  const value = str(input.additional, 'vnc_port');
  if (value === '') return 'vnc_port is empty';
  if (!/^\d+$/.test(value)) return 'vnc_port is not digit';
  if (Number(value) < 5900 || Number(value) > 65535) return 'vnc_port is invalid (usage: [5900, 65535])';
  const clash = portConflict(input.node, Number(value));
  if (clash) return `port conflict, exist ${clash} = ${value}`;
  d.vncPort = value;
  return undefined;
};

const cpuMemDisk: Step = (input, d) => {
  const share = d.share ?? 1;
  const verifier = input.role === 'Verifier';
  const cores = verifier ? input.node.cpuCores : atoi(str(input.additional, 'cpu_cores'));
  if (cores <= 0) return 'cpu_cores is invalid';
  if (!cpuFits(input.node, cores, share)) return 'allocate cpu failed';
  const mem = verifier ? input.node.memGb : atoi(str(input.additional, 'mem_size'));
  if (mem <= 0) return 'mem_size is invalid';
  if (!memFits(input.node, mem, share)) return 'allocate mem failed';
  const disk = atoi(str(input.additional, 'disk_size'));
  if (d.biosMode !== 'pxe' && disk <= 0) return 'disk_size is invalid (usage: disk_size > 0)';
  if (d.biosMode !== 'pxe' && !diskFits(input.node, disk)) return 'allocate disk failed';
  Object.assign(d, { cpuCores: cores, memGb: mem, diskGb: d.biosMode === 'pxe' ? 0 : disk });
  return undefined;
};

const extras: Step = (input, d) => {
  const dataFile = str(input.additional, 'data_file_name');
  if (dataFile !== '' && !input.node.dataFiles.includes(dataFile)) return `data_file_name is not exist, path: /data/${dataFile}`;
  if (dataFile !== '') d.dataFileName = dataFile;
  // VxlanManager::CreateNetworkClient
  const network = str(input.additional, 'network_name');
  if (network !== '' && !input.networks.some((n) => n.name === network)) return 'can not find network info';
  d.networkName = network;
  d.customPort = strArray(input.additional, 'custom_port') ?? [];
  const multicast = strArray(input.additional, 'multicast') ?? [];
  const bad = multicast.map(multicastError).find((e) => e);
  if (bad) return bad;
  d.multicast = multicast;
  d.networkFilters = strArray(input.additional, 'network_filters') ?? [];
  const model = str(input.additional, 'interface_model_type');
  if (model !== '' && model !== 'e1000' && model !== 'rtl8139') return 'invalid interface model type';
  d.interfaceModel = model || 'virtio';
  return undefined;
};

const STEPS: Step[] = [taskId, rentGpus, gpuCount, operatingSystem, biosMode, image, publicIp, loginPort, vncPort, cpuMemDisk, extras];

export function validateCreate(input: CreateInput): { spec: TaskSpec } | { error: string } {
  const d: Draft = {};
  for (const step of STEPS) {
    const error = step(input, d);
    if (error) return { error };
  }
  const { leased: _leased, share: _share, ...rest } = d;
  return { spec: { ...(rest as TaskSpec), owner: input.wallet, rentOrder: input.rentOrder } };
}
