// The places in the node's source (v0.4.1.8, HEAD 603ac9db) that write the VM log lines the simulator
// writes: file, line and function as `TASK_LOG_*` prints them. Messages are built where they are used.
import type { LogSite } from './logs';

const tm = (line: number, func: string): LogSite => ({ file: 'TaskManager.cpp', line, func });
const vc = (line: number, func: string): LogSite => ({ file: 'vm_client.cpp', line, func });
const tdm = (line: number, func: string): LogSite => ({ file: 'TaskDiskManager.cpp', line, func });

export const SITES = {
  // VmClient::CreateDomain
  createRentOrder: vc(851, 'CreateDomain'),
  createVgaPci: vc(863, 'CreateDomain'),
  createVcpus: vc(870, 'CreateDomain'),
  createMem: vc(875, 'CreateDomain'),
  createUuid: vc(882, 'CreateDomain'),
  createBios: vc(884, 'CreateDomain'),
  createVm: vc(896, 'CreateDomain'),
  createData: vc(905, 'CreateDomain'),
  createMulticast: vc(913, 'CreateDomain'),
  createJoinNetwork: vc(922, 'CreateDomain'),
  createVnc: vc(927, 'CreateDomain'),
  // TaskManager::process_create_task and friends
  createNwfilterFailed: tm(2852, 'process_create_task'),
  createLocalIpFailed: tm(2875, 'process_create_task'),
  createFailed: tm(2876, 'process_create_task'),
  createIptable: tm(2945, 'create_task_iptable'),
  createOk: tm(2923, 'process_create_task'),
  startFailed: tm(3015, 'process_start_task'),
  startOk: tm(3059, 'process_start_task'),
  shutdownFailed: tm(3076, 'process_shutdown_task'),
  shutdownOk: tm(3082, 'process_shutdown_task'),
  poweroffFailed: tm(3130, 'process_poweroff_task'),
  poweroffOk: tm(3136, 'process_poweroff_task'),
  restartFailed: tm(3187, 'process_restart_task'),
  restartOk: tm(3198, 'process_restart_task'),
  forceRebootFailed: tm(3258, 'process_force_reboot_task'),
  forceRebootOk: tm(3273, 'process_force_reboot_task'),
  resetFailed: tm(3298, 'process_reset_task'),
  resetOk: tm(3303, 'process_reset_task'),
  closeOk: tm(259, 'close_task'),
  deleteOk: tm(575, 'delete_task'),
  // TaskManager::modifyTask
  modifyPublicIp: tm(1887, 'modifyTask'),
  modifySshPort: tm(1929, 'modifyTask'),
  modifyRdpPort: tm(1961, 'modifyTask'),
  modifyCustomPort: tm(2004, 'modifyTask'),
  modifyIptables: tm(2017, 'modifyTask'),
  modifyNwfilter: tm(2033, 'modifyTask'),
  modifyVncPort: tm(2065, 'modifyTask'),
  modifyGpu: tm(2095, 'modifyTask'),
  modifyCpu: tm(2128, 'modifyTask'),
  modifyMem: tm(2150, 'modifyTask'),
  modifyRedefine: tm(2187, 'modifyTask'),
  modifyOk: tm(2190, 'modifyTask'),
  // prune thread and rent orders
  pruneOrderStop: tm(3481, 'prune_task_thread_func'),
  pruneOrderDelete: tm(3470, 'prune_task_thread_func'),
  pruneWalletStop: tm(3500, 'prune_task_thread_func'),
  pruneWalletDelete: tm(3520, 'prune_task_thread_func'),
  recyclePublicIp: tm(581, 'clear_task_public_ip'),
  rentOrderUpdate: { file: 'TaskGpuManager.cpp', line: 161, func: 'checkXmlGpu' },
  // TaskDiskManager
  removeDiskFile: tdm(116, 'delDisks'),
  resizeCmd: tdm(415, 'process_resize_disk'),
  resizeResult: tdm(426, 'process_resize_disk'),
  addDisk: tdm(455, 'process_add_disk'),
  addDiskFailed: tdm(462, 'process_add_disk'),
  deleteDiskFailed: tdm(481, 'process_delete_disk'),
  snapshotCmd: tdm(512, 'process_create_snapshot'),
} as const satisfies Record<string, LogSite>;
