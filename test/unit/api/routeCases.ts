// Every route of the client, as the route tests and the reply-shape tests call it.
import type { DbcClient } from '../../../src/api/client';
import type { Credential } from '../../../src/api/types';

export const NODE = '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45';
export const TASK = 'Gz3SL4zw1wKGNxKCkCS5eZ';
export const BASE = 'http://127.0.0.1:5002';
export const session: Credential = { kind: 'session', address: '5Dy8', authFields: async () => ({ session_id: 'SID', session_id_sign: 'f'.repeat(128) }) };
export const wallet: Credential = { kind: 'wallet', address: '5Dy8', authFields: async () => ({ wallet: '5Dy8', nonce: 'N', sign: 'a'.repeat(128) }) };

export interface Case {
  name: string;
  call: (c: DbcClient) => Promise<unknown>;
  path: string;
  peers: string[];
  additional?: Record<string, unknown>;
  auth: boolean;
  reply?: unknown;
}

export const cases: Case[] = [
  { name: 'version', call: (c) => c.version(), path: '/api/v1/', peers: [], auth: false, reply: { client_version: '0.4.1.8' } },
  { name: 'listNodes', call: (c) => c.listNodes(), path: '/api/v1/mining_nodes', peers: [], auth: false, reply: { mining_nodes: [] } },
  { name: 'nodeInfo', call: (c) => c.nodeInfo(NODE), path: '/api/v1/mining_nodes', peers: [NODE], auth: false, reply: {} },
  { name: 'nodeInfo with image server', call: (c) => c.nodeInfo(NODE, { imageServer: 'ID_1' }), path: '/api/v1/mining_nodes', peers: [NODE], additional: { image_server: 'ID_1' }, auth: false, reply: {} },
  { name: 'rentOrders', call: (c) => c.rentOrders(NODE), path: '/api/v1/rent_orders', peers: [NODE], auth: false, reply: { rent_orders: [{ id: '12', renter: '5F', rent_end: '9', rent_status: 'renting', gpu_nums: '1', gpu_index: [0] }] } },
  { name: 'sessionId', call: (c) => c.sessionId(NODE, { auth: wallet }), path: '/api/v1/mining_nodes/session_id', peers: [NODE], auth: true, reply: { session_id: 'S' } },
  { name: 'listTasks', call: (c) => c.listTasks(NODE, { auth: session }), path: '/api/v1/tasks', peers: [NODE], auth: true, reply: [] },
  { name: 'taskInfo', call: (c) => c.taskInfo(NODE, TASK, { auth: session }), path: `/api/v1/tasks/${TASK}`, peers: [NODE], auth: true, reply: { task_id: TASK, status: 'running' } },
  {
    name: 'createTask', call: (c) => c.createTask(NODE, { image_name: 'ubuntu.qcow2', ssh_port: 5684, vnc_port: '5904', gpu_count: 0, cpu_cores: 8, mem_size: 16, disk_size: 100, custom_port: ['tcp,8080'], multicast: [] }, { auth: session }),
    path: '/api/v1/tasks/start', peers: [NODE], auth: true, reply: { task_id: TASK, status: 'creating' },
    additional: { image_name: 'ubuntu.qcow2', ssh_port: '5684', vnc_port: '5904', gpu_count: '0', cpu_cores: '8', mem_size: '16', disk_size: '100', custom_port: ['tcp,8080'], multicast: [] },
  },
  { name: 'startTask', call: (c) => c.startTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/start/${TASK}`, peers: [NODE], auth: true },
  { name: 'stopTask', call: (c) => c.stopTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/stop/${TASK}`, peers: [NODE], auth: true },
  { name: 'poweroffTask', call: (c) => c.poweroffTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/poweroff/${TASK}`, peers: [NODE], auth: true },
  { name: 'shutdownTask', call: (c) => c.shutdownTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/shutdown/${TASK}`, peers: [NODE], auth: true },
  { name: 'restartTask', call: (c) => c.restartTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/restart/${TASK}`, peers: [NODE], auth: true },
  { name: 'restartTask force', call: (c) => c.restartTask(NODE, TASK, { auth: session, force: true }), path: `/api/v1/tasks/restart/${TASK}?force_reboot=true`, peers: [NODE], auth: true },
  { name: 'resetTask', call: (c) => c.resetTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/reset/${TASK}`, peers: [NODE], auth: true },
  { name: 'deleteTask', call: (c) => c.deleteTask(NODE, TASK, { auth: session }), path: `/api/v1/tasks/delete/${TASK}`, peers: [NODE], auth: true },
  { name: 'taskLogs default', call: (c) => c.taskLogs(NODE, TASK, { auth: session }), path: `/api/v1/tasks/logs/${TASK}?flag=tail&line_num=100`, peers: [NODE], auth: true, reply: { task_id: TASK, log_content: [] } },
  { name: 'taskLogs head 500 → 100', call: (c) => c.taskLogs(NODE, TASK, { auth: session, flag: 'head', lines: 500 }), path: `/api/v1/tasks/logs/${TASK}?flag=head&line_num=100`, peers: [NODE], auth: true, reply: { task_id: TASK, log_content: [] } },
  { name: 'taskLogs tail 0 → 1', call: (c) => c.taskLogs(NODE, TASK, { auth: session, lines: 0 }), path: `/api/v1/tasks/logs/${TASK}?flag=tail&line_num=1`, peers: [NODE], auth: true, reply: { task_id: TASK, log_content: [] } },
  {
    name: 'modifyTask', call: (c) => c.modifyTask(NODE, TASK, { new_ssh_port: 5586, new_custom_port: ['udp,555-666:777-888'], new_public_ip: '' }, { auth: session }),
    path: `/api/v1/tasks/modify/${TASK}`, peers: [NODE], auth: true, additional: { new_ssh_port: '5586', new_custom_port: ['udp,555-666:777-888'], new_public_ip: '' },
  },
  { name: 'setTaskPassword', call: (c) => c.setTaskPassword(NODE, TASK, { username: 'dbc', password: 'pw' }, { auth: session }), path: `/api/v1/tasks/passwd/${TASK}`, peers: [NODE], auth: true, additional: { username: 'dbc', password: 'pw' } },
  { name: 'imageServers', call: (c) => c.imageServers(), path: '/api/v1/images/servers', peers: [], auth: false, reply: { image_server: ['ID_1'] } },
  { name: 'listServerImages', call: (c) => c.listServerImages('ID_1'), path: '/api/v1/images', peers: [], auth: false, additional: { image_server: 'ID_1' }, reply: [] },
  { name: 'listNodeImages', call: (c) => c.listNodeImages(NODE), path: '/api/v1/images', peers: [NODE], auth: false, reply: [] },
  { name: 'listNodeImages as renter', call: (c) => c.listNodeImages(NODE, { imageServer: 'ID_1', auth: session }), path: '/api/v1/images', peers: [NODE], auth: true, additional: { image_server: 'ID_1' }, reply: [] },
  { name: 'uploadImage from node', call: (c) => c.uploadImage({ nodeId: NODE, imageServer: 'ID_1', filename: 'u.qcow2' }, { auth: session }), path: '/api/v1/images/upload', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2', image_server: 'ID_1' } },
  { name: 'uploadImage from client node', call: (c) => c.uploadImage({ imageServer: 'ID_1', filename: 'u.qcow2' }), path: '/api/v1/images/upload', peers: [], auth: false, additional: { image_filename: 'u.qcow2', image_server: 'ID_1' } },
  { name: 'downloadImage', call: (c) => c.downloadImage(NODE, { imageServer: 'ID_1', filename: 'u.qcow2', localDir: '/data' }, { auth: session }), path: '/api/v1/images/download', peers: [NODE], auth: true, additional: { image_server: 'ID_1', image_filename: 'u.qcow2', local_dir: '/data' } },
  { name: 'downloadProgress', call: (c) => c.downloadProgress(NODE, 'u.qcow2', { auth: session }), path: '/api/v1/images/downloadprogress', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2' }, reply: { status: 'downloading', progress: '4%' } },
  { name: 'stopDownload', call: (c) => c.stopDownload(NODE, 'u.qcow2', { auth: session }), path: '/api/v1/images/download_stop', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2' } },
  { name: 'uploadProgress', call: (c) => c.uploadProgress(NODE, 'u.qcow2', { auth: session }), path: '/api/v1/images/uploadprogress', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2' }, reply: { status: 'uploading', progress: '4%' } },
  { name: 'stopUpload', call: (c) => c.stopUpload(NODE, 'u.qcow2', { auth: session }), path: '/api/v1/images/upload_stop', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2' } },
  { name: 'deleteImage', call: (c) => c.deleteImage(NODE, 'u.qcow2', { auth: session }), path: '/api/v1/images/delete', peers: [NODE], auth: true, additional: { image_filename: 'u.qcow2' } },
  { name: 'uploadProgress on the client node', call: (c) => c.uploadProgress(undefined, 'u.qcow2'), path: '/api/v1/images/uploadprogress', peers: [], auth: false, additional: { image_filename: 'u.qcow2' }, reply: { status: 'done', progress: '100%' } },
  { name: 'stopUpload on the client node', call: (c) => c.stopUpload(undefined, 'u.qcow2'), path: '/api/v1/images/upload_stop', peers: [], auth: false, additional: { image_filename: 'u.qcow2' } },
  { name: 'listDisks', call: (c) => c.listDisks(NODE, TASK, { auth: session }), path: `/api/v1/disk/list/${TASK}`, peers: [NODE], auth: true, reply: [] },
  {
    name: 'resizeDisk: size a JSON integer', call: (c) => c.resizeDisk(NODE, TASK, { disk: 'vdb', addGb: 100 }, { auth: session }),
    path: `/api/v1/disk/resize/${TASK}`, peers: [NODE], auth: true, additional: { disk: 'vdb', size: 100 },
  },
  {
    name: 'addDisk: size a JSON integer', call: (c) => c.addDisk(NODE, TASK, { sizeGb: 50, mountDir: '/mnt' }, { auth: session }),
    path: `/api/v1/disk/add/${TASK}`, peers: [NODE], auth: true, additional: { size: 50, mount_dir: '/mnt' },
  },
  { name: 'addDisk without a directory', call: (c) => c.addDisk(NODE, TASK, { sizeGb: 50 }, { auth: session }), path: `/api/v1/disk/add/${TASK}`, peers: [NODE], auth: true, additional: { size: 50 } },
  { name: 'deleteDisk', call: (c) => c.deleteDisk(NODE, TASK, 'vdc', { auth: session }), path: `/api/v1/disk/delete/${TASK}`, peers: [NODE], auth: true, additional: { disk: 'vdc' } },
  { name: 'listLans on the client node', call: (c) => c.listLans(), path: '/api/v1/lan', peers: [], auth: false, reply: { networks: [] } },
  { name: 'listLans through a node', call: (c) => c.listLans(NODE), path: '/api/v1/lan', peers: [NODE], auth: false, reply: [] },
  {
    name: 'createLan', call: (c) => c.createLan(NODE, { name: 'lab0001', ipCidr: '10.10.0.0/24' }, { auth: session }),
    path: '/api/v1/lan/create', peers: [NODE], auth: true, additional: { network_name: 'lab0001', ip_cidr: '10.10.0.0/24' },
  },
  { name: 'deleteLan', call: (c) => c.deleteLan(NODE, 'lab0001', { auth: session }), path: '/api/v1/lan/delete/lab0001', peers: [NODE], auth: true },
  { name: 'freeMemory', call: (c) => c.freeMemory(NODE, { auth: session }), path: '/api/v1/mining_nodes/free_memory', peers: [NODE], auth: true },
  { name: 'listMonitors', call: (c) => c.listMonitors(NODE, { auth: session }), path: '/api/v1/monitor', peers: [NODE], auth: true, reply: { servers: [] } },
  { name: 'setMonitors', call: (c) => c.setMonitors(NODE, ['10.0.0.1:10051'], { auth: session }), path: '/api/v1/monitor/set', peers: [NODE], auth: true, additional: { servers: ['10.0.0.1:10051'] } },
];

