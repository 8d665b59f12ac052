// Virtual LANs (rest_api_service.cpp rest_lan, node_request_service.cpp list/create/delete_lan,
// VxlanManager.cpp), `network_name` at create, `local_address`; free_memory; monitor servers.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { DEMO_LAN_NAME, DEMO_NODE_A_ID, DEMO_NODE_B_ID } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { randomPair, walletAuth } from '../../support/simAuth';
import { post } from '../../support/simHttp';
import { demoSim, caller, createSpec, renterPair } from './harness';

/** Whether the server answers `path` within `ms` (the node leaves some requests without a reply). */
function answersWithin(url: string, path: string, ms: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const body = JSON.stringify({ peer_nodes_list: [DEMO_NODE_A_ID], additional: {} });
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path, agent: false, headers: { 'Content-Length': Buffer.byteLength(body) } },
      (res) => { res.resume(); resolve(true); });
    req.setTimeout(ms, () => { req.destroy(); resolve(false); });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

describe('sim: virtual LANs', () => {
  const demo = demoSim();

  const local = (path: string): Promise<any> => post(demo.sim.url, `/api/v1${path}`, { peer_nodes_list: [], additional: {} });
  const create = (name: string, cidr: string, who = demo.c): Promise<any> => who.call('/lan/create', { network_name: name, ip_cidr: cidr }).then((r) => r.json);

  it('creates networks on a GPU node with the node\'s checks, in its order', async () => {
    const errors: [string, string, string][] = [
      ['', '10.1.0.0/24', 'network name can not be empty'],
      ['abc', '10.1.0.0/24', 'network name requires a combination of 6 to 10 letters or numbers'],
      ['abc-def', '10.1.0.0/24', 'network name requires a combination of 6 to 10 letters or numbers'],
      ['lab0001', '', 'ip cidr can not be empty'],
      ['lab0001', '192.168.122.0/24', 'ip cidr already exist'],
      ['lab0001', '10.1.0.0', 'invalid ip cidr'],
      ['lab0001', 'fd00::/64', 'invalid ip cidr'],
      ['lab0001', '10.1.0.0/', 'invalid ip cidr'], // util::split drops the empty piece: one piece
    ];
    for (const [name, cidr, message] of errors) assert.deepEqual(await create(name, cidr), { errcode: -3, message }, `${name} ${cidr}`);
    assert.deepEqual(await create('lab0001', '10.10.0.0/24'), { errcode: 0, message: 'ok' });
    assert.deepEqual(await create('lab0001', '10.20.0.0/24'), { errcode: -3, message: 'network name already existed' });
    assert.deepEqual(await create('lab0003', '10.30.0.0//24'), { errcode: 0, message: 'ok' }, 'an empty piece between the slashes is dropped');
    const anon = await post(demo.sim.url, '/api/v1/lan/create', { peer_nodes_list: [DEMO_NODE_A_ID], additional: { network_name: 'lab0002', ip_cidr: '10.2.0.0/24' } });
    assert.deepEqual([anon.status, anon.json.message], [400, 'wallet_sign and multisig_wallets all invalid']);
  });

  it('lists on the client node ({networks}, ≤ 51) and on a GPU node (a bare array), without any signature', async () => {
    const names = async (): Promise<string[]> => (await local('/lan')).json.message.networks.map((x: any) => x.network_name);
    assert.deepEqual(await names(), [DEMO_LAN_NAME], 'the demo world has one network');
    await create('lab0001', '10.10.0.0/24');
    const n = (await local('/lan')).json.message.networks.find((x: any) => x.network_name === 'lab0001');
    assert.deepEqual(Object.keys(n), ['network_name', 'bridge_name', 'vxlan_name', 'vxlan_vni', 'ip_cidr', 'ip_start', 'ip_end',
      'dhcp_interface', 'machine_id', 'rent_wallet', 'members', 'lastUseTime', 'native_flags']);
    assert.deepEqual([n.network_name, n.bridge_name, n.vxlan_name, n.ip_start, n.ip_end, n.machine_id, n.rent_wallet, n.native_flags],
      ['lab0001', 'brlab0001', 'vxlab0001', '10.10.0.1', '10.10.0.254', DEMO_NODE_A_ID, renterPair().address, '3']);
    assert.match(n.vxlan_vni, /^\d+$/);
    assert.match(n.dhcp_interface, /^tap[0-9a-z]{10}$/);
    assert.equal((await local('/lan/lab0001')).json.message.network_name, 'lab0001');
    const missing = await local('/lan/nosuchnet');
    assert.deepEqual([missing.status, missing.json], [400, { errcode: -32701, message: 'network name not exist' }]);
    const viaNode = await post(demo.sim.url, '/api/v1/lan', { peer_nodes_list: [DEMO_NODE_B_ID], additional: {} });
    assert.deepEqual(viaNode.json.message.map((x: any) => x.network_name), [DEMO_LAN_NAME, 'lab0001']);
    const one = await post(demo.sim.url, '/api/v1/lan/nosuchnet', { peer_nodes_list: [DEMO_NODE_B_ID], additional: {} });
    assert.deepEqual(one.json, { errcode: -3, message: 'network name not exist' });
  });

  it('puts a VM in a LAN at create; task info shows network_name and local_address; the LAN is deleted only empty and by its owner', async () => {
    assert.equal((await demo.c.call('/tasks/start', createSpec({ network_name: 'nosuchnet' }))).json.message, 'can not find network info');
    await create('lab0001', '10.10.0.0/24');
    const r = await demo.c.call('/tasks/start', createSpec({ network_name: 'lab0001' }));
    const id = String(r.json.message.task_id);
    demo.sim.admin.advance(DURATIONS_MS.create);
    const info = (await demo.c.call(`/tasks/${id}`)).json.message;
    assert.equal(info.network_name, 'lab0001');
    assert.match(info.local_address[0], /^192\.168\.122\.\d+$/);
    assert.equal(info.local_address[1], '10.10.0.1');
    const keys = Object.keys(info);
    assert.equal(keys[keys.indexOf('vnc_password') + 1], 'network_name');
    assert.deepEqual((await local('/lan/lab0001')).json.message.members, [id]);
    const lines: string[] = (await demo.c.call(`/tasks/logs/${id}`)).json.message.log_content;
    assert.ok(lines.some((l) => l.endsWith('| CreateDomain | join network: lab0001')));
    assert.deepEqual((await demo.c.call('/lan/delete/lab0001')).json, { errcode: -3, message: 'network is in used, please delete task in the network first' });
    const other = randomPair();
    demo.sim.admin.updateNode(DEMO_NODE_A_ID, { renter: other.address });
    assert.deepEqual((await caller(demo.sim, other).call('/lan/delete/lab0001')).json,
      { errcode: -3, message: 'wallet error, you are not the owner of the network' });
    demo.sim.admin.updateNode(DEMO_NODE_A_ID, { renter: renterPair().address });
    await demo.c.call(`/tasks/delete/${id}`);
    demo.sim.admin.advance(DURATIONS_MS.delete);
    assert.deepEqual((await local('/lan/lab0001')).json.message.members, []);
    assert.deepEqual((await demo.c.call('/lan/delete/lab0001')).json, { errcode: 0, message: 'ok' });
    assert.deepEqual((await demo.c.call('/lan/delete/lab0001')).json, { errcode: -3, message: 'network name not exist' });
  });

  it('routes /lan like the node: delete needs a peer, two segments without `delete` get no reply', async () => {
    const r = await post(demo.sim.url, '/api/v1/lan/delete/lab0001', { peer_nodes_list: [], additional: {} });
    assert.deepEqual([r.status, r.json.message], [400, 'peer_nodeid is empty']);
    assert.equal(await answersWithin(demo.sim.url, '/api/v1/lan/x/y', 300), false);
    assert.equal(await answersWithin(demo.sim.url, '/api/v1/lan/a/b/c', 300), true);
  });
});

