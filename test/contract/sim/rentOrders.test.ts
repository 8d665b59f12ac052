// Rent records as the node keeps them (RentOrderManager.cpp, node_request_service.cpp
// check_authority, TaskManager.cpp parse_create_params): keyed by order id or, for a whole-machine
// rental, by wallet, with no fallback; per-GPU create rules; `rent_order` in task info;
// `POST /api/v1/rent_orders`; scenario `gpu_index` / `rent_end`; old scenario and state files.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator, Scenario } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { randomPair, sessionAuth } from '../../support/simAuth';
import { post } from '../../support/simHttp';
import { caller, createSpec, startSim } from './harness';

const SHARED = 'd0'.repeat(32);
const WHOLE = 'd1'.repeat(32);

describe('sim: rent records (per-GPU rentals)', () => {
  const alice = randomPair();
  const bob = randomPair();
  let sim: RunningSimulator;

  const scenario = (): Scenario => ({
    chain_block: 1_000_000,
    nodes: [
      {
        node_id: SHARED, gpu_count: 8, cpu_cores: 64, mem_gb: 256, images: ['ubuntu.qcow2'],
        rent_orders: [
          { id: '120', renter: alice.address, gpu_index: [4, 5], rent_end: 1_200_000 },
          { id: '98', renter: bob.address, gpu_index: [0, 1, 2], rent_end: 1_100_000 },
          { id: '7', renter: alice.address, gpu_index: [6], rent_status: 'expired', rent_end: 900_000 },
        ],
      },
      { node_id: WHOLE, renter: alice.address, gpu_count: 2, images: ['ubuntu.qcow2'], rent_end: 1_050_000 },
    ],
  });

  beforeEach(async () => {
    sim = await startSim({ speed: 0, scenario: scenario() });
  });
  afterEach(() => sim.close());

  const create = async (order: string, extra: Record<string, unknown>): Promise<string> => {
    const r = await caller(sim, alice, SHARED, order).call('/tasks/start', createSpec(extra));
    assert.equal(r.json.errcode, 0, r.text);
    sim.admin.advance(DURATIONS_MS.create);
    return String(r.json.message.task_id);
  };

  it('rejects every call without the order id on a per-GPU rental: there is no "any order of this wallet"', async () => {
    const id = await create('120', { gpu_count: '2' });
    const bare = caller(sim, alice, SHARED);
    for (const path of ['/tasks', `/tasks/${id}`, `/tasks/stop/${id}`, `/tasks/logs/${id}`, `/snapshot/list/${id}`, '/mining_nodes/session_id']) {
      assert.equal((await bare.call(path)).json.message, 'check authority failed: wallet not rented', path);
    }
    const withOrder = caller(sim, alice, SHARED, '120');
    assert.deepEqual((await withOrder.call('/tasks')).json.message.map((t: { task_id: string }) => t.task_id), [id]);
    assert.equal((await caller(sim, alice, SHARED, '98').call('/tasks')).json.message, 'check authority failed: wallet not rented',
      'someone else\'s order');
    assert.equal((await caller(sim, alice, SHARED, '7').call('/tasks')).json.message, 'check authority failed: wallet not rented',
      'an order that has ended');
  });

  it('answers a session without the order id "machine has already expired"', async () => {
    const withOrder = caller(sim, alice, SHARED, '120');
    const sid = String((await withOrder.call('/mining_nodes/session_id')).json.message.session_id);
    const session = sessionAuth(alice, sid);
    assert.equal((await caller(sim, alice, SHARED).call('/tasks', {}, session)).json.message, 'check authority failed: machine has already expired');
    assert.equal((await withOrder.call('/tasks', {}, session)).json.errcode, 0);
  });

  it('gives a per-GPU VM exactly the leased GPUs, scales CPU and memory, and shows rent_order', async () => {
    const c = caller(sim, alice, SHARED, '120');
    assert.equal((await c.call('/tasks/start', createSpec({ gpu_count: '1' }))).json.message, 'only use the number what you exactly rented');
    assert.equal((await c.call('/tasks/start', createSpec({ gpu_count: '3' }))).json.message, 'gpu_count exceeds number of leases');
    // 2 of 8 GPUs: a quarter of 64 cores and 256 GB.
    assert.equal((await c.call('/tasks/start', createSpec({ gpu_count: '2', cpu_cores: '17' }))).json.message, 'allocate cpu failed');
    assert.equal((await c.call('/tasks/start', createSpec({ gpu_count: '2', cpu_cores: '16', mem_size: '65' }))).json.message, 'allocate mem failed');
    const id = await create('120', { gpu_count: '2', cpu_cores: '16', mem_size: '64' });
    const info = (await c.call(`/tasks/${id}`)).json.message;
    assert.equal(info.rent_order, '120');
    assert.deepEqual(Object.keys(info).slice(Object.keys(info).indexOf('status'), Object.keys(info).indexOf('status') + 2), ['status', 'rent_order']);
    const vm = (sim.admin.state().nodes as any[]).find((n) => n.node_id === SHARED).tasks.find((t: any) => t.task_id === id);
    assert.deepEqual(vm.gpu_indexes, [4, 5]);
  });

  it('keys a whole-machine rental by the wallet: no rent_order needed, a wrong one fails', async () => {
    const c = caller(sim, alice, WHOLE);
    const r = await c.call('/tasks/start', createSpec({ gpu_count: '0' }));
    assert.equal(r.json.errcode, 0, 'a whole-machine renter may create a VM without GPUs');
    assert.equal((await caller(sim, alice, WHOLE, '120').call('/tasks')).json.message, 'check authority failed: wallet not rented');
    sim.admin.advance(DURATIONS_MS.create);
    assert.equal('rent_order' in (await c.call(`/tasks/${String(r.json.message.task_id)}`)).json.message, false);
  });

  it('lists the whole rent cache on POST /api/v1/rent_orders, without any signature, sorted by id text', async () => {
    const r = await post(sim.url, '/api/v1/rent_orders/98', { peer_nodes_list: [SHARED], additional: {} });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      errcode: 0, message: {
        rent_orders: [
          { id: '120', renter: alice.address, rent_end: '1200000', rent_status: 'renting', gpu_nums: '2', gpu_index: [4, 5] },
          { id: '7', renter: alice.address, rent_end: '900000', rent_status: 'rentExpired', gpu_nums: '1', gpu_index: [6] },
          { id: '98', renter: bob.address, rent_end: '1100000', rent_status: 'renting', gpu_nums: '3', gpu_index: [0, 1, 2] },
        ],
      },
    });
    const whole = await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [WHOLE], additional: {} });
    assert.deepEqual(whole.json.message.rent_orders, [
      { id: alice.address, renter: alice.address, rent_end: '1050000', rent_status: 'renting', gpu_nums: '2', gpu_index: [0, 1] },
    ]);
    assert.deepEqual((await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [], additional: {} })).json,
      { errcode: -25, message: 'peer_nodeid is empty' });
    assert.deepEqual((await post(sim.url, '/api/v1/rent_orders/1/2', { peer_nodes_list: [SHARED], additional: {} })).json,
      { errcode: -32600, message: 'invalid requests uri' });
    assert.equal((await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [SHARED] })).json.message, 'parse req params failed: has no additional');
  });

  it('lists at most 51 records', async () => {
    for (let i = 0; i < 60; i++) sim.admin.putRentOrder(SHARED, { id: String(1000 + i), renter: bob.address, gpu_index: [7] });
    sim.admin.prune(); // the node's next cycle fetches the machine's orders from the chain
    const r = await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [SHARED], additional: {} });
    assert.equal(r.json.message.rent_orders.length, 51);
  });

  it('knows a new order only once a request names it or its prune cycle fetched it from the chain', async () => {
    const listed = async (): Promise<string[]> =>
      (await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [SHARED], additional: {} })).json.message.rent_orders.map((o: { id: string }) => o.id);
    sim.admin.putRentOrder(SHARED, { id: '140', renter: bob.address, gpu_index: [7] });
    sim.admin.putRentOrder(SHARED, { id: '141', renter: alice.address, gpu_index: [3] });
    assert.deepEqual(await listed(), ['120', '7', '98'], 'on the chain, not in the node\'s cache');
    const chain = await post(sim.url, '/', { jsonrpc: '2.0', id: 1, method: 'rentMachine_getMachineRentId', params: [SHARED] });
    assert.deepEqual(chain.json.result.rentOrder, [98, 120, 140, 141], 'the chain holds them all (7 has ended)');
    assert.equal((await caller(sim, alice, SHARED, '141').call('/tasks')).json.errcode, 0, 'naming it fetches it');
    assert.deepEqual(await listed(), ['120', '141', '7', '98']);
    assert.deepEqual(sim.admin.prune().shutOff, []);
    assert.deepEqual(await listed(), ['120', '140', '141', '7', '98'], 'the prune cycle fetched the rest');
  });

  it('moves a VM whose order ended to the renting order a start names, and logs it', async () => {
    const id = await create('120', { gpu_count: '2' });
    const c = caller(sim, alice, SHARED, '120');
    await c.call(`/tasks/stop/${id}`);
    sim.admin.advance(DURATIONS_MS.stop);
    sim.admin.putRentOrder(SHARED, { id: '120', rent_status: 'rentExpired' });
    sim.admin.putRentOrder(SHARED, { id: '131', renter: alice.address, gpu_index: [6, 7] });
    const next = caller(sim, alice, SHARED, '131');
    assert.equal((await next.call(`/tasks/start/${id}`)).json.errcode, 0);
    sim.admin.advance(DURATIONS_MS.start);
    const info = (await next.call(`/tasks/${id}`)).json.message;
    assert.deepEqual([info.rent_order, info.status, info.gpu_count], ['131', 'running', 2]);
    const lines: string[] = (await next.call(`/tasks/logs/${id}`)).json.message.log_content;
    assert.ok(lines.some((l) => l.endsWith('rent order update to 131')), lines.join('\n'));
    const vm = (sim.admin.state().nodes as any[]).find((n) => n.node_id === SHARED).tasks.find((t: any) => t.task_id === id);
    assert.deepEqual(vm.gpu_indexes, [6, 7]);
  });
});

