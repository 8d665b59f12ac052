// D1–D4 disk routes (node_request_service.cpp do_*_disk, TaskDiskManager.cpp): routing and envelope
// texts, the -3 pre-checks and errcode-1 refusals, integer `size`, `ok` = queued on the task worker,
// the effect in the disk list and task info, the result in the VM log.
import * as assert from 'node:assert/strict';
import { DEMO_TASK_ID } from '../../../src/sim';
import { DISK_MS, DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { post } from '../../support/simHttp';
import { demoSim } from './harness';

const ID = DEMO_TASK_ID;
const tail = (lines: string[], n: number): string[] => lines.slice(-n).map((l) => l.split(' | ').slice(-2).join(' | '));

describe('sim: disks', () => {
  const demo = demoSim();

  const json = async (path: string, add: Record<string, unknown> = {}): Promise<any> => (await demo.c.call(path, add)).json;
  const disks = async (): Promise<[string, string][]> => (await json(`/disk/list/${ID}`)).message.map((d: any) => [d.name, d.size]);
  const logs = async (n: number): Promise<string[]> => tail((await json(`/tasks/logs/${ID}?flag=tail&line_num=${n}`)).message.log_content, n);
  const stopVm = async (): Promise<void> => {
    await demo.c.call(`/tasks/stop/${ID}`);
    demo.sim.admin.advance(DURATIONS_MS.stop);
  };

  it('routes exactly /disk/<verb>/<task> and parses the envelope like the image routes', async () => {
    for (const path of ['/disk/list', '/disk/list/a/b', '/disk/grow/x', '/disk']) {
      const r = await demo.c.call(path);
      assert.deepEqual([r.status, r.json], [400, { errcode: -32600, message: 'invalid requests uri' }], path);
    }
    const noAdd = await post(demo.sim.url, `/api/v1/disk/list/${ID}`, { peer_nodes_list: [demo.c.nodeId] });
    assert.equal(noAdd.json.message, 'parse request params failed: has no additional');
    const bad = await post(demo.sim.url, `/api/v1/disk/list/${ID}`, '{nope');
    assert.equal(bad.json.message, 'json parse error: Invalid value.');
    const anon = await post(demo.sim.url, `/api/v1/disk/list/${ID}`, { peer_nodes_list: [demo.c.nodeId], additional: {} });
    assert.deepEqual([anon.status, anon.json.message], [400, 'session_id and wallet all invalid']);
  });

  it('lists the disks of a VM in any state, in name order, with their files', async () => {
    const list = (await json(`/disk/list/${ID}`)).message;
    assert.deepEqual(list.map((d: any) => [d.name, d.size]), [['vda', '350G'], ['vdb', '200G']]);
    assert.match(list[0].file, /^\/data\/vm_\d+_\d{14}\.qcow2$/);
    assert.deepEqual(await json('/disk/list/NoSuchTask'), { errcode: -3, message: 'task not exist' });
  });

  it('resizes a shut-off VM\'s disk by GB (a JSON integer), on the worker, and logs the result', async () => {
    assert.deepEqual(await json(`/disk/resize/${ID}`, { disk: 'vdb', size: 100 }), { errcode: 1, message: 'please close task first and try again' });
    await stopVm();
    assert.deepEqual(await json(`/disk/resize/${ID}`, { size: 100 }), { errcode: -3, message: "'disk' is empty" });
    for (const size of ['100', 0, -5, 1.5]) {
      assert.deepEqual(await json(`/disk/resize/${ID}`, { disk: 'vdb', size }), { errcode: -3, message: "'size' is invalid" }, String(size));
    }
    assert.deepEqual(await json(`/disk/resize/${ID}`, { disk: 'vdz', size: 100 }), { errcode: 1, message: 'task have no disk:vdz' });
    assert.deepEqual(await json(`/disk/resize/${ID}`, { disk: 'vdb', size: 100 }), { errcode: 0, message: 'ok' });
    assert.deepEqual(await disks(), [['vda', '350G'], ['vdb', '200G']], '`ok` only means queued');
    demo.sim.admin.advance(DISK_MS.resizeDisk);
    assert.deepEqual(await disks(), [['vda', '350G'], ['vdb', '300G']]);
    assert.deepEqual((await json(`/tasks/${ID}`)).message.disks.map((d: any) => d.size), ['350G', '300G']);
    const [cmd, result] = await logs(2);
    assert.match(cmd!, /^process_resize_disk \| resize disk cmd: qemu-img resize \/data\/data_\d+_\d{14}\.qcow2 \+104857600K$/);
    assert.equal(result, "process_resize_disk | disk 'vdb' after resize: 300G");
  });

  it('adds a disk as the next vdX in mount_dir; a failed attach shows only in the log', async () => {
    await stopVm();
    assert.deepEqual(await json(`/disk/add/${ID}`, { size: 50, mount_dir: '/nope' }), { errcode: -3, message: '/nope is not exist' });
    assert.deepEqual(await json(`/disk/add/${ID}`, { mount_dir: '/data' }), { errcode: -3, message: "'size' is invalid" });
    assert.deepEqual(await json(`/disk/add/${ID}`, { size: 50 }), { errcode: 0, message: 'ok' });
    demo.sim.admin.advance(DISK_MS.addDisk);
    const list = (await json(`/disk/list/${ID}`)).message;
    assert.deepEqual(list.map((d: any) => [d.name, d.size]), [['vda', '350G'], ['vdb', '200G'], ['vdc', '50G']]);
    assert.match(list[2].file, /^\/data\/data_\d+_\d{14}\.qcow2$/);
    assert.deepEqual(await logs(1), [`process_add_disk | add disk: ${list[2].file}, size:50G`]);
    demo.sim.admin.addFault('D3=vm-error,count=1');
    assert.deepEqual(await json(`/disk/add/${ID}`, { size: 10, mount_dir: '/mnt' }), { errcode: 0, message: 'ok' });
    demo.sim.admin.advance(DISK_MS.addDisk);
    assert.equal((await disks()).length, 3);
    assert.match((await logs(1))[0]!, /^process_add_disk \| vm attach disk failed:/);
  });

  it('deletes a data disk of a shut-off VM, never vda', async () => {
    assert.deepEqual(await json(`/disk/delete/${ID}`, { disk: 'vda' }), { errcode: 1, message: 'please close task first and try again' },
      'the state is checked before the name');
    await stopVm();
    assert.deepEqual(await json(`/disk/delete/${ID}`, {}), { errcode: -3, message: "'disk' is empty" });
    assert.deepEqual(await json(`/disk/delete/${ID}`, { disk: 'vda' }), { errcode: 1, message: "can not allowed to delete disk:'vda'" });
    assert.deepEqual(await json(`/disk/delete/${ID}`, { disk: 'vdq' }), { errcode: 1, message: 'task have no disk:vdq' });
    assert.deepEqual(await json(`/disk/delete/${ID}`, { disk: 'vdb' }), { errcode: 0, message: 'ok' });
    demo.sim.admin.advance(DISK_MS.deleteDisk);
    assert.deepEqual(await disks(), [['vda', '350G']]);
  });

  it('queues disk work behind the node\'s other operations', async () => {
    await stopVm();
    await demo.c.call('/tasks/start', { image_name: 'ubuntu.qcow2', ssh_port: '31022', vnc_port: '5990', gpu_count: '1', cpu_cores: '4', mem_size: '8', disk_size: '50' });
    assert.equal((await json(`/disk/resize/${ID}`, { disk: 'vdb', size: 1 })).message, 'ok');
    demo.sim.admin.advance(DISK_MS.resizeDisk);
    assert.deepEqual(await disks(), [['vda', '350G'], ['vdb', '200G']], 'a create holds it');
    demo.sim.admin.advance(DURATIONS_MS.create);
    assert.deepEqual(await disks(), [['vda', '350G'], ['vdb', '201G']]);
  });
});