describe('sim: free memory and monitor servers', () => {
  const demo = demoSim({ once: true });

  it('drops the page cache on /mining_nodes/free_memory for a signed caller', async () => {
    assert.deepEqual((await demo.c.call('/mining_nodes/free_memory')).json, { errcode: 0, message: 'ok' });
    const node = (demo.sim.admin.state().nodes as any[]).find((n) => n.node_id === DEMO_NODE_A_ID);
    assert.ok(demo.sim.state.nodes.get(DEMO_NODE_A_ID)!.cacheDroppedAt !== undefined, JSON.stringify(node.node_id));
    const anon = await post(demo.sim.url, '/api/v1/mining_nodes/free_memory', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {} });
    assert.deepEqual([anon.status, anon.json.message], [400, 'wallet_sign and multisig_wallets all invalid']);
    const stranger = await post(demo.sim.url, '/api/v1/mining_nodes/free_memory', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {}, ...walletAuth(randomPair()) });
    assert.equal(stranger.json.message, 'check authority failed: wallet not rented');
  });

  it('lists and sets at most two host:port monitor servers per renter', async () => {
    assert.deepEqual((await demo.c.call('/monitor')).json, { errcode: 0, message: { servers: [] } });
    const errors: [unknown, string][] = [
      [['1.1.1.1:1', '2.2.2.2:2', '3.3.3.3:3'], 'can not enter more than two servers'],
      [['10.0.0.1'], 'server not match format ip:port'],
      [['10.0.0.1:'], 'server not match format ip:port'], // util::split drops the empty port: one piece
      ['10.0.0.1:10051', 'servers must be an array'],
    ];
    for (const [servers, message] of errors) assert.deepEqual((await demo.c.call('/monitor/set', { servers })).json, { errcode: 1, message });
    assert.deepEqual((await demo.c.call('/monitor/set', {})).json, { errcode: 0, message: 'ok' }, 'no servers key: nothing changes');
    assert.deepEqual((await demo.c.call('/monitor/set', { servers: ['10.0.0.1:10051', 7] })).json, { errcode: 0, message: 'ok' });
    assert.deepEqual((await demo.c.call('/monitor/anything')).json.message, { servers: ['10.0.0.1:10051'] }, 'any single segment lists');
    assert.deepEqual((await demo.c.call('/monitor/set', { servers: ['10.0.0.2::10051'] })).json, { errcode: 0, message: 'ok' });
    assert.deepEqual((await demo.c.call('/monitor')).json.message, { servers: ['10.0.0.2:10051'] }, 'kept as host and port');
    const verb = await demo.c.call('/monitor/set/x');
    assert.deepEqual([verb.status, verb.json.message], [400, 'invalid requests uri']);
  });
});