describe('sim: rent records from older scenario and state files', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'dbc-sim-rent-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads gpu_count orders and "expired" as before', async () => {
    const alice = randomPair();
    const sim = await startSim({
      speed: 0, scenario: {
        nodes: [{ node_id: SHARED, gpu_count: 4, rent_orders: [{ id: '5', renter: alice.address, gpu_count: 2 }, { id: '6', renter: alice.address, gpu_count: 1, rent_status: 'expired' }] }],
      },
    });
    try {
      const r = await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [SHARED], additional: {} });
      assert.deepEqual(r.json.message.rent_orders.map((o: any) => [o.id, o.gpu_index, o.rent_status]), [['5', [0, 1], 'renting'], ['6', [2], 'rentExpired']]);
      assert.equal((await caller(sim, alice, SHARED, '5').call('/tasks')).json.errcode, 0, 'a node with only per-GPU orders is rented');
    } finally {
      await sim.close();
    }
  });

  it('loads a state file whose whole-machine order has the id ""', async () => {
    const alice = randomPair();
    const stateFile = join(dir, 'old.json');
    const node = {
      nodeId: WHOLE, name: 'old', version: '0.4.1.8', status: 'rented', broadcasting: true, ip: '127.0.0.1', os: 'Ubuntu',
      cpuModel: 'x', gpuModel: 'y', gpuCount: 2, cpuCores: 16, memGb: 64, diskGb: 1000,
      rentOrders: [{ id: '', renter: alice.address, status: 'renting', gpuIndexes: [0, 1] }, { id: '9', renter: alice.address, status: 'expired', gpuIndexes: [1] }],
      verifiers: [], images: [], dataFiles: [], tasks: [], sessions: [], transfers: [],
    };
    writeFileSync(stateFile, JSON.stringify({ format: 'dbc-sim-state', version: 1, savedAt: Date.now(), clientVersion: '0.4.1.8', nodes: [node], imageServers: [], clientFiles: [], clientTransfers: [] }));
    const sim = await startSim({ speed: 0, stateFile, scenario: { nodes: [] } });
    try {
      assert.equal((await caller(sim, alice, WHOLE).call('/tasks')).json.errcode, 0);
      const r = await post(sim.url, '/api/v1/rent_orders', { peer_nodes_list: [WHOLE], additional: {} });
      assert.deepEqual(r.json.message.rent_orders.map((o: any) => [o.id, o.rent_status, o.gpu_nums]), [[alice.address, 'renting', '2'], ['9', 'rentExpired', '1']]);
    } finally {
      await sim.close();
    }
  });
});
