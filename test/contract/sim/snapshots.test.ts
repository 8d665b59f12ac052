// Snapshots (§7 S1–S4): VM must be shut off; creating → uploading → none; both route styles.
import * as assert from 'node:assert/strict';
import { DEMO_TASK_ID, type RunningSimulator } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { SNAPSHOT_CREATING_MS, SNAPSHOT_UPLOADING_MS } from '../../../src/sim/gpu/snapshotEngine';
import { post } from '../../support/simHttp';
import { caller, renterPair, startSim, type Caller } from './harness';

const ID = DEMO_TASK_ID;

describe('sim: snapshots', () => {
  let sim: RunningSimulator;
  let c: Caller;
  const stopVm = async (): Promise<void> => {
    await c.call(`/tasks/stop/${ID}`);
    sim.admin.advance(DURATIONS_MS.stop);
  };
  const json = async (path: string, add: Record<string, unknown> = {}): Promise<any> => (await c.call(path, add)).json;

  describe('with both route styles', () => {
    beforeEach(async () => {
      sim = await startSim({ speed: 0 });
      c = caller(sim, renterPair());
    });
    afterEach(() => sim.close());

    it('requires a shut-off VM and a snapshot name', async () => {
      assert.deepEqual(await json(`/snapshot/create/${ID}`, { snapshot_name: 's1', image_server: 'ID_1' }),
        { errcode: 1, message: 'please close task first and try again' });
      assert.deepEqual(await json(`/snapshot/create/${ID}`, { image_server: 'ID_1' }), { errcode: -3, message: "'snapshot_name' is empty" });
      assert.deepEqual(await json('/snapshot/create/NoSuchTask', { snapshot_name: 's', image_server: 'ID_1' }), { errcode: 1, message: 'task have no disk' });
    });

    it('snapshots vda whatever disks are asked for, reads desc only, and converts on the task worker', async () => {
      await stopVm();
      const r = await json(`/snapshot/create/${ID}`, {
        snapshot_name: 'only-vda', description: 'seed key', disks: [{ disk_name: 'vdb', snapshot_type: 'external' }], image_server: 'ID_1',
      });
      assert.equal(r.message, 'ok');
      const snap = (await json(`/snapshot/list/${ID}/only-vda`)).message;
      assert.equal(snap.description, '', 'the seed document\'s `description` is not read');
      assert.match(snap.snapshot_file, /^\/tmp\/dbc_snapshots\/snap_\d+_\d{14}_vda\.qcow2$/);
      assert.equal((await json(`/tasks/start/${ID}`)).message, 'ok', 'a start queued behind the conversion');
      sim.admin.advance(SNAPSHOT_CREATING_MS - 1);
      assert.equal((await json(`/tasks/${ID}`)).message.status, 'starting', 'held by the conversion');
      sim.admin.advance(1);
      assert.equal((await json(`/snapshot/list/${ID}/only-vda`)).message.status, 'uploading', 'the upload runs outside the worker');
      sim.admin.advance(DURATIONS_MS.start);
      assert.equal((await json(`/tasks/${ID}`)).message.status, 'running');
      const lines: string[] = (await json(`/tasks/logs/${ID}?flag=tail&line_num=5`)).message.log_content;
      assert.ok(lines.some((l) => l.includes(`| process_create_snapshot | create snapshot cmd:qemu-img convert -f qcow2 -O qcow2 -B /data/ubuntu.qcow2 `) &&
        l.endsWith(snap.snapshot_file)), lines.join('\n'));
    });

    it('goes creating → uploading → none, then the file is on the image server', async () => {
      await stopVm();
      assert.deepEqual(await json(`/snapshot/create/${ID}`, { snapshot_name: 'snap1', desc: 'before upgrade', image_server: 'ID_1' }),
        { errcode: 0, message: 'ok' });
      const list = (await json(`/snapshot/list/${ID}`)).message;
      assert.equal(list.length, 1);
      assert.deepEqual(Object.keys(list[0]), ['snapshot_name', 'description', 'snapshot_file', 'create_time', 'status']);
      assert.deepEqual([list[0].snapshot_name, list[0].description, list[0].status], ['snap1', 'before upgrade', 'creating']);
      assert.match(list[0].snapshot_file, /^\/tmp\/dbc_snapshots\/snap_.+\.qcow2$/);
      sim.admin.advance(SNAPSHOT_CREATING_MS);
      assert.equal((await json(`/snapshot/list/${ID}/snap1`)).message.status, 'uploading');
      sim.admin.advance(SNAPSHOT_UPLOADING_MS);
      assert.equal((await json(`/snapshot/list/${ID}/snap1`)).message.status, 'none');
      const server = await post(sim.url, '/api/v1/images', { peer_nodes_list: [], additional: { image_server: 'ID_1' } });
      const file = list[0].snapshot_file.split('/').pop();
      assert.ok(server.json.message.some((i: any) => i.image_name === file), server.text);
    });

    it('describes, lists and deletes', async () => {
      await stopVm();
      await c.call(`/snapshot/create/${ID}`, { snapshot_name: 'a', image_server: 'ID_1' });
      await c.call(`/snapshot/create/${ID}`, { snapshot_name: 'b', image_server: 'ID_2' });
      assert.deepEqual(await json(`/snapshot/list/${ID}/zzz`), { errcode: 1, message: 'snapshot_name not exist' });
      assert.deepEqual(await json('/snapshot/list/NoSuchTask'), { errcode: 0, message: [] });
      assert.deepEqual(await json(`/snapshot/delete/${ID}/a`), { errcode: 0, message: 'ok' });
      assert.deepEqual(await json(`/snapshot/delete/${ID}/a`), { errcode: 1, message: 'a not exist' });
      assert.deepEqual((await json(`/snapshot/list/${ID}`)).message.map((s: any) => s.snapshot_name), ['b']);
    });

    it('serves the seed document\'s task-first paths too', async () => {
      await stopVm();
      assert.equal((await json(`/snapshot/${ID}/create`, { snapshot_name: 'seed1', desc: 'from seed', image_server: 'ID_1' })).message, 'ok');
      assert.deepEqual((await json(`/snapshot/${ID}`)).message.map((s: any) => [s.snapshot_name, s.description]), [['seed1', 'from seed']]);
      assert.equal((await json(`/snapshot/${ID}/seed1`)).message.snapshot_name, 'seed1');
      assert.equal((await json(`/snapshot/${ID}/delete/seed1`)).message, 'ok');
      assert.deepEqual((await json(`/snapshot/${ID}`)).message, []);
    });
  });

  describe('restricted route styles', () => {
    afterEach(() => sim.close());

    it('source only: task-first paths are invalid', async () => {
      sim = await startSim({ speed: 0, snapshotRoutes: 'source' });
      c = caller(sim, renterPair());
      const r = await c.call(`/snapshot/${ID}`);
      assert.deepEqual([r.status, r.json.errcode, r.json.message], [400, -32600, 'invalid uri']);
      assert.equal((await c.call(`/snapshot/list/${ID}`)).json.errcode, 0);
    });

    it('seed only: verb-first paths are read task-first', async () => {
      sim = await startSim({ speed: 0, snapshotRoutes: 'seed' });
      c = caller(sim, renterPair());
      assert.deepEqual((await c.call(`/snapshot/list/${ID}`)).json, { errcode: 1, message: 'snapshot_name not exist' });
      assert.deepEqual((await c.call(`/snapshot/${ID}`)).json, { errcode: 0, message: [] });
    });
  });
});
