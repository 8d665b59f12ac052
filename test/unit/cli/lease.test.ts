// `dbc node lease` in-process: which chain it asks (--chain, DBC_CHAIN_RPC, the node's default, never
// for real here: the test's fetch answers), what it prints with and without the chain.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { FetchLike } from '../../../src/api/transport';
import { TEST_SEED } from '../auth/vectors';
import { cli, NODE } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };

/** A chain that answers from `orders` at block `block`; records the URLs asked. */
function chainFetch(block: number, orders: Record<string, unknown>, urls: string[]): FetchLike {
  return async (url, init) => {
    urls.push(url);
    const { id, method, params } = JSON.parse(init.body!) as { id: number; method: string; params: unknown[] };
    const result = method === 'chain_getBlock' ? { block: { header: { number: `0x${block.toString(16)}` } } }
      : method === 'rentMachine_getMachineRentId' ? { rentOrder: Object.keys(orders).map(Number), usedGpu: [] }
        : method === 'rentMachine_getRentOrder' ? orders[String(params[0])] ?? null
          : false;
    return { status: 200, text: async () => JSON.stringify({ jsonrpc: '2.0', id, result }) };
  };
}

describe('cli: dbc node lease', () => {
  let me: string;
  before(async () => {
    await cryptoWaitReady();
    me = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`0x${TEST_SEED}`).address;
  });
  const record = (id: string, end: number, renter = me) => ({ id, renter, rent_end: String(end), rent_status: 'renting', gpu_nums: '2', gpu_index: [4, 5] });

  it('asks the node\'s default chain endpoint unless --chain or DBC_CHAIN_RPC says otherwise', async () => {
    for (const [args, extra, expected] of [
      [[], {}, 'https://httpinfo.dbcwallet.io/'],
      [[], { DBC_CHAIN_RPC: 'https://chain.example:9933' }, 'https://chain.example:9933/'],
      [['--chain', 'http://127.0.0.1:7000'], { DBC_CHAIN_RPC: 'https://chain.example:9933' }, 'http://127.0.0.1:7000/'],
    ] as const) {
      const urls: string[] = [];
      const r = await cli([...args, 'node', 'lease'], { env: { ...env, ...extra }, rentOrders: [], fetch: chainFetch(100, {}, urls) });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(urls[0], expected);
    }
  });

  it('refuses a chain URL it must not use, before sending anything', async () => {
    const urls: string[] = [];
    const r = await cli(['--chain', 'http://10.1.2.3:9933', 'node', 'lease'], { env, rentOrders: [], fetch: chainFetch(100, {}, urls) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--chain: Refusing plain http to 10\.1\.2\.3:9933: use https:\/\//);
    assert.deepEqual(urls, []);
  });

  it('prints each rental of the wallet with its time left, soonest first', async () => {
    const r = await cli(['node', 'lease'], {
      env, rentOrders: [record('12', 5_000_000), record('8', 4_000_600), record('3', 4_000_000, '5G1gFcJ8G1KUhCUaoMdZ5g8A8jsFYfbETEGUsWhARpzY6BDS')],
      fetch: chainFetch(4_000_000, { 12: { renter: me, rentEnd: 5_000_000, rentStatus: 'renting', gpuNum: 2, gpuIndex: [4, 5] } }, []),
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^RENT_ORDER\s+STATUS\s+GPUS\s+ENDS_AT_BLOCK\s+TIME_LEFT\s+ENDS_AT\s+DELETED_AFTER$/);
    assert.match(lines[1]!, /^8\s+renting\s+4,5\s+4000600\s+1 h\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(lines[2]!, /^12\s+renting\s+4,5\s+5000000\s+69 d 10 h\s/);
    assert.equal(lines.length, 3);
  });

  it('--json: the issue\'s fields; after the end a negative seconds_left and deleted_after 3 days later', async () => {
    const r = await cli(['node', 'lease', '--json'], { env, rentOrders: [record('8', 4_000_000)], fetch: chainFetch(4_000_600, {}, []) });
    assert.equal(r.code, 0, r.stderr);
    const [row] = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(row), ['rent_order', 'status', 'rent_status', 'gpu_index', 'rent_end_block', 'current_block', 'seconds_left', 'ends_at', 'deleted_after']);
    assert.equal(row.status, 'ended');
    assert.equal(row.rent_status, 'renting', 'what the node\'s cache still says');
    assert.equal(row.seconds_left, -3600);
    assert.equal(row.current_block, 4_000_600);
    assert.equal(Date.parse(row.deleted_after) - Date.parse(row.ends_at), 3 * 86_400_000);
  });

  it('without a reachable chain: the node\'s rent orders, the time unknown, exit 0', async () => {
    const down: FetchLike = async (url, init) => {
      if (new URL(url).pathname === '/') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return chainFetch(0, {}, [])(url, init);
    };
    const r = await cli(['node', 'lease', '--json'], { env, rentOrders: [record('8', 4_000_600)], fetch: down });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [{
      rent_order: '8', status: 'renting', rent_status: 'renting', gpu_index: [4, 5], rent_end_block: 4_000_600,
      current_block: null, seconds_left: null, ends_at: null,
    }]);
    assert.match(r.stderr, /time left unknown: the chain at https:\/\/httpinfo\.dbcwallet\.io\/ did not answer \(chain_getBlock: connection refused/);
    const text = await cli(['node', 'lease'], { env, rentOrders: [record('8', 4_000_600)], fetch: down });
    assert.match(text.stdout, /^8\s+renting\s+4,5\s+4000600\s+unknown$/m);
  });

  it('--wallet reads another wallet\'s rentals without a credential', async () => {
    const other = '5G1gFcJ8G1KUhCUaoMdZ5g8A8jsFYfbETEGUsWhARpzY6BDS';
    const r = await cli(['node', 'lease', '--wallet', other, '--json'], {
      env: { DBC_NODE: NODE }, rentOrders: [record('3', 4_000_000, other), record('8', 4_000_000)], fetch: chainFetch(3_000_000, {}, []),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((x: { rent_order: string }) => x.rent_order), ['3']);
    const bad = await cli(['node', 'lease', '--wallet', 'not a wallet'], { env: { DBC_NODE: NODE } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--wallet must be an SS58 wallet address/);
  });
});
