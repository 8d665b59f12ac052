// Task documents (T1/T2 fields and types), ownership (§5.2, §13 Q11), modify (§8.2) and passwd (T13).
import * as assert from 'node:assert/strict';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { RunningSimulator } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { randomPair } from '../../support/simAuth';
import { caller, createSpec, startSim, taskStatus, type Caller } from './harness';

const NODE = 'c0'.repeat(32);
const SHARED = 'c1'.repeat(32);
const PASSWORD = /^[A-Za-z][A-Za-z0-9_/+[\]@#^]{15}$/;

describe('sim: task documents, ownership, modify and passwd', () => {
  const alice = randomPair();
  const bob = randomPair();
  let sim: RunningSimulator;
  let a: Caller;
  let b: Caller;

  const scenario = (owner: KeyringPair): Record<string, unknown> => ({
    nodes: [
      {
        node_id: NODE, status: 'rented', renter: owner.address, gpu_count: 4, cpu_cores: 32, mem_gb: 128,
        images: ['ubuntu.qcow2', 'windows10.qcow2'],
      },
      {
        node_id: SHARED, status: 'rented', gpu_count: 4, images: ['ubuntu.qcow2'],
        rent_orders: [{ id: '76', renter: owner.address, gpu_count: 2 }, { id: '77', renter: bob.address, gpu_count: 2 }],
      },
    ],
  });

  beforeEach(async () => {
    sim = await startSim({ speed: 0, scenario: scenario(alice) as any });
    a = caller(sim, alice, NODE);
    b = caller(sim, bob, NODE);
  });
  afterEach(() => sim.close());

  const create = async (c: Caller, extra: Record<string, unknown> = {}, auth?: Record<string, unknown>): Promise<string> => {
    const r = await c.call('/tasks/start', createSpec(extra), auth);
    assert.equal(r.json.errcode, 0, r.text);
    sim.admin.advance(DURATIONS_MS.create);
    return String(r.json.message.task_id);
  };
  const info = async (c: Caller, id: string): Promise<any> => (await c.call(`/tasks/${id}`)).json;

  it('returns every T2 field in the documented order, numbers only for cpu_cores and gpu_count', async () => {
    const id = await create(a);
    const t = (await info(a, id)).message;
    assert.deepEqual(Object.keys(t), ['task_id', 'os', 'ssh_ip', 'ssh_port', 'user_name', 'login_password', 'cpu_cores',
      'gpu_count', 'mem_size', 'disk_system', 'vnc_port', 'vnc_password', 'create_time', 'desc', 'status', 'disks', 'interface']);
    assert.deepEqual([t.os, t.ssh_ip, t.ssh_port, t.user_name, t.cpu_cores, t.gpu_count, t.mem_size, t.disk_system, t.vnc_port],
      ['linux', '127.0.0.1', '31022', 'dbc', 4, 1, '8G', '350G', '5990']);
    assert.match(t.login_password, PASSWORD);
    assert.equal(t.vnc_password, t.login_password.slice(0, 8));
    assert.deepEqual(t.disks.map((d: any) => [d.name, d.size]), [['vda', '350G'], ['vdb', '50G']]);
    assert.equal(t.interface[0].type, 'network');
    for (const [k, v] of Object.entries(t)) {
      if (!['cpu_cores', 'gpu_count', 'disks', 'interface'].includes(k)) assert.equal(typeof v, 'string', k);
    }
  });

  it('describes Windows VMs with rdp_port and Administrator', async () => {
    const id = await create(a, { operation_system: 'windows 10', image_name: 'windows10.qcow2', ssh_port: undefined, rdp_port: '33389', bios_mode: 'uefi' });
    const t = (await info(a, id)).message;
    assert.deepEqual([t.os, t.rdp_port, t.user_name, 'ssh_port' in t], ['windows 10', '33389', 'Administrator', false]);
    assert.deepEqual(Object.keys(t).slice(0, 5), ['task_id', 'os', 'ssh_ip', 'rdp_port', 'user_name']);
  });

  it('lists and describes only the caller\'s tasks, but lets any renter act on a task id', async () => {
    a = caller(sim, alice, SHARED, '76');
    b = caller(sim, bob, SHARED, '77');
    const mine = await create(a, { gpu_count: '2' });
    const theirs = await create(b, { gpu_count: '2', vnc_port: '5991', ssh_port: '31023' });
    assert.deepEqual((await a.call('/tasks')).json.message.map((t: any) => t.task_id), [mine]);
    assert.deepEqual((await b.call('/tasks')).json.message.map((t: any) => t.task_id), [theirs]);
    assert.deepEqual(await info(b, mine), { errcode: -3, message: 'task_id not exist' });
    assert.equal((await b.call(`/tasks/stop/${mine}`)).json.message, 'ok');
    assert.equal(await taskStatus(a, mine), 'being poweroff');
  });

  it('enforces partial rentals: exactly the leased GPU count, only with the order id', async () => {
    b = caller(sim, bob, SHARED, '77');
    assert.equal((await b.call('/tasks/start', createSpec({ gpu_count: '1' }))).json.message, 'only use the number what you exactly rented');
    assert.equal((await b.call('/tasks/start', createSpec({ gpu_count: '0' }))).json.message, 'only use the number what you exactly rented');
    assert.equal((await b.call('/tasks/start', createSpec({ gpu_count: '3' }))).json.message, 'gpu_count exceeds number of leases');
    const noOrder = caller(sim, bob, SHARED);
    assert.equal((await noOrder.call('/tasks/start', createSpec({ gpu_count: '2' }))).json.message, 'check authority failed: wallet not rented',
      'without rent_order the node looks the wallet up as a whole-machine renter and finds nothing');
    assert.equal((await b.call('/tasks/start', createSpec({ gpu_count: '2' }))).json.errcode, 0);
    const other = await b.call('/tasks/start', createSpec({ gpu_count: '2', vnc_port: '5991', ssh_port: '31023' }));
    assert.equal(other.json.message, 'allocate gpu failed');
    assert.equal((await caller(sim, bob, SHARED, '76').call('/tasks')).json.message, 'check authority failed: wallet not rented');
  });

  it('modifies at once (task info shows every change) and says which changes wait for the next boot; each change is logged', async () => {
    const id = await create(a);
    const m1 = await a.call(`/tasks/modify/${id}`, { new_ssh_port: '32022' });
    assert.deepEqual(m1.json, { errcode: 0, message: 'ok' });
    assert.equal((await info(a, id)).message.ssh_port, '32022');
    const m2 = await a.call(`/tasks/modify/${id}`, { new_cpu_cores: '8', new_vnc_port: '5999', increase_disk_size: '100' });
    assert.deepEqual(m2.json, { errcode: 0, message: 'some changes will take effect on the next boot' });
    const t = (await info(a, id)).message;
    assert.deepEqual([t.cpu_cores, t.vnc_port, t.ssh_port], [8, '5999', '32022']);
    assert.deepEqual(t.disks.map((d: any) => d.size), ['350G', '50G'], 'increase_disk_size is read nowhere');
    const lines: string[] = (await a.call(`/tasks/logs/${id}?flag=tail&line_num=7`)).json.message.log_content;
    assert.deepEqual(lines.map((l) => l.split(' | ').slice(-2).join(' | ')), [
      'modifyTask | modify task old ssh port: 31022, new ssh port: 32022', 'modifyTask | reset iptables successful', 'modifyTask | modify task successful',
      'modifyTask | modify task old vnc port: 5990, new vnc port: 5999', 'modifyTask | modify task new cpu cores: 8, sockets: 1, cores per socket: 8, threads per core: 1',
      'modifyTask | redefine task sucessful', 'modifyTask | modify task successful',
    ]);
  });

  it('stops modify at the first error but keeps what was applied before it', async () => {
    const id = await create(a);
    const r = await a.call(`/tasks/modify/${id}`, { new_ssh_port: '33022', new_vnc_port: '80' });
    assert.deepEqual(r.json, { errcode: 1, message: 'new_vnc_port 80 is invalid! (usage: 5900 =< port <= 65535)' });
    assert.equal((await info(a, id)).message.ssh_port, '33022');
    const errors: [Record<string, unknown>, string][] = [
      [{ new_ssh_port: 'abc' }, 'new_ssh_port abc is invalid! (usage: > 0)'],
      [{ new_ssh_port: '4000', new_rdp_port: '4000' }, 'new_ssh_port and new_rdp_port are the same!'],
      [{ new_public_ip: '1.2.3' }, 'invalid public ip'],
      [{ new_network_filters: ['bogus'] }, 'modify network filter error'],
    ];
    for (const [add, msg] of errors) assert.equal((await a.call(`/tasks/modify/${id}`, add)).json.message, msg);
    const other = await create(a, { ssh_port: '31024', vnc_port: '5992' });
    assert.equal((await a.call(`/tasks/modify/${other}`, { new_vnc_port: '5990' })).json.message, 'new_vnc_port 5990 has been used!');
    // The pair above failed at new_rdp_port, after new_ssh_port 4000 had been applied.
    assert.equal((await a.call(`/tasks/modify/${other}`, { new_ssh_port: '4000' })).json.message, 'new_ssh_port 4000 has been used!');
    b = caller(sim, bob, SHARED, '77');
    const theirs = await create(b, { gpu_count: '2', ssh_port: '31025', vnc_port: '5993' });
    assert.equal((await b.call(`/tasks/modify/${theirs}`, { new_gpu_count: '1' })).json.message, 'can not modify gpu count');
    assert.equal((await b.call(`/tasks/modify/${theirs}`, { new_mem_size: '4' })).json.message, 'can not modify mem size');
  });

  it('clears a public IP when new_public_ip is absent', async () => {
    const id = await create(a, { public_ip: '10.1.2.3', ssh_port: undefined });
    const t = (await info(a, id)).message;
    assert.deepEqual([t.ssh_ip, t.ssh_port], ['10.1.2.3', '22']);
    assert.equal((await a.call(`/tasks/modify/${id}`, {})).json.message, 'ok');
    assert.equal((await info(a, id)).message.ssh_ip, '127.0.0.1');
  });

  it('sets the guest password of a running VM only', async () => {
    const id = await create(a);
    assert.equal((await a.call(`/tasks/passwd/${id}`, { username: 'dbc' })).json.message, 'password can not be empty');
    assert.equal((await a.call(`/tasks/passwd/${id}`, { password: 'x' })).json.message, 'user name can not be empty');
    assert.deepEqual((await a.call(`/tasks/passwd/${id}`, { username: 'root', password: 'N3w-secret' })).json, { errcode: 0, message: 'ok' });
    const t = (await info(a, id)).message;
    assert.deepEqual([t.user_name, t.login_password], ['dbc', 'N3w-secret']);
    await a.call(`/tasks/stop/${id}`);
    sim.admin.advance(DURATIONS_MS.stop);
    assert.deepEqual((await a.call(`/tasks/passwd/${id}`, {})).json,
      { errcode: 1, message: 'Only the running task can change the password' }, 'checked before the fields');
  });
});
