import assert from 'node:assert/strict';
import { BLOCK_MS, BLOCKS_PER_DAY, parseBlockNumber } from '../../../src/chain/blocks';
import { ChainClient } from '../../../src/chain/client';
import { leasesOf, leaseTime, withChainOrder, type RentRecord } from '../../../src/chain/lease';
import { readNodeLeases } from '../../../src/chain/leaseReader';
import { blockResult, scriptedChain, type ScriptedChain } from './scriptedChain';

const ME = '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN';
const OTHER = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const NODE = '9ca18c30b3c3fa7ca9d0a1d1e4b7c3a3c5d4a9e2d1a3e0f6b6c7a8e9d0be5369';
const rec = (id: string, renter: string, end: number, status = 'renting', gpus = [0]): RentRecord => ({ id, renter, rent_end: String(end), rent_status: status, gpu_index: gpus });

describe('chain/lease: a renter\'s leases and their time', () => {
  it('parses chain_getBlock numbers strictly', () => {
    assert.equal(parseBlockNumber('0x3d0900'), 4_000_000);
    for (const bad of ['3d0900', '0x', '0xg1', 4000000, null, '0x12345678901234']) assert.equal(parseBlockNumber(bad), undefined, String(bad));
  });

  it('keeps the wallet\'s per-GPU orders and its whole-machine record, soonest end first', () => {
    const leases = leasesOf([
      rec('120', ME, 5000, 'renting', [4, 5]), rec('7', OTHER, 100), rec(ME, ME, 3000, 'renting', [0, 1, 2, 3]),
      rec(OTHER, OTHER, 200), rec('99', ME, 4000, 'rentExpired'), rec('abc', ME, 1),
    ], ME);
    assert.deepEqual(leases.map((l) => [l.rentOrder, l.rentEndBlock, l.deleteAfterBlocks / BLOCKS_PER_DAY]), [
      [undefined, 3000, 10], ['99', 4000, 3], ['120', 5000, 3],
    ]);
  });

  it('measures time left from one block reading, and the node\'s deletion point 3 days of blocks after the end', () => {
    const [lease] = leasesOf([rec('5', ME, 10_000)], ME);
    const seenAtMs = Date.UTC(2026, 0, 1);
    const reading = { block: 10_000 - 600, seenAtMs }; // one hour before the end
    const t0 = leaseTime(lease!, reading, seenAtMs);
    assert.deepEqual(t0, { phase: 'renting', currentBlock: 9_400, secondsLeft: 3600, endsAtMs: seenAtMs + 3_600_000, deleteAtMs: seenAtMs + 3_600_000 + 3 * 86_400_000 });
    const later = leaseTime(lease!, reading, seenAtMs + 30 * 60_000);
    assert.equal(later.currentBlock, 9_700, 'extrapolated at 6 s a block');
    assert.equal(later.secondsLeft, 1800);
    const after = leaseTime(lease!, reading, seenAtMs + 2 * 3_600_000);
    assert.equal(after.phase, 'ended');
    assert.equal(after.secondsLeft, -3600);
    assert.equal(leaseTime(lease!, reading, t0.deleteAtMs!).phase, 'deleted');
    assert.deepEqual(leaseTime(lease!, undefined, seenAtMs), { phase: 'unknown' });
    assert.equal(leaseTime(lease!, { block: 10_000, seenAtMs }, seenAtMs + BLOCK_MS - 1).phase, 'ended', 'at the end block the rental is over');
  });

  it('takes a renewed end from the chain, never another renter\'s order or an ended one', () => {
    const [lease] = leasesOf([rec('5', ME, 10_000)], ME);
    assert.equal(withChainOrder(lease!, { renter: ME, rentEnd: 20_000, rentStatus: 'renting', gpuIndex: [0, 1] }).rentEndBlock, 20_000);
    assert.equal(withChainOrder(lease!, { renter: OTHER, rentEnd: 20_000, rentStatus: 'renting' }).rentEndBlock, 10_000);
    assert.equal(withChainOrder(lease!, undefined).rentEndBlock, 10_000);
  });
});

