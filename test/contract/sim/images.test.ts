// Images (§7 I1–I9, M1): server ids, server and node lists (with the "image_name:" quirk),
// downloads and uploads with progress and stop, client-node uploads, delete.
import * as assert from 'node:assert/strict';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { RunningSimulator } from '../../../src/sim';
import { TRANSFER_MS_PER_GB } from '../../../src/sim/gpu/transfers';
import { randomPair, walletAuth } from '../../support/simAuth';
import { post } from '../../support/simHttp';
import { caller, createSpec, startSim, type Caller } from './harness';

const NODE = 'd0'.repeat(32);

describe('sim: images', () => {
  let sim: RunningSimulator;
  let c: Caller;
  let renter: KeyringPair;
  beforeEach(async () => {
    renter = randomPair();
    sim = await startSim({
      speed: 0,
      scenario: {
        nodes: [{ node_id: NODE, renter: renter.address, images: ['ubuntu.qcow2', 'userdata.qcow2', { name: 'overlay.qcow2', backing: 'base.qcow2' }] }],
        image_servers: [
          { id: 'ID_1', images: [{ name: 'ubuntu.qcow2', size_gb: 10 }, { name: 'base.qcow2', size_gb: 4 }, { name: 'cuda.qcow2', size_gb: 20 }] },
          { id: 'ID_2', images: [] },
        ],
        client_images: [{ name: 'mine.qcow2', size_gb: 2 }],
      },
    });
    c = caller(sim, renter, NODE);
  });
  afterEach(() => sim.close());

  const local = (path: string, additional: Record<string, unknown>): Promise<any> =>
    post(sim.url, `/api/v1${path}`, { peer_nodes_list: [], additional });
  const gpu = async (path: string, additional: Record<string, unknown>): Promise<any> => (await c.call(path, additional)).json;
  const nodeImages = async (): Promise<string[]> =>
    (await post(sim.url, '/api/v1/mining_nodes', { peer_nodes_list: [NODE], additional: {} })).json.message.images.map((i: any) => i.image_name);

  it('lists the configured image servers (any JSON object as body)', async () => {
    const r = await post(sim.url, '/api/v1/images/servers', {});
    assert.equal(r.text, '{"errcode":0, "message":{"image_server":["ID_1","ID_2"]}}\r\n');
    assert.equal((await post(sim.url, '/api/v1/images/servers', '[]')).json.message, 'invalid json');
  });

  it('lists a server\'s images locally with `image_name`, a node\'s images with `image_name:`', async () => {
    const server = await local('/images', { image_server: 'ID_1' });
    assert.ok(server.text.startsWith('{"errcode":0,"message": [{"image_name":"ubuntu.qcow2","image_size":"10G"}'), server.text);
    const node = await post(sim.url, '/api/v1/images', { peer_nodes_list: [NODE], additional: {} });
    assert.equal(node.text, '{"errcode":0, "message":[{"image_name:":"ubuntu.qcow2","image_size":"10G"}]}\r\n');
    const withServer = await post(sim.url, '/api/v1/images', { peer_nodes_list: [NODE], additional: { image_server: 'ID_1' } });
    assert.deepEqual(withServer.json.message.map((i: any) => i['image_name:']), ['ubuntu.qcow2', 'base.qcow2'], 'backing files from the server');
    assert.deepEqual(await nodeImages(), ['ubuntu.qcow2']);
  });

  it('consumes the nonce of an optional I2 signature', async () => {
    const auth = walletAuth(renter);
    assert.equal((await post(sim.url, '/api/v1/images', { peer_nodes_list: [NODE], additional: {}, ...auth })).json.errcode, 0);
    assert.equal((await c.call('/tasks', {}, auth)).json.message, 'check authority failed: nonce check failed');
  });

  it('downloads with progress, then the image can back a VM', async () => {
    const add = { image_server: 'ID_1', image_filename: 'cuda.qcow2', local_dir: '/data' };
    assert.deepEqual(await gpu('/images/download', add), { errcode: 0, message: 'ok' });
    assert.deepEqual(await gpu('/images/download', add), { errcode: 1, message: 'image:cuda.qcow2 in downloading' });
    sim.admin.advance(20 * TRANSFER_MS_PER_GB * 0.425);
    assert.deepEqual(await gpu('/images/downloadprogress', { image_filename: 'cuda.qcow2' }), { errcode: 0, message: { status: 'downloading', progress: '42%' } });
    assert.equal((await gpu('/tasks/start', createSpec({ image_name: 'cuda.qcow2' }))).message, "'image_name' is not exist (path:/data/cuda.qcow2)");
    sim.admin.advance(20 * TRANSFER_MS_PER_GB);
    assert.deepEqual(await gpu('/images/downloadprogress', { image_filename: 'cuda.qcow2' }), { errcode: 0, message: { status: 'done', progress: '100%' } });
    assert.ok((await nodeImages()).includes('cuda.qcow2'));
    assert.equal((await gpu('/tasks/start', createSpec({ image_name: 'cuda.qcow2' }))).errcode, 0);
  });

  it('checks download parameters and stops downloads', async () => {
    assert.equal((await gpu('/images/download', { image_server: 'ID_1', local_dir: '/data' })).message, 'additional no image_filename');
    assert.equal((await gpu('/images/download', { image_server: 'ID_1', image_filename: 'x' })).message, 'additional no local_dir');
    assert.equal((await gpu('/images/download', { image_server: 'ID_2', image_filename: 'cuda.qcow2', local_dir: '/data' })).message, 'image:cuda.qcow2 not exist');
    await gpu('/images/download', { image_server: 'ID_1', image_filename: 'cuda.qcow2', local_dir: '/data' });
    assert.deepEqual(await gpu('/images/download_stop', { image_filename: 'cuda.qcow2' }), { errcode: 0, message: 'ok' });
    sim.admin.advance(60 * TRANSFER_MS_PER_GB);
    assert.ok(!(await nodeImages()).includes('cuda.qcow2'));
    await gpu('/images/download', { image_server: 'ID_1', image_filename: 'cuda.qcow2', local_dir: '/mnt/other' });
    sim.admin.advance(60 * TRANSFER_MS_PER_GB);
    assert.ok(!(await nodeImages()).includes('cuda.qcow2'), 'only /data images are listed');
  });

  it('keys an upload by its full path; progress and stop look the name up as sent', async () => {
    assert.equal((await gpu('/images/upload', { image_server: 'ID_2' })).message, 'image_filename is empty');
    assert.equal((await gpu('/images/upload', { image_server: 'ID_2', image_filename: 'nope.qcow2' })).message, 'image:nope.qcow2 not exist');
    assert.equal((await gpu('/images/upload', { image_server: 'ID_2', image_filename: 'ubuntu.qcow2' })).message, 'ok');
    assert.equal((await gpu('/images/upload', { image_server: 'ID_2', image_filename: '/data/ubuntu.qcow2' })).message, 'image:/data/ubuntu.qcow2 in uploading');
    assert.deepEqual((await gpu('/images/uploadprogress', { image_filename: 'ubuntu.qcow2' })).message, { status: 'done', progress: '100%' },
      'the bare name is not the key: the node reports done at once');
    assert.deepEqual((await gpu('/images/uploadprogress', { image_filename: '/data/ubuntu.qcow2' })).message, { status: 'uploading', progress: '0%' });
    assert.equal((await gpu('/images/upload_stop', { image_filename: 'ubuntu.qcow2' })).message, 'ok', 'stops nothing');
    assert.equal((await gpu('/images/uploadprogress', { image_filename: '/data/ubuntu.qcow2' })).message.status, 'uploading');
    assert.equal((await gpu('/tasks/start', createSpec())).errcode, 0, 'isUploading("ubuntu.qcow2") is false: a create may use it');
    assert.equal((await gpu('/images/delete', { image_filename: 'ubuntu.qcow2' })).message, 'image file is in downloading or uploading, please try again later');
    sim.admin.advance(10 * TRANSFER_MS_PER_GB);
    assert.deepEqual((await gpu('/images/uploadprogress', { image_filename: '/data/ubuntu.qcow2' })).message, { status: 'done', progress: '100%' });
    const server = await local('/images', { image_server: 'ID_2' });
    assert.deepEqual(server.json.message, [{ image_name: 'ubuntu.qcow2', image_size: '10G' }]);
    assert.equal((await gpu('/images/uploadprogress', {})).message, 'additional no image_filename');
  });

  it('stops an upload named by its full path; the file does not reach the server', async () => {
    await gpu('/images/upload', { image_server: 'ID_2', image_filename: 'ubuntu.qcow2' });
    assert.equal((await gpu('/images/upload_stop', { image_filename: '/data/ubuntu.qcow2' })).message, 'ok');
    sim.admin.advance(20 * TRANSFER_MS_PER_GB);
    assert.deepEqual((await local('/images', { image_server: 'ID_2' })).json.message, []);
  });

  it('uploads from the client node\'s own disk with peer_nodes_list []', async () => {
    const missing = await local('/images/upload', { image_server: 'ID_2', image_filename: 'x.qcow2' });
    assert.deepEqual([missing.status, missing.json.message], [400, 'image_filename: /data//data/x.qcow2 not exist']);
    const r = await local('/images/upload', { image_server: 'ID_2', image_filename: 'mine.qcow2' });
    assert.equal(r.text, '{"errcode":0,"message": "ok"}\r\n');
    assert.equal((await local('/images/uploadprogress', { image_filename: 'mine.qcow2' })).json.message.status, 'uploading');
    sim.admin.advance(2 * TRANSFER_MS_PER_GB);
    assert.deepEqual((await local('/images/uploadprogress', { image_filename: 'mine.qcow2' })).json.message, { status: 'done', progress: '100%' });
    const stop = await local('/images/upload_stop', { image_filename: 'mine.qcow2' });
    assert.equal(stop.text, '{"errcode":0,"message":"ok"}\r\n', 'the client node stops its own upload too');
    assert.equal((await local('/images/upload', { image_server: 'ID_9', image_filename: 'mine.qcow2' })).json.message, 'image_server not exist');
  });

  it('deletes image files under /data', async () => {
    assert.deepEqual(await gpu('/images/delete', { image_filename: 'ubuntu.qcow2' }), { errcode: 0, message: 'ok' });
    assert.deepEqual(await gpu('/images/delete', { image_filename: 'ubuntu.qcow2' }), { errcode: 1, message: 'image file:ubuntu.qcow2 is not exist' });
    assert.deepEqual(await nodeImages(), []);
  });
});
