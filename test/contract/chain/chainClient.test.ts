// The editor-free chain client against the simulator's chain (JSON-RPC at POST / over HTTP on
// 127.0.0.1), and a renter's leases read from the client node's rent cache plus that chain.
import * as assert from 'node:assert/strict';
import { DbcClient } from '../../../src/api/client';
import { ChainClient } from '../../../src/chain/client';
import { leaseTime } from '../../../src/chain/lease';
import { readNodeLeases } from '../../../src/chain/leaseReader';
import {
  DEMO_CHAIN_BLOCK, DEMO_LEASE_END, DEMO_LEASE_ORDER, DEMO_NODE_A_ID, DEMO_NODE_C_ID, DEMO_OTHER_ADDRESS, DEMO_RENTER_ADDRESS,
  startSimulator, type RunningSimulator,
} from '../../../src/sim';
import { PRUNE_INTERVAL_MS } from '../../../src/sim/chain/prune';

describe('chain client against dbc-sim', () => {
  let sim: RunningSimulator;
  let chain: ChainClient;
  let api: DbcClient;
  beforeEach(async () => {
    sim = await startSimulator({ port: 0, speed: 0, ssh: false, gpuLatencyMs: 0 });
    chain = new ChainClient({ url: `${sim.url}/` });
    api = new DbcClient({ baseUrl: sim.url });
  });
  afterEach(() => sim.close());

  const sources = () => ({ rentRecords: (id: string) => api.rentOrders(id), chain, now: () => sim.clock.now() });

  it('reads the block, the machine\'s orders, an order, and whether a wallet rents the machine', async () => {
    assert.equal(await chain.currentBlock(), DEMO_CHAIN_BLOCK);
    sim.admin.advance(600_000);
    assert.equal(await chain.currentBlock(), DEMO_CHAIN_BLOCK + 100);
    assert.deepEqual(await chain.machineRentOrderIds(DEMO_NODE_C_ID), ['1037', '1042']);
    assert.deepEqual(await chain.rentOrder(DEMO_LEASE_ORDER), { renter: DEMO_RENTER_ADDRESS, rentEnd: DEMO_LEASE_END, rentStatus: 'renting', gpuNum: 2, gpuIndex: [2, 3] });
    assert.equal(await chain.isMachineRenter(DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS), true);
    assert.equal((await chain.machineRentOrder(DEMO_NODE_A_ID))?.renter, DEMO_RENTER_ADDRESS, 'node A is rented as a whole');
    sim.admin.setBlock(DEMO_LEASE_END);
    assert.equal(await chain.rentOrder(DEMO_LEASE_ORDER), undefined, 'the chain drops the order at its end');
    assert.equal(await chain.isMachineRenter(DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS), false);
  });

  it('a renter\'s lease on node C: time left before the end, then ended with the deletion 3 days of blocks later', async () => {
    const before = await readNodeLeases(sources(), DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS);
    assert.deepEqual(before.leases.map((l) => [l.rentOrder, l.rentEndBlock, l.gpuIndex]), [[DEMO_LEASE_ORDER, DEMO_LEASE_END, [2, 3]]]);
    const t = leaseTime(before.leases[0]!, before.reading, sim.clock.now());
    assert.equal(t.phase, 'renting');
    assert.equal(t.secondsLeft, 3600);

    sim.admin.setBlock(DEMO_LEASE_END + 10);
    sim.admin.advance(PRUNE_INTERVAL_MS);
    const after = await readNodeLeases(sources(), DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS);
    assert.equal(after.leases[0]!.rentEndBlock, DEMO_LEASE_END, 'the node\'s cache keeps the end the chain forgot');
    const ended = leaseTime(after.leases[0]!, after.reading, sim.clock.now());
    assert.equal(ended.phase, 'ended');
    assert.equal(ended.secondsLeft, -(10 * 6 + PRUNE_INTERVAL_MS / 1000));
    assert.equal(ended.deleteAtMs! - ended.endsAtMs!, 3 * 24 * 3_600_000);
    assert.deepEqual(after.warnings, []);
  });

  it('another renter sees only their own order; a renewal on the chain shows at once', async () => {
    const other = await readNodeLeases(sources(), DEMO_NODE_C_ID, DEMO_OTHER_ADDRESS);
    assert.deepEqual(other.leases.map((l) => l.rentOrder), ['1037']);
    sim.admin.putRentOrder(DEMO_NODE_C_ID, { id: DEMO_LEASE_ORDER, rent_end: DEMO_LEASE_END + 600 * 24 });
    const mine = await readNodeLeases(sources(), DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS);
    assert.equal(mine.leases[0]!.rentEndBlock, DEMO_LEASE_END + 600 * 24);
  });

  it('without the chain: the node\'s records, the time unknown and why', async () => {
    const dead = new ChainClient({ url: 'http://127.0.0.1:9/', timeoutMs: 1000, readRetries: 0 });
    const r = await readNodeLeases({ rentRecords: (id) => api.rentOrders(id), chain: dead }, DEMO_NODE_A_ID, DEMO_RENTER_ADDRESS);
    assert.deepEqual(r.leases.map((l) => [l.rentOrder, l.rentEndBlock]), [[undefined, DEMO_CHAIN_BLOCK + 30 * 600 * 24]]);
    assert.equal(r.reading, undefined);
    assert.match(String(r.chainError), /connection refused by http:\/\/127\.0\.0\.1:9/);
  });
});
