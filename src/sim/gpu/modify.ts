// T12 modify (dbc-protocol.md §8.2) and T13 passwd. Modify applies fields in order and stops at the
// first error, keeping what was already applied; CPU/GPU/memory/VNC changes wait for the next boot.
import { atoi, str, strArray } from '../format';
import { rentedGpuIndexes } from '../rent';
import type { NodeState, Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, ok, type GpuDoc } from './doc';
import { appendLog } from './logs';
import { isValidNetworkFilter } from './netcheck';
import { allocateGpus, cpuFits, memFits, portConflict, publicIpError } from './resources';

interface ModifyRun {
  node: NodeState;
  task: Task;
  a: Record<string, unknown>;
  /** The caller's GPUs under the VM's rent order (all of them for a whole-machine rental). */
  leased: number[];
  /** Whole machine: the VM has no rent order, or its order leases every GPU. */
  wholeMachine: boolean;
  /** The leased part of the machine. */
  share: number;
  nextBoot: boolean;
}

type Step = (r: ModifyRun) => string | undefined;

const publicIp: Step = (r) => {
  const ip = str(r.a, 'new_public_ip'); // absent means "", which clears a set public IP
  const error = publicIpError(r.node, ip, r.task);
  if (error) return error;
  r.task.publicIp = ip;
  return undefined;
};

function loginPort(key: 'new_ssh_port' | 'new_rdp_port'): Step {
  return (r) => {
    const v = str(r.a, key);
    if (v === '') return undefined;
    if (key === 'new_rdp_port' && v === str(r.a, 'new_ssh_port')) return 'new_ssh_port and new_rdp_port are the same!';
    const n = atoi(v);
    if (n <= 0) return `${key} ${v} is invalid! (usage: > 0)`;
    if (!r.task.publicIp && portConflict(r.node, n, r.task)) return `${key} ${v} has been used!`;
    if (key === 'new_ssh_port') r.task.sshPort = String(n);
    else r.task.rdpPort = String(n);
    return undefined;
  };
}

const lists: Step = (r) => {
  const ports = strArray(r.a, 'new_custom_port');
  if (ports) r.task.customPort = ports;
  const filters = strArray(r.a, 'new_network_filters');
  if (filters && !filters.every(isValidNetworkFilter)) return 'modify network filter error';
  if (filters) r.task.networkFilters = filters;
  return undefined;
};

const vncPort: Step = (r) => {
  const v = str(r.a, 'new_vnc_port');
  if (v === '') return undefined;
  const n = atoi(v);
  if (n < 5900 || n > 65535) return `new_vnc_port ${v} is invalid! (usage: 5900 =< port <= 65535)`;
  if (portConflict(r.node, n, r.task)) return `new_vnc_port ${v} has been used!`;
  r.task.pending.vncPort = String(n);
  r.nextBoot = true;
  return undefined;
};

function wholeOnly(r: ModifyRun, key: string, what: string): string | undefined {
  if (str(r.a, key) === '') return undefined;
  return r.wholeMachine ? undefined : `can not modify ${what}`;
}

const gpus: Step = (r) => {
  const err = wholeOnly(r, 'new_gpu_count', 'gpu count');
  if (err || str(r.a, 'new_gpu_count') === '') return err;
  const n = atoi(str(r.a, 'new_gpu_count')) & 0xffff; // the node casts to uint16_t
  if (n === r.task.gpuCount) return undefined;
  if (!allocateGpus(r.node, n, r.leased, r.task)) return 'allocate gpu failed';
  r.task.pending.gpuCount = n;
  r.nextBoot = true;
  return undefined;
};

const cpu: Step = (r) => {
  const err = wholeOnly(r, 'new_cpu_cores', 'cpu cores');
  if (err || str(r.a, 'new_cpu_cores') === '') return err;
  const n = atoi(str(r.a, 'new_cpu_cores'));
  if (!cpuFits(r.node, n, r.share, r.task)) return 'allocate cpu failed';
  r.task.pending.cpuCores = n;
  r.nextBoot = true;
  return undefined;
};

const mem: Step = (r) => {
  const err = wholeOnly(r, 'new_mem_size', 'mem size');
  if (err || str(r.a, 'new_mem_size') === '') return err;
  const n = atoi(str(r.a, 'new_mem_size'));
  if (!memFits(r.node, n, r.share, r.task) && !memFits(r.node, n, 1, r.task)) return 'allocate memory failed';
  r.task.pending.memGb = n;
  r.nextBoot = true;
  return undefined;
};

const STEPS: Step[] = [publicIp, loginPort('new_ssh_port'), loginPort('new_rdp_port'), lists, vncPort, gpus, cpu, mem];

export function modifyTask(c: AuthedCall): GpuDoc {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  // TaskManager::modifyTask: the VM's stored order, looked up for the caller.
  const leased = rentedGpuIndexes(c.node, task.rentOrder, c.wallet);
  const wholeMachine = task.rentOrder === '' || leased.length === c.node.gpuCount;
  if (!wholeMachine && leased.length === 0) return fail1('gpu rent order is empty');
  const share = wholeMachine ? 1 : leased.length / c.node.gpuCount;
  const run: ModifyRun = { node: c.node, task, a: c.env.additional, leased, wholeMachine, share, nextBoot: false };
  for (const step of STEPS) {
    const error = step(run);
    c.sim.changed();
    if (error) return fail1(error);
  }
  appendLog(task, c.sim.clock.now(), `modify task ${task.taskId}${run.nextBoot ? ' (some changes on next boot)' : ''}`);
  c.sim.lifecycle.refresh(task);
  return ok(run.nextBoot ? 'some changes will take effect on the next boot' : 'ok');
}

export function setPassword(c: AuthedCall): GpuDoc {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  const username = str(c.env.additional, 'username');
  const password = str(c.env.additional, 'password');
  if (username === '' || password === '') return fail1('username or password is empty');
  if (task.status !== 'running') return fail1('Only the running task can change the password');
  if (task.userName === '' || task.userName === 'N/A') task.userName = username;
  task.loginPassword = password;
  appendLog(task, c.sim.clock.now(), `set password of user ${task.userName} ok`);
  c.sim.changed();
  return ok();
}