describe('chain/leaseReader against a scripted chain on 127.0.0.1', () => {
  let chain: ScriptedChain | undefined;
  afterEach(async () => {
    await chain?.close();
    chain = undefined;
  });
  const records = [rec('5', ME, 10_000), rec('6', OTHER, 9_000), rec('8', ME, 12_000, 'renting', [3])];

  it('without a chain: the node\'s records, time unknown', async () => {
    const r = await readNodeLeases({ rentRecords: async () => records }, NODE, ME);
    assert.deepEqual(r.leases.map((l) => l.rentOrder), ['5', '8']);
    assert.equal(r.reading, undefined);
  });

  it('with a chain that does not answer: the node\'s records and the reason', async () => {
    chain = await scriptedChain([{ raw: 'oops' }]);
    const r = await readNodeLeases({ rentRecords: async () => records, chain: new ChainClient({ url: chain.url }) }, NODE, ME);
    assert.deepEqual(r.leases.map((l) => l.rentEndBlock), [10_000, 12_000]);
    assert.match(String(r.chainError), /not JSON/);
  });

  it('with the chain: the block, renewed ends, ended orders kept from the node, new orders of the wallet added', async () => {
    const orders: Record<string, unknown> = {
      5: null, // ended: the chain forgot it
      8: { renter: ME, rentEnd: 15_000, rentStatus: 'renting', gpuNum: 1, gpuIndex: [3] }, // renewed
      9: { renter: ME, rentEnd: 11_000, rentStatus: 'waitingVerifying', gpuNum: 1, gpuIndex: [6] }, // not cached yet
      6: { renter: OTHER, rentEnd: 9_000, rentStatus: 'renting', gpuNum: 1, gpuIndex: [1] },
    };
    chain = await scriptedChain([], {
      reply: ({ method, params }) => {
        if (method === 'chain_getBlock') return blockResult(10_500);
        if (method === 'rentMachine_getMachineRentId') return { rentOrder: [6, 8, 9], usedGpu: [1, 3, 6] };
        if (method === 'rentMachine_getRentOrder') return orders[String((params as number[])[0])];
        throw new Error(`unexpected ${method}`);
      },
    });
    const r = await readNodeLeases({ rentRecords: async () => records, chain: new ChainClient({ url: chain.url }), now: () => 1_000 }, NODE, ME);
    assert.deepEqual(r.reading, { block: 10_500, seenAtMs: 1_000 });
    assert.deepEqual(r.leases.map((l) => [l.rentOrder, l.rentEndBlock, l.rentStatus]), [
      ['5', 10_000, 'renting'], ['9', 11_000, 'waitingVerifying'], ['8', 15_000, 'renting'],
    ]);
    assert.deepEqual(r.warnings, []);
    assert.ok(!chain.requests.some((q) => q.method === 'rentMachine_isMachineRenter'), 'the wallet has orders: no need to ask');
  });

  it('a wallet with nothing cached asks whether it rents the machine, then the whole-machine form', async () => {
    chain = await scriptedChain([
      { reply: () => blockResult(100) },
      { reply: () => ({ rentOrder: [], usedGpu: [] }) },
      { reply: () => true },
      { reply: () => ({ renter: ME, rentEnd: 900, rentStatus: 'renting' }) },
    ]);
    const r = await readNodeLeases({ rentRecords: async () => [], chain: new ChainClient({ url: chain.url }) }, NODE, ME);
    assert.deepEqual(r.leases.map((l) => [l.rentOrder, l.rentEndBlock, l.deleteAfterBlocks]), [[undefined, 900, 10 * BLOCKS_PER_DAY]]);
    assert.deepEqual(chain.requests.map((q) => q.method), ['chain_getBlock', 'rentMachine_getMachineRentId', 'rentMachine_isMachineRenter', 'rentMachine_getRentOrder']);
  });

  it('a chain that refuses the whole-machine form keeps the node\'s end, quietly', async () => {
    chain = await scriptedChain([
      { reply: () => blockResult(100) },
      { reply: () => ({ rentOrder: [], usedGpu: [] }) },
      { raw: '{"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"Invalid params"}}' },
    ]);
    const r = await readNodeLeases({ rentRecords: async () => [rec(ME, ME, 700, 'renting', [0, 1])], chain: new ChainClient({ url: chain.url }) }, NODE, ME);
    assert.deepEqual(r.leases.map((l) => [l.rentOrder, l.rentEndBlock]), [[undefined, 700]]);
    assert.deepEqual(r.warnings, []);
  });
});
