// T12 modify and T13 passwd (TaskManager.cpp `modifyTask`, `passwdTask`). Modify applies the fields in
// the node's order and stops at the first error, keeping what was already applied. Every change is
// written to the VM's record at once (task info shows it); CPU, GPU, memory and VNC changes redefine
// the domain and take effect at its next boot. Each change is logged as the node logs it.
import { atoi, str, strArray } from '../format';
import { rentedGpuIndexes } from '../rent';
import type { NodeState, Task } from '../state';
import type { AuthedCall } from './call';
import { fail1, ok, type GpuDoc } from './doc';
import { SITES } from './logSites';
import { taskLog, type LogSite } from './logs';
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
  iptables: boolean;
  now: number;
}

type Step = (r: ModifyRun) => string | undefined;

const log = (r: ModifyRun, site: LogSite, text: string): void => taskLog(r.task, r.now, site, text);

/** `new_public_ip` absent is read as "": a modify that does not re-send the current public IP clears it. */
const publicIp: Step = (r) => {
  const ip = str(r.a, 'new_public_ip');
  const error = publicIpError(r.node, ip, r.task);
  if (error) return error;
  if (ip === r.task.publicIp) return undefined;
  log(r, SITES.modifyPublicIp, `modify task old public ip: ${r.task.publicIp}, new public ip: ${ip}`);
  r.task.publicIp = ip;
  r.iptables = true;
  return undefined;
};

function loginPort(key: 'new_ssh_port' | 'new_rdp_port'): Step {
  return (r) => {
    const v = str(r.a, key);
    if (v === '') return undefined;
    const n = atoi(v) & 0xffff; // (uint16_t)atoi
    if (n <= 0) return `${key} ${v} is invalid! (usage: > 0)`;
    if (!r.task.publicIp && portConflict(r.node, n, r.task)) return `${key} ${v} has been used!`;
    const ssh = key === 'new_ssh_port';
    const old = ssh ? r.task.sshPort : r.task.rdpPort;
    if (Number(old) === n) return undefined;
    log(r, ssh ? SITES.modifySshPort : SITES.modifyRdpPort, `modify task old ${ssh ? 'ssh' : 'rdp'} port: ${Number(old) || 0}, new ${ssh ? 'ssh' : 'rdp'} port: ${n}`);
    if (ssh) r.task.sshPort = String(n);
    else r.task.rdpPort = String(n);
    r.iptables = true;
    return undefined;
  };
}

/** Checked after both ports were applied. */
const samePorts: Step = (r) => {
  const ssh = str(r.a, 'new_ssh_port');
  const rdp = str(r.a, 'new_rdp_port');
  return ssh !== '' && rdp !== '' && (atoi(ssh) & 0xffff) === (atoi(rdp) & 0xffff) ? 'new_ssh_port and new_rdp_port are the same!' : undefined;
};

const customPorts: Step = (r) => {
  const ports = strArray(r.a, 'new_custom_port');
  if (ports && ports.join('\n') !== r.task.customPort.join('\n')) {
    r.task.customPort = ports;
    log(r, SITES.modifyCustomPort, 'modify task custom port');
    r.iptables = true;
  }
  if (r.iptables) log(r, SITES.modifyIptables, 'reset iptables successful');
  return undefined;
};

/** The filters are stored before libvirt rejects a bad one. */
const networkFilters: Step = (r) => {
  const filters = strArray(r.a, 'new_network_filters');
  if (!filters || filters.join('\n') === r.task.networkFilters.join('\n')) return undefined;
  log(r, SITES.modifyNwfilter, 'modify task network filter');
  r.task.networkFilters = filters;
  return filters.every(isValidNetworkFilter) ? undefined : 'modify network filter error';
};

