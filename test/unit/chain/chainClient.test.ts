import assert from 'node:assert/strict';
import { ChainClient } from '../../../src/chain/client';
import { normalizeChainUrl, DEFAULT_CHAIN_RPC } from '../../../src/chain/endpoint';
import { ChainHttpError, ChainReplyError, ChainRpcError, ChainTransportError, isChainCancellation } from '../../../src/chain/errors';
import type { ChainExchange } from '../../../src/chain/rpc';
import { RequestError } from '../../../src/api/requestError';
import { blockResult, scriptedChain, type ScriptedChain, type Step } from './scriptedChain';

const NODE = '9ca18c30b3c3fa7ca9d0a1d1e4b7c3a3c5d4a9e2d1a3e0f6b6c7a8e9d0be5369';
const WALLET = '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN';

describe('chain client (JSON-RPC over HTTP to a scripted endpoint on 127.0.0.1)', () => {
  let chain: ScriptedChain | undefined;
  afterEach(async () => {
    await chain?.close();
    chain = undefined;
  });
  const client = async (steps: Step[], o: { timeoutMs?: number; readRetries?: number; exchanges?: ChainExchange[] } = {}) => {
    chain = await scriptedChain(steps);
    return new ChainClient({ url: chain.url, timeoutMs: o.timeoutMs ?? 2000, readRetries: o.readRetries, onExchange: (e) => o.exchanges?.push(e) });
  };

  it('sends the node\'s requests, byte for byte where it matters', async () => {
    const c = await client([
      { reply: () => blockResult(4_000_123) },
      { reply: () => ({ rentOrder: [12, 7], usedGpu: [0, 1, 2] }) },
      { reply: () => ({ renter: WALLET, rentEnd: 4_100_000, rentStatus: 'renting', gpuNum: 2, gpuIndex: [0, 1], machineId: NODE }) },
      { reply: () => ({ renter: WALLET, rentEnd: 4_100_000, rentStatus: 'renting' }) },
      { reply: () => true },
    ]);
    assert.equal(await c.currentBlock(), 4_000_123);
    assert.deepEqual(await c.machineRentOrderIds(NODE), ['12', '7']);
    assert.deepEqual(await c.rentOrder('0012'), { renter: WALLET, rentEnd: 4_100_000, rentStatus: 'renting', gpuNum: 2, gpuIndex: [0, 1] });
    assert.deepEqual(await c.machineRentOrder(NODE), { renter: WALLET, rentEnd: 4_100_000, rentStatus: 'renting' });
    assert.equal(await c.isMachineRenter(NODE, WALLET), true);
    const sent = chain!.requests;
    assert.deepEqual(sent.map((r) => r.method), ['chain_getBlock', 'rentMachine_getMachineRentId', 'rentMachine_getRentOrder', 'rentMachine_getRentOrder', 'rentMachine_isMachineRenter']);
    assert.match(sent[0]!.text, /^\{"jsonrpc":"2\.0","id":\d+,"method":"chain_getBlock","params":\[\]\}$/);
    assert.match(sent[2]!.text, /"params":\[12\]\}$/, 'the order id goes unquoted, without leading zeros');
    assert.deepEqual(sent[3]!.params, [NODE]);
    assert.deepEqual(sent[4]!.params, [NODE, WALLET]);
    assert.equal(new Set(sent.map((r) => r.id)).size, 5, 'each request has its own id');
  });

  it('reads an ended order as absent: NotFound (current chain), null, or the default account with rentEnd 0 (older chains)', async () => {
    const c = await client([
      { raw: '{"jsonrpc":"2.0","error":{"code":-32603,"message":"Something wrong","data":"NotFound"},"id":1}' },
      { reply: () => null },
      { reply: () => ({ renter: '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', rentEnd: 0, rentStatus: 'rentExpired', gpuNum: 0, gpuIndex: [] }) },
    ]);
    assert.equal(await c.rentOrder('5'), undefined);
    assert.equal(await c.rentOrder('5'), undefined);
    assert.equal(await c.rentOrder('5'), undefined);
  });

  it('refuses bad input before sending anything', async () => {
    const c = await client([]);
    await assert.rejects(c.rentOrder('12; drop'), RequestError);
    await assert.rejects(c.rentOrder('18446744073709551616'), RequestError);
    await assert.rejects(c.machineRentOrderIds('xyz'), RequestError);
    await assert.rejects(c.isMachineRenter(NODE, 'not"a wallet'), RequestError);
    assert.equal(chain!.requests.length, 0);
  });

  it('gives the chain\'s JSON-RPC error as ChainRpcError, without asking again', async () => {
    const c = await client([{ raw: '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params: invalid type: string, expected u64."},"id":1}' }]);
    const err = await c.machineRentOrder(NODE).catch((e: unknown) => e);
    assert.ok(err instanceof ChainRpcError);
    assert.equal(err.code, -32602);
    assert.match(err.message, /rentMachine_getRentOrder: the chain answered error -32602: Invalid params/);
    assert.equal(chain!.requests.length, 1);
  });

  const malformed: Array<[string, Step, RegExp]> = [
    ['not JSON', { raw: '<html>502 Bad Gateway</html>' }, /not JSON/],
    ['not JSON-RPC', { raw: '{"result":{}}' }, /not a JSON-RPC 2\.0 reply/],
    ['another request\'s id', { raw: '{"jsonrpc":"2.0","id":999,"result":{}}' }, /for request 999/],
    ['no block number', { reply: () => ({ block: { header: { number: 4000 } } }) }, /no hex block number/],
    ['a block number that is not hex', { reply: () => ({ block: { header: { number: '0xZZ' } } }) }, /no hex block number/],
    ['neither result nor error', { raw: '{"jsonrpc":"2.0","id":1}' }, /neither result nor error/],
  ];
  for (const [what, step, message] of malformed) {
    it(`refuses a malformed chain_getBlock reply: ${what}`, async () => {
      const c = await client([step]);
      const err = await c.currentBlock().catch((e: unknown) => e);
      assert.ok(err instanceof ChainReplyError, String(err));
      assert.match(err.message, message);
    });
  }

  it('refuses rent orders of the wrong shape and ids beyond 2^53', async () => {
    const c = await client([
      { reply: () => ({ renter: WALLET, rentEnd: '4100000', rentStatus: 'renting', gpuNum: 1, gpuIndex: [0] }) },
      { reply: () => ({ renter: WALLET, rentEnd: 4100000, rentStatus: 'renting', gpuNum: 1, gpuIndex: ['0'] }) },
      { raw: '{"jsonrpc":"2.0","id":3,"result":{"rentOrder":[18446744073709551615],"usedGpu":[]}}' },
      { reply: () => 'yes' },
    ]);
    await assert.rejects(c.rentOrder('1'), /rentEnd is not a block number/);
    await assert.rejects(c.rentOrder('1'), /gpuIndex is not a list/);
    await assert.rejects(c.machineRentOrderIds(NODE), /not a whole number below 2\^53/);
    await assert.rejects(c.isMachineRenter(NODE, WALLET), /not true or false/);
  });

  it('a slow chain: times out, asks once more (a read), then reports the timeout', async () => {
    const exchanges: ChainExchange[] = [];
    const c = await client([{ hang: true }, { hang: true }], { timeoutMs: 300, exchanges });
    const started = Date.now();
    const err = await c.currentBlock().catch((e: unknown) => e);
    assert.ok(err instanceof ChainTransportError);
    assert.equal(err.transport, 'timeout');
    assert.match(err.message, /no answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/);
    assert.equal(chain!.requests.length, 2);
    assert.deepEqual(exchanges.map((e) => e.attempt), [1, 2]);
    assert.ok(Date.now() - started >= 600);
  });

  it('asks once more after a reset or a gateway error, and uses the second answer', async () => {
    const c = await client([{ reset: true }, { reply: () => blockResult(10) }, { raw: 'bad gateway', status: 502 }, { reply: () => blockResult(11) }]);
    assert.equal(await c.currentBlock(), 10);
    assert.equal(await c.currentBlock(), 11);
    assert.equal(chain!.requests.length, 4);
  });

  it('does not ask again after an answer that will not change (HTTP 404, malformed)', async () => {
    const c = await client([{ raw: 'not found', status: 404 }, { raw: 'nope' }]);
    const err = await c.currentBlock().catch((e: unknown) => e);
    assert.ok(err instanceof ChainHttpError);
    assert.equal(err.status, 404);
    await assert.rejects(c.currentBlock(), ChainReplyError);
    assert.equal(chain!.requests.length, 2);
  });

  it('a refused connection is a transport error naming the endpoint', async () => {
    const closed = await scriptedChain([]);
    await closed.close();
    const err = await new ChainClient({ url: closed.url, timeoutMs: 1000 }).currentBlock().catch((e: unknown) => e);
    assert.ok(err instanceof ChainTransportError);
    assert.equal(err.transport, 'refused');
    assert.ok(err.message.includes(closed.url));
  });

  it('stops at once when cancelled, quietly', async () => {
    const c = await client([{ hang: true }], { timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await c.currentBlock({ signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(isChainCancellation(err));
    assert.equal(chain!.requests.length, 1);
  });

  it('refuses a reply larger than the cap', async () => {
    chain = await scriptedChain([{ raw: JSON.stringify({ jsonrpc: '2.0', id: 1, result: { pad: 'x'.repeat(5000) } }) }]);
    const c = new ChainClient({ url: chain.url, maxReplyBytes: 1000 });
    await assert.rejects(c.currentBlock(), /larger than 1000 bytes/);
  });
});

describe('chain endpoint URL', () => {
  it('defaults to the node\'s own chain endpoint, over https', () => {
    assert.equal(DEFAULT_CHAIN_RPC, 'https://httpinfo.dbcwallet.io');
    assert.equal(normalizeChainUrl(DEFAULT_CHAIN_RPC), 'https://httpinfo.dbcwallet.io/');
    assert.equal(normalizeChainUrl(' https://httpinfo2.dbcwallet.io:7788 '), 'https://httpinfo2.dbcwallet.io:7788/');
  });
  it('takes plain http only on this machine', () => {
    assert.equal(normalizeChainUrl('http://127.0.0.1:5002'), 'http://127.0.0.1:5002/');
    assert.equal(normalizeChainUrl('http://localhost:9933/'), 'http://localhost:9933/');
    assert.throws(() => normalizeChainUrl('http://10.0.0.5:9933'), /Refusing plain http to 10\.0\.0\.5:9933/);
    assert.throws(() => normalizeChainUrl('ws://127.0.0.1:9944'), /only https/);
    assert.throws(() => normalizeChainUrl('httpinfo.dbcwallet.io'), /Invalid chain RPC URL/);
  });
});
