// Builds a Task record from validated parameters (used by create and by scenario files).
import { randomInt } from 'node:crypto';
import { newLoginPassword, newMacAddress } from './ids';
import type { Task } from './state';

/** What a create (or a scenario file) decides; the rest of the Task is made here. */
export type TaskSpec = Pick<Task,
  'taskId' | 'owner' | 'os' | 'osKind' | 'biosMode' | 'imageName' | 'sshPort' | 'rdpPort' | 'vncPort' | 'publicIp'
  | 'cpuCores' | 'gpuCount' | 'gpuIndexes' | 'memGb' | 'diskGb' | 'desc' | 'rentOrder' | 'customPort' | 'multicast'
  | 'networkFilters' | 'interfaceModel'
> & Partial<Pick<Task, 'loginPassword' | 'userName'>>;

export function buildTask(spec: TaskSpec, now: number): Task {
  const password = spec.loginPassword ?? newLoginPassword();
  const stamp = Math.floor(now / 1000);
  return {
    ...spec,
    userName: spec.userName ?? (spec.osKind === 'windows' ? 'Administrator' : 'dbc'),
    loginPassword: password,
    // libvirt ≥ 8.0 truncates VNC passwords to 8 characters.
    vncPassword: password.slice(0, 8),
    createTime: now,
    status: 'creating',
    vm: 'undefined',
    mac: newMacAddress(),
    vdaFile: `/data/vm_${randomInt(1_000_000)}_${stamp}.qcow2`,
    vdbFile: `/data/data_1_${spec.taskId}_${stamp}.qcow2`,
    pending: {},
    snapshots: [],
    logs: [],
    trickleAt: now,
  };
}
