// Create validation (§8.1): exact texts in the node's order, string typing, ports and resources.
import * as assert from 'node:assert/strict';
import { DEMO_TASK_ID } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { demoSim, createSpec, taskStatus } from './harness';

describe('sim: create validation', () => {
  const demo = demoSim();

  const create = async (add: Record<string, unknown>): Promise<string> => {
    const r = await demo.c.call('/tasks/start', add);
    return r.json.errcode === 0 ? 'ok' : `${String(r.json.errcode)} ${String(r.json.message)}`;
  };
  const failsWith = async (overrides: Record<string, unknown>, message: string): Promise<void> => {
    assert.equal(await create(createSpec(overrides)), `1 ${message}`, JSON.stringify(overrides));
  };

  it('starts with image_name when additional is empty', async () => {
    assert.equal(await create({}), '1 image_name is empty');
  });

  it('checks task_id, GPUs, OS, bios mode and image in that order', async () => {
    await failsWith({ task_id: 'short' }, 'wrong task id length');
    await failsWith({ task_id: 'abc_defghijklmnopqrstu' }, 'task id requires a combination of letters or numbers');
    await failsWith({ task_id: DEMO_TASK_ID }, 'task id already existed');
    await failsWith({ gpu_count: '-1', image_name: '' }, 'gpu_count is invalid (usage: gpu_count >= 0)');
    await failsWith({ gpu_count: '9' }, 'gpu_count exceeds number of leases');
    await failsWith({ gpu_count: '8' }, 'allocate gpu failed');
    await failsWith({ operation_system: 'Generic', image_name: '' }, "unsupported operation system: generic (usage: 'linux' 'windows')");
    await failsWith({ bios_mode: 'BIOS', image_name: '' }, "unsupported bios mode: bios (usage: 'legacy(default)'、'uefi'、'pxe')");
    await failsWith({ image_name: 'ubuntu.img' }, "'image_name' extension name is invalid");
    await failsWith({ image_name: 'nope.qcow2', vnc_port: 'x' }, "'image_name' is not exist (path:/data/nope.qcow2)");
  });

  it('checks public IP, login port and VNC port with the conflict texts', async () => {
    await failsWith({ public_ip: '1.2.3' }, 'invalid public ip');
    await failsWith({ public_ip: '127.0.0.1' }, 'public ip being used');
    await failsWith({ ssh_port: undefined }, 'ssh_port is empty');
    await failsWith({ ssh_port: '22a' }, 'ssh_port is not digit');
    await failsWith({ ssh_port: '20022' }, 'port conflict, exist ssh_port = 20022');
    await failsWith({ ssh_port: '5901' }, 'port conflict, exist vnc_port = 5901');
    await failsWith({ operation_system: 'windows', image_name: 'windows10.qcow2' }, 'rdp_port is empty');
    await failsWith({ vnc_port: undefined }, 'vnc_port is empty');
    await failsWith({ vnc_port: '59o1' }, 'vnc_port is not digit');
    await failsWith({ vnc_port: '5899' }, 'vnc_port is invalid (usage: [5900, 65535])');
    await failsWith({ vnc_port: '5901' }, 'port conflict, exist vnc_port = 5901');
    await failsWith({ vnc_port: '20022' }, 'port conflict, exist ssh_port = 20022');
  });

  it('frees the ports of a VM that no longer runs', async () => {
    await demo.c.call(`/tasks/stop/${DEMO_TASK_ID}`);
    demo.sim.admin.advance(DURATIONS_MS.stop);
    assert.equal(await create(createSpec({ ssh_port: '20022', vnc_port: '5901' })), 'ok');
  });

  it('checks CPU, memory and disk against what is free', async () => {
    await failsWith({ cpu_cores: '0' }, 'cpu_cores is invalid');
    await failsWith({ cpu_cores: '60' }, 'allocate cpu failed');
    await failsWith({ mem_size: 'lots' }, 'mem_size is invalid');
    await failsWith({ mem_size: '250' }, 'allocate mem failed');
    await failsWith({ disk_size: '0' }, 'disk_size is invalid (usage: disk_size > 0)');
    await failsWith({ disk_size: '3700' }, 'allocate disk failed');
  });

  it('checks the optional extras', async () => {
    await failsWith({ data_file_name: 'd.qcow2' }, 'data_file_name is not exist, path: /data/d.qcow2');
    await failsWith({ multicast: ['230.0.0.1'] }, 'multicast format: ip:port');
    await failsWith({ multicast: ['230.0.0.1:'] }, 'multicast format: ip:port'); // util::split: the empty port is dropped
    await failsWith({ multicast: ['10.0.0.1:5000'] }, 'address is not a multicast address');
    await failsWith({ multicast: ['230.0.0.1:05'] }, 'invalid multicast port');
    await failsWith({ interface_model_type: 'virtio' }, 'invalid interface model type');
    assert.equal(await create(createSpec({ multicast: ['239.255.255.255:65535'], interface_model_type: 'e1000',
      custom_port: ['tcp,8080', 'tcp/udp,123', 'nonsense'] })), 'ok', 'custom_port is never validated');
  });

  it('treats non-string scalars as absent', async () => {
    await failsWith({ cpu_cores: 4 }, 'cpu_cores is invalid');
    const r = await demo.c.call('/tasks/start', createSpec({ gpu_count: 2 }));
    assert.equal(r.json.errcode, 0);
    const t = (await demo.c.call(`/tasks/${String(r.json.message.task_id)}`)).json.message;
    assert.equal(t.gpu_count, 0, 'a numeric gpu_count reads as 0');
  });

  it('rewrites "ubuntu" to "linux" and "win" to "windows" like the client node', async () => {
    const os = async (value: string, extra: Record<string, unknown>): Promise<string> => {
      const r = await demo.c.call('/tasks/start', createSpec({ operation_system: value, ...extra }));
      assert.equal(r.json.errcode, 0, r.text);
      return (await demo.c.call(`/tasks/${String(r.json.message.task_id)}`)).json.message.os;
    };
    assert.equal(await os('ubuntu', {}), 'linux');
    assert.equal(await os('ubuntu 18.04', { ssh_port: '31030', vnc_port: '5995' }), 'ubuntu 18.04');
    assert.equal(await os('win', { image_name: 'windows10.qcow2', rdp_port: '33389', vnc_port: '5996', gpu_count: '0' }), 'windows');
  });

  it('keeps validation errors free of side effects', async () => {
    await failsWith({ vnc_port: '1' }, 'vnc_port is invalid (usage: [5900, 65535])');
    const list = await demo.c.call('/tasks');
    assert.deepEqual(list.json.message.map((t: any) => t.task_id), [DEMO_TASK_ID]);
    assert.equal(await taskStatus(demo.c, DEMO_TASK_ID), 'running');
  });
});
