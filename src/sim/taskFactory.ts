// Builds a Task record from validated parameters (used by create and by scenario files).
import { randomInt } from 'node:crypto';
import { newLoginPassword, newMacAddress } from './ids';
import { SYSTEM_DISK_GB, type Disk, type Task } from './state';

/** What a create (or a scenario file) decides; the rest of the Task is made here. */
export type TaskSpec = Pick<Task,
  'taskId' | 'owner' | 'os' | 'osKind' | 'biosMode' | 'imageName' | 'sshPort' | 'rdpPort' | 'vncPort' | 'publicIp'
  | 'cpuCores' | 'gpuCount' | 'gpuIndexes' | 'memGb' | 'diskGb' | 'desc' | 'rentOrder' | 'customPort' | 'multicast'
  | 'networkFilters' | 'interfaceModel'
> & Partial<Pick<Task, 'loginPassword' | 'userName' | 'networkName'>> & {
  /** `data_file_name`: an existing /data file becomes vdb. */
  dataFileName?: string;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** `util::time2str`: local `%Y%m%d%H%M%S`. */
export function time2str(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** TaskManager::createTask: vda backed by the image, vdb new (or the given data file); none for pxe. */
function createDisks(spec: TaskSpec, now: number): Disk[] {
  if (spec.biosMode === 'pxe') return [];
  const stamp = time2str(now);
  return [
    { name: 'vda', file: `/data/vm_${randomInt(100_000)}_${stamp}.qcow2`, sizeGb: SYSTEM_DISK_GB },
    { name: 'vdb', file: spec.dataFileName ? `/data/${spec.dataFileName}` : `/data/data_${randomInt(100_000)}_${stamp}.qcow2`, sizeGb: spec.diskGb },
  ];
}

export function buildTask(spec: TaskSpec, now: number): Task {
  const { dataFileName: _dataFile, ...fields } = spec;
  const password = spec.loginPassword ?? newLoginPassword();
  return {
    ...fields,
    userName: spec.userName ?? (spec.osKind === 'windows' ? 'Administrator' : 'dbc'),
    loginPassword: password,
    // libvirt ≥ 8.0 truncates VNC passwords to 8 characters.
    vncPassword: password.slice(0, 8),
    networkName: spec.networkName ?? '',
    createTime: now,
    status: 'creating',
    vm: 'undefined',
    mac: newMacAddress(),
    disks: createDisks(spec, now),
    snapshots: [],
    logs: [],
  };
}