const vncPort: Step = (r) => {
  const v = str(r.a, 'new_vnc_port');
  if (v === '') return undefined;
  const n = atoi(v) & 0xffff;
  if (n < 5900 || n > 65535) return `new_vnc_port ${v} is invalid! (usage: 5900 =< port <= 65535)`;
  if (portConflict(r.node, n, r.task)) return `new_vnc_port ${v} has been used!`;
  if (Number(r.task.vncPort) === n) return undefined;
  log(r, SITES.modifyVncPort, `modify task old vnc port: ${r.task.vncPort}, new vnc port: ${n}`);
  r.task.vncPort = String(n);
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
  const allocated = allocateGpus(r.node, n, r.leased, r.task);
  if (!allocated) return 'allocate gpu failed';
  log(r, SITES.modifyGpu, `modify task new gpu count: ${str(r.a, 'new_gpu_count')}, old gpu count ${r.task.gpuCount}`);
  r.task.gpuIndexes = allocated;
  r.task.gpuCount = n;
  r.nextBoot = true;
  return undefined;
};

const cpu: Step = (r) => {
  const err = wholeOnly(r, 'new_cpu_cores', 'cpu cores');
  if (err || str(r.a, 'new_cpu_cores') === '') return err;
  const n = atoi(str(r.a, 'new_cpu_cores'));
  if (!cpuFits(r.node, n, r.share, r.task)) return 'allocate cpu failed';
  if (n === r.task.cpuCores) return undefined;
  log(r, SITES.modifyCpu, `modify task new cpu cores: ${str(r.a, 'new_cpu_cores')}, sockets: 1, cores per socket: ${n}, threads per core: 1`);
  r.task.cpuCores = n;
  r.nextBoot = true;
  return undefined;
};

const mem: Step = (r) => {
  const err = wholeOnly(r, 'new_mem_size', 'mem size');
  if (err || str(r.a, 'new_mem_size') === '') return err;
  const n = atoi(str(r.a, 'new_mem_size'));
  if (!memFits(r.node, n, r.share, r.task) && !memFits(r.node, n, 1, r.task)) return 'allocate memory failed';
  if (n === r.task.memGb) return undefined;
  log(r, SITES.modifyMem, `modify task old mem size: ${r.task.memGb * 1024 * 1024}, new mem size: ${str(r.a, 'new_mem_size')}`);
  r.task.memGb = n;
  r.nextBoot = true;
  return undefined;
};

const STEPS: Step[] = [publicIp, loginPort('new_ssh_port'), loginPort('new_rdp_port'), samePorts, customPorts, networkFilters, vncPort, gpus, cpu, mem];

export function modifyTask(c: AuthedCall): GpuDoc {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  // TaskManager::modifyTask: the VM's stored order, looked up for the caller.
  const leased = rentedGpuIndexes(c.node, task.rentOrder, c.wallet);
  const wholeMachine = task.rentOrder === '' || leased.length === c.node.gpuCount;
  if (!wholeMachine && leased.length === 0) return fail1('gpu rent order is empty');
  const share = wholeMachine ? 1 : leased.length / c.node.gpuCount;
  const run: ModifyRun = { node: c.node, task, a: c.env.additional, leased, wholeMachine, share, nextBoot: false, iptables: false, now: c.sim.clock.now() };
  for (const step of STEPS) {
    const error = step(run);
    c.sim.changed();
    if (error) {
      c.sim.lifecycle.refresh(task);
      return fail1(error);
    }
  }
  if (run.nextBoot) log(run, SITES.modifyRedefine, 'redefine task sucessful');
  log(run, SITES.modifyOk, 'modify task successful');
  c.sim.lifecycle.refresh(task);
  return ok(run.nextBoot ? 'some changes will take effect on the next boot' : 'ok');
}

/** TaskManager::passwdTask: running first, then the password, then the user name. */
export function setPassword(c: AuthedCall): GpuDoc {
  const task = c.node.tasks.get(c.match.taskId);
  if (!task || task.vm === 'undefined') return fail1('task not exist');
  if (task.vm !== 'running') return fail1('Only the running task can change the password');
  const username = str(c.env.additional, 'username');
  const password = str(c.env.additional, 'password');
  if (password === '') return fail1('password can not be empty');
  if (username === '') return fail1('user name can not be empty');
  if (task.userName === '' || task.userName === 'N/A') task.userName = username;
  task.loginPassword = password;
  c.sim.changed();
  return ok();
}
