import assert from 'node:assert/strict';
import { DbcClient } from '../../../src/api/client';
import { RequestError } from '../../../src/api/requestError';
import type { Credential } from '../../../src/api/types';
import { ok, recordingFetch } from './recordingFetch';

const NODE = '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45';
const TASK = 'Gz3SL4zw1wKGNxKCkCS5eZ';
const BASE = 'http://127.0.0.1:5002';
const session: Credential = { kind: 'session', address: '5Dy8', authFields: async () => ({ session_id: 'SID', session_id_sign: 'f'.repeat(128) }) };
const wallet: Credential = { kind: 'wallet', address: '5Dy8', authFields: async () => ({ wallet: '5Dy8', nonce: 'N', sign: 'a'.repeat(128) }) };

interface Case {
  name: string;
  call: (c: DbcClient) => Promise<unknown>;
  path: string;
  peers: string[];
  additional?: Record<string, unknown>;
  auth: boolean;
  reply?: unknown;
}

const cases: Case[] = [
  { name: 'version', call: (c) => c.version(), path: '/api/v1/', peers: [], auth: false, reply: { client_version: '0.4.1.8' } },
  { name: 'listNodes', call: (c) => c.listNodes(), path: '/api/v1/mining_nodes', peers: [], auth: false, reply: { mining_nodes: [] } },
  { name: 'nodeInfo', call: (c) => c.nodeInfo(NODE), path: '/api/v1/mining_nodes', peers: [NODE], auth: false, reply: {} },
  { name: 'nodeInfo with image server', call: (c) => c.nodeInfo(NODE, { imageServer: 'ID_1' }), path: '/api/v1/mining_nodes', peers: [NODE], additional: { image_server: 'ID_1' }, auth: false, reply: {} },
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
    name: 'modifyTask', call: (c) => c.modifyTask(NODE, TASK, { new_ssh_port: 5586, new_custom_port: ['udp,555-666:777-888'], increase_disk_size: 10 }, { auth: session }),
    path: `/api/v1/tasks/modify/${TASK}`, peers: [NODE], auth: true, additional: { new_ssh_port: '5586', new_custom_port: ['udp,555-666:777-888'], increase_disk_size: '10' },
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
];

describe('api/client routes', () => {
  for (const c of cases) {
    it(`${c.name}: POST ${c.path}`, async () => {
      const { fetch, requests } = recordingFetch([ok(c.reply ?? 'ok')]);
      await c.call(new DbcClient({ baseUrl: `${BASE}/`, fetch }));
      assert.equal(requests.length, 1);
      const r = requests[0]!;
      assert.equal(r.method, 'POST');
      assert.equal(r.url, BASE + c.path);
      assert.deepEqual(r.body.peer_nodes_list, c.peers);
      assert.deepEqual(r.body.additional, c.additional ?? {});
      const hasAuth = 'session_id' in r.body || 'wallet' in r.body;
      assert.equal(hasAuth, c.auth, c.auth ? 'auth fields expected' : 'no auth fields expected');
    });
  }

  it('sends wallet auth fields at the top level of the envelope', async () => {
    const { fetch, requests } = recordingFetch([ok([])]);
    await new DbcClient({ baseUrl: BASE, fetch }).listTasks(NODE, { auth: wallet });
    assert.deepEqual(Object.keys(requests[0]!.body), ['peer_nodes_list', 'additional', 'wallet', 'nonce', 'sign']);
  });

  it('asks the credential for fresh fields on every request', async () => {
    let calls = 0;
    const counting: Credential = { kind: 'wallet', address: 'w', authFields: async () => ({ wallet: 'w', nonce: `n${++calls}`, sign: 's' }) };
    const { fetch, requests } = recordingFetch([ok([]), ok([])]);
    const client = new DbcClient({ baseUrl: BASE, fetch });
    await client.listTasks(NODE, { auth: counting });
    await client.listTasks(NODE, { auth: counting });
    assert.deepEqual(requests.map((r) => r.body.nonce), ['n1', 'n2']);
  });

  it('sends rent_order at the top level, lifted out of additional or from the call options', async () => {
    const { fetch, requests } = recordingFetch([ok({ task_id: 't', status: 'creating' }), ok([])]);
    const client = new DbcClient({ baseUrl: BASE, fetch });
    await client.createTask(NODE, { image_name: 'a.qcow2', rent_order: 123 }, { auth: session });
    await client.listTasks(NODE, { auth: session, rentOrder: '77' });
    assert.equal(requests[0]!.body.rent_order, '123');
    assert.equal('rent_order' in requests[0]!.body.additional, false);
    assert.equal(requests[1]!.body.rent_order, '77');
  });

  it('accepts both image_name and the node\'s literal "image_name:" key', async () => {
    const { fetch } = recordingFetch([ok([{ 'image_name:': 'a.qcow2', image_size: '10G' }, { image_name: 'b.qcow2' }])]);
    const images = await new DbcClient({ baseUrl: BASE, fetch }).listNodeImages(NODE);
    assert.deepEqual(images, [{ image_name: 'a.qcow2', image_size: '10G' }, { image_name: 'b.qcow2' }]);
  });

  it('strips a trailing /api/v1 from the base URL', async () => {
    const { fetch, requests } = recordingFetch([ok({ client_version: '1' })]);
    await new DbcClient({ baseUrl: 'http://127.0.0.1:5002/api/v1/', fetch }).version();
    assert.equal(requests[0]!.url, 'http://127.0.0.1:5002/api/v1/');
  });

  describe('refuses bad input before sending anything', () => {
    const bad: Array<[string, (c: DbcClient) => Promise<unknown>, RegExp]> = [
      ['a short node id', (c) => c.listTasks('abc', { auth: session }), /64-character hex/],
      ['a task id with a slash', (c) => c.taskInfo(NODE, 'a/b', { auth: session }), /Invalid task id/],
      ['a task id with a query', (c) => c.deleteTask(NODE, 'a?x=1', { auth: session }), /Invalid task id/],
      ['no credential', (c) => c.listTasks(NODE), /needs a credential/],
      ['a session asking for the session id', (c) => c.sessionId(NODE, { auth: session }), /shared session cannot/],
    ];
    for (const [what, call, message] of bad) {
      it(what, async () => {
        const { fetch, requests } = recordingFetch();
        await assert.rejects(call(new DbcClient({ baseUrl: BASE, fetch })), (e: unknown) => e instanceof RequestError && message.test(e.message));
        assert.equal(requests.length, 0);
      });
    }
    it('an invalid base URL', () => {
      assert.throws(() => new DbcClient({ baseUrl: 'ftp://x' }), RequestError);
      assert.throws(() => new DbcClient({ baseUrl: 'not a url' }), RequestError);
    });
  });
});
