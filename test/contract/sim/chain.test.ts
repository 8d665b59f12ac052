// The simulated chain (JSON-RPC at POST / of the simulator's port) and the GPU node's prune thread:
// the calls of HttpDBCChainClient.cpp with DeepBrainChain-MainChain's reply shapes, a block clock that
// runs with the simulator's clock, and TaskManager.cpp's expiry rules (shut off past the rent's end,
// deleted 3 days of blocks later; 10 days for a whole-machine rental).
import * as assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { DEMO_LEASE_END, DEMO_LEASE_ORDER, DEMO_LEASE_TASK_ID, DEMO_NODE_C_ID, DEMO_NODE_C_SEED, DEMO_CHAIN_BLOCK, DEMO_RENTER_ADDRESS, type RunningSimulator, type Scenario } from '../../../src/sim';
import { PRUNE_INTERVAL_MS } from '../../../src/sim/chain/prune';
import { pairFromSeed, randomPair } from '../../support/simAuth';
import { post } from '../../support/simHttp';
import { caller, startSim, taskStatus } from './harness';

const PER_GPU = 'c0'.repeat(32);
const WHOLE = 'c1'.repeat(32);
const DAY = 600 * 24;

describe('sim: the chain\'s JSON-RPC and the prune thread', () => {
  const alice = randomPair();
  const bob = randomPair();
  let sim: RunningSimulator;

  const scenario = (): Scenario => ({
    chain_block: 1_000_000,
    nodes: [
      {
        node_id: PER_GPU, gpu_count: 8, cpu_cores: 64, mem_gb: 256, images: ['ubuntu.qcow2'],
        rent_orders: [
          { id: '120', renter: alice.address, gpu_index: [4, 5], rent_end: 1_000_600 },
          { id: '98', renter: bob.address, gpu_index: [0, 1, 2], rent_end: 1_100_000 },
        ],
        tasks: [
          { task_id: 'AliceVmOnOrder120', status: 'running', image_name: 'ubuntu.qcow2', rent_order: '120', cpu_cores: 16, mem_gb: 64 },
          { task_id: 'BobVmOnOrder98', status: 'running', image_name: 'ubuntu.qcow2', rent_order: '98', cpu_cores: 24, mem_gb: 96 },
        ],
      },
      {
        node_id: WHOLE, renter: alice.address, gpu_count: 2, images: ['ubuntu.qcow2'], rent_end: 2_000_000,
        tasks: [{ task_id: 'AliceWholeMachineVm', status: 'running', image_name: 'ubuntu.qcow2', public_ip: '203.0.113.7' }],
      },
    ],
  });

  beforeEach(async () => {
    sim = await startSim({ speed: 0, scenario: scenario() });
  });
  afterEach(() => sim.close());

  const rpc = async (method: string, params: unknown[] | string = [], id: unknown = 7) => {
    const body = typeof params === 'string' ? `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"${method}","params":${params}}` : { jsonrpc: '2.0', id, method, params };
    const r = await post(sim.url, '/', body);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const result = async (method: string, params: unknown[] | string = []) => {
    const doc = await rpc(method, params);
    assert.equal(doc.error, undefined, JSON.stringify(doc));
    return doc.result;
  };
  const block = async () => Number.parseInt(String((await result('chain_getBlock')).block.header.number).slice(2), 16);

  it('chain_getBlock: the block as hex in result.block.header.number, one more every 6 simulated seconds, and settable', async () => {
    const doc = await rpc('chain_getBlock');
    assert.equal(doc.jsonrpc, '2.0');
    assert.equal(doc.id, 7);
    assert.equal(doc.result.block.header.number, `0x${(1_000_000).toString(16)}`);
    assert.deepEqual(doc.result.block.extrinsics, []);
    sim.admin.advance(60_000);
    assert.equal(await block(), 1_000_010);
    const set = await post(sim.url, '/__sim/chain', { block: 2_000_000 });
    assert.deepEqual(set.json, { block: 2_000_000 });
    assert.equal(await block(), 2_000_000);
    sim.admin.advance(5_999);
    assert.equal(await block(), 2_000_000);
    sim.admin.advance(1);
    assert.equal((await post(sim.url, '/__sim/chain', {})).json.block, 2_000_001);
  });

  it('rentMachine_getMachineRentId and getRentOrder: the orders the chain holds, dropped at their end block', async () => {
    assert.deepEqual(await result('rentMachine_getMachineRentId', [PER_GPU]), { rentOrder: [98, 120], usedGpu: [0, 1, 2, 4, 5] });
    assert.deepEqual(await result('rentMachine_getRentOrder', '[120]'), {
      machineId: PER_GPU, renter: alice.address, rentEnd: 1_000_600, rentStatus: 'renting', gpuNum: 2, gpuIndex: [4, 5],
    });
    assert.deepEqual(await result('rentMachine_getMachineRentId', ['ab'.repeat(32)]), { rentOrder: [], usedGpu: [] });
    await post(sim.url, '/__sim/chain', { block: 1_000_600 });
    assert.deepEqual(await result('rentMachine_getMachineRentId', [PER_GPU]), { rentOrder: [98], usedGpu: [0, 1, 2] });
    assert.deepEqual((await rpc('rentMachine_getRentOrder', '[120]')).error, { code: -32603, message: 'Something wrong', data: 'NotFound' });
    assert.deepEqual((await rpc('rentMachine_getRentOrder', '[5555]')).error, { code: -32603, message: 'Something wrong', data: 'NotFound' });
  });

  it('the whole-machine form answers for a machine rented as a whole (then the default account) and is refused for others', async () => {
    assert.deepEqual(await result('rentMachine_getRentOrder', [WHOLE]), {
      machineId: WHOLE, renter: alice.address, rentEnd: 2_000_000, rentStatus: 'renting', gpuNum: 2, gpuIndex: [0, 1],
    });
    await post(sim.url, '/__sim/chain', { block: 2_000_000 });
    const after = await result('rentMachine_getRentOrder', [WHOLE]);
    assert.equal(after.renter, '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM');
    assert.equal(after.rentEnd, 0);
    assert.equal((await rpc('rentMachine_getRentOrder', [PER_GPU])).error.code, -32602);
  });

  it('rentMachine_isMachineRenter: true for a wallet with an order the chain holds on that machine', async () => {
    assert.equal(await result('rentMachine_isMachineRenter', [PER_GPU, alice.address]), true);
    assert.equal(await result('rentMachine_isMachineRenter', [PER_GPU, randomPair().address]), false);
    assert.equal(await result('rentMachine_isMachineRenter', [WHOLE, alice.address]), true);
    await post(sim.url, '/__sim/chain', { block: 1_000_600 });
    assert.equal(await result('rentMachine_isMachineRenter', [PER_GPU, alice.address]), false);
    assert.equal(await result('rentMachine_isMachineRenter', [PER_GPU, bob.address]), true);
  });

  it('answers JSON-RPC errors: parse error, invalid request, unknown method, wrong parameter types', async () => {
    const parse = await post(sim.url, '/', '{"jsonrpc":"2.0","id":1,"method":"chain_getBlock","params":[007]}');
    assert.deepEqual(parse.json, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    assert.deepEqual((await post(sim.url, '/', { id: 3, method: 'chain_getBlock' })).json.error, { code: -32600, message: 'Invalid request' });
    assert.deepEqual((await rpc('onlineProfile_getMachineInfo', [PER_GPU])).error, { code: -32601, message: 'Method not found' });
    assert.equal((await rpc('rentMachine_getMachineRentId', [7])).error.code, -32602);
    assert.equal((await rpc('rentMachine_getRentOrder', [true])).error.code, -32602);
  });

  it('counts chain calls by method, apart from API requests', async () => {
    await post(sim.url, '/__sim/reset-counters', {});
    await rpc('chain_getBlock');
    await rpc('chain_getBlock');
    await rpc('rentMachine_getRentOrder', '[120]');
    const counters = (await post(sim.url, '/__sim/counters', {})).json;
    assert.deepEqual(counters.chain, { chain_getBlock: 2, rentMachine_getRentOrder: 1 });
    assert.equal(counters.total, 0);
  });

  it('prune: past the order\'s end the VM is shut off with the node\'s log line, every cycle; 3 days of blocks later it is deleted', async () => {
    const aliceOn120 = caller(sim, alice, PER_GPU, '120');
    await post(sim.url, '/__sim/chain', { block: 1_000_600 });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json, { block: 1_000_600, shutOff: [], deleted: [] }, 'at the end block itself nothing happens');
    await post(sim.url, '/__sim/chain', { block: 1_000_601 });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json, { block: 1_000_601, shutOff: ['AliceVmOnOrder120'], deleted: [] });
    assert.equal(await taskStatus(aliceOn120, 'AliceVmOnOrder120'), 'closed');
    assert.equal(await taskStatus(caller(sim, bob, PER_GPU, '98'), 'BobVmOnOrder98'), 'running', 'another order runs on');
    const logs = (await aliceOn120.call('/tasks/logs/AliceVmOnOrder120', {})).json.message.log_content as string[];
    assert.match(logs.at(-2)!, /\| info {4}\| TaskManager\.cpp \| \d+ \| close_task \| close task successful$/);
    assert.match(logs.at(-1)!, /\| info {4}\| TaskManager\.cpp \| \d+ \| prune_task_thread_func \| stop task and machine status:3, order id:120, cur block:1000601, task rent end:1000600$/);

    // The node's cache keeps the order as renting (the chain dropped it): the renter can still start the VM, e.g. to snapshot it…
    assert.equal((await aliceOn120.call('/tasks/start/AliceVmOnOrder120')).json.errcode, 0);
    sim.admin.advance(60_000);
    assert.equal(await taskStatus(aliceOn120, 'AliceVmOnOrder120'), 'running');
    // …and the thread shuts it off again at its next cycle.
    sim.admin.advance(PRUNE_INTERVAL_MS);
    assert.equal(await taskStatus(aliceOn120, 'AliceVmOnOrder120'), 'closed');

    await post(sim.url, '/__sim/chain', { block: 1_000_600 + 3 * DAY });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json.deleted, []);
    await post(sim.url, '/__sim/chain', { block: 1_000_601 + 3 * DAY });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json.deleted, ['AliceVmOnOrder120']);
    assert.equal(await taskStatus(aliceOn120, 'AliceVmOnOrder120'), 'errcode -3: task_id not exist');
    assert.equal(await taskStatus(caller(sim, bob, PER_GPU, '98'), 'BobVmOnOrder98'), 'running');
  });

  it('prune of a whole-machine rental: shut off and public IP recycled once the chain has no renter, deleted after 10 days of blocks', async () => {
    const owner = caller(sim, alice, WHOLE);
    sim.admin.advance(PRUNE_INTERVAL_MS);
    assert.equal(await taskStatus(owner, 'AliceWholeMachineVm'), 'running', 'the thread ran, the rental lasts');
    await post(sim.url, '/__sim/chain', { block: 2_000_000 });
    sim.admin.advance(PRUNE_INTERVAL_MS);
    const info = (await owner.call('/tasks/AliceWholeMachineVm')).json.message;
    assert.equal(info.status, 'closed');
    const logs = (await owner.call('/tasks/logs/AliceWholeMachineVm', {})).json.message.log_content as string[];
    assert.ok(logs.some((l) => l.endsWith(`stop task and machine status: 3, cur_renter:5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM, cur_rent_end:0, cur_wallet:${alice.address}`)), logs.join('\n'));
    assert.ok(logs.some((l) => l.endsWith('Recycle the public IP address: 203.0.113.7')));
    await post(sim.url, '/__sim/chain', { block: 2_000_000 + 10 * DAY });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json.deleted, []);
    await post(sim.url, '/__sim/chain', { block: 2_000_001 + 10 * DAY });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json.deleted, ['AliceWholeMachineVm']);
  });

  it('a renewal (a later rent_end) keeps the VM', async () => {
    await post(sim.url, `/__sim/nodes/${PER_GPU}/rent_orders`, { id: '120', rent_end: 1_200_000 });
    await post(sim.url, '/__sim/chain', { block: 1_000_700 });
    assert.deepEqual((await post(sim.url, '/__sim/prune', {})).json.shutOff, []);
    assert.equal((await result('rentMachine_getRentOrder', '[120]')).rentEnd, 1_200_000);
  });
});

describe('sim: the demo world\'s rental that ends within the hour', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSim({ speed: 0 });
  });
  afterEach(() => sim.close());

  it('node C derives from its seed; the renter\'s order 1042 ends 600 blocks after the start and its VM stops then', async () => {
    assert.equal(u8aToHex(pairFromSeed(DEMO_NODE_C_SEED).publicKey).slice(2), DEMO_NODE_C_ID);
    assert.equal(sim.admin.block(), DEMO_CHAIN_BLOCK);
    const order = sim.state.nodes.get(DEMO_NODE_C_ID)!.rentOrders.find((o) => o.id === DEMO_LEASE_ORDER)!;
    assert.deepEqual([order.renter, order.rentEnd, order.gpuIndexes], [DEMO_RENTER_ADDRESS, DEMO_LEASE_END, [2, 3]]);
    assert.equal(DEMO_LEASE_END - DEMO_CHAIN_BLOCK, 600);
    sim.admin.advance(3_600_000 + PRUNE_INTERVAL_MS);
    assert.equal(sim.state.nodes.get(DEMO_NODE_C_ID)!.tasks.get(DEMO_LEASE_TASK_ID)!.status, 'closed');
  });
});
