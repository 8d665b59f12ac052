// T12 modify (dbc-protocol.md §8.2) and T13 passwd. Modify applies fields in order and stops at the
// first error, keeping what was already applied; CPU/GPU/memory/VNC changes wait for the next boot.
import { atoi, str, strArray } from '../format';
import type { NodeState, RentOrder, Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, ok, type GpuDoc } from './doc';
import { appendLog } from './logs';
import { isCanonicalIp, isValidNetworkFilter } from './netcheck';
import { cpuFits, freeGpuIndexes, isWholeMachine, memFits, portConflict, publicIpUsed } from './resources';

interface ModifyRun {
  node: NodeState;
  task: Task;
  a: Record<string, unknown>;
  order: RentOrder | undefined;
  nextBoot: boolean;
}

type Step = (r: ModifyRun) => string | undefined;

const publicIp: Step = (r) => {
  const ip = str(r.a, 'new_public_ip'); // absent means "", which clears a set public IP
  if (ip === r.task.publicIp) return undefined;
  if (ip !== '' && (!isCanonicalIp(ip) || ip === r.node.ip)) return 'invalid public ip';
  if (ip !== '' && publicIpUsed(r.node, ip, r.task)) return 'public ip being used';
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
  if (!r.order) return 'gpu rent order is empty';
  return isWholeMachine(r.node, r.order) ? undefined : `can not modify ${what}`;
}

const gpus: Step = (r) => {
  const err = wholeOnly(r, 'new_gpu_count', 'gpu count');
  if (err || str(r.a, 'new_gpu_count') === '') return err;
  const n = atoi(str(r.a, 'new_gpu_count'));
  if (n < 0) return 'new gpu count is invalid';
  if (n > freeGpuIndexes(r.node, r.order as RentOrder, r.task).length) return 'allocate gpu failed';
  r.task.pending.gpuCount = n;
  r.nextBoot = true;
  return undefined;
};

const cpu: Step = (r) => {
  const err = wholeOnly(r, 'new_cpu_cores', 'cpu cores');
  if (err || str(r.a, 'new_cpu_cores') === '') return err;
  const n = atoi(str(r.a, 'new_cpu_cores'));
  if (!cpuFits(r.node, r.order as RentOrder, n, r.task)) return 'allocate cpu failed';
  r.task.pending.cpuCores = n;
  r.nextBoot = true;
  return undefined;
};

const mem: Step = (r) => {
  const err = wholeOnly(r, 'new_mem_size', 'mem size');
  if (err || str(r.a, 'new_mem_size') === '') return err;
  const n = atoi(str(r.a, 'new_mem_size'));
  if (!memFits(r.node, r.order as RentOrder, n, r.task)) return 'allocate memory failed';
  r.task.pending.memGb = n;
  r.nextBoot = true;
  return undefined;
};

const STEPS: Step[] = [publicIp, loginPort('new_ssh_port'), loginPort('new_rdp_port'), lists, vncPort, gpus, cpu, mem];

export function modifyTask(c: AuthedCall): GpuDoc {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  const order = c.node.rentOrders.find((o) => o.id === task.rentOrder) ?? c.node.rentOrders.find((o) => o.renter === task.owner);
  const run: ModifyRun = { node: c.node, task, a: c.env.additional, order, nextBoot: false };
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
