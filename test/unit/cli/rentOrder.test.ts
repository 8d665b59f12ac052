// The CLI's rent order: --rent-order / DBC_RENT_ORDER on every request for the node, else the signing
// wallet's only renting order from `POST /api/v1/rent_orders` (asked once), else none.
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { cli, gpuError, NODE, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
const order = (id: string, renter: string, status = 'renting', gpus = [0, 1]) => ({
  id, renter, rent_end: '4100000', rent_status: status, gpu_nums: String(gpus.length), gpu_index: gpus,
});

describe('cli: rent orders', () => {
  let me: string;
  before(async () => {
    await cryptoWaitReady();
    me = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`0x${TEST_SEED}`).address;
  });

  it('sends the wallet\'s only renting order with every request, asking the node once', async () => {
    const r = await cli(['vm', 'stop', TASK, '--wait'], {
      env, rentOrders: [order('5', 'someone else'), order('7', me, 'rentExpired'), order('12', me), order(me, me, 'renting', [0, 1, 2, 3])],
      replies: [ok('ok'), ok({ task_id: TASK, status: 'closed' })],
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.rentOrderRequests.length, 1);
    assert.equal(r.rentOrderRequests[0]!.body.rent_order, undefined, 'the discovery request itself carries none');
    assert.deepEqual(r.requests.map((q) => q.body.rent_order), ['12', '12']);
  });

  it('sends none for a whole-machine rental', async () => {
    const r = await cli(['vm', 'list'], { env, rentOrders: [order(me, me)], replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal('rent_order' in r.requests[0]!.body, false);
  });

  it('names several renting orders and exits 2 without acting', async () => {
    const r = await cli(['vm', 'stop', TASK], { env, rentOrders: [order('12', me), order('9', me, 'waitingVerifying', [3])] });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rents 2 orders on node .*12 \(GPUs 0,1; ends at block 4100000\), 9 \(GPUs 3; .*--rent-order/);
    assert.equal(r.requests.length, 0);
  });

  it('--rent-order beats DBC_RENT_ORDER, and neither asks the node', async () => {
    const r = await cli(['--rent-order', '31', 'vm', 'list'], { env: { ...env, DBC_RENT_ORDER: '30' }, replies: [ok([])] });
    assert.equal(r.requests[0]!.body.rent_order, '31');
    const e = await cli(['vm', 'info', TASK], { env: { ...env, DBC_RENT_ORDER: ' 30 ' }, replies: [ok({ task_id: TASK })] });
    assert.equal(e.requests[0]!.body.rent_order, '30');
    assert.equal(r.rentOrderRequests.length + e.rentOrderRequests.length, 0);
  });

  it('refuses a rent order that is not digits before sending anything', async () => {
    for (const bad of ['12a', '-1', '1.5', '99999999999999999999']) {
      const r = await cli(['vm', 'list', '--rent-order', bad], { env });
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--rent-order must be a rent order id: .*digits only/);
      assert.equal(r.requests.length + r.rentOrderRequests.length, 0);
    }
    const r = await cli(['vm', 'list'], { env: { ...env, DBC_RENT_ORDER: '0x12' } });
    assert.match(r.stderr, /DBC_RENT_ORDER must be a rent order id/);
  });

  it('carries on without an order when the node cannot list them, and says so', async () => {
    // (An unknown node or an unreachable client node fails the request itself, which reports it.)
    const r = await cli(['vm', 'list'], { env, rentOrders: gpuError(-3, 'bare metal node has no machine info for now'), replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /could not read the node's rent orders .*--rent-order/);
    assert.equal('rent_order' in r.requests[0]!.body, false);
  });

  it('node rent-orders lists the cache; --mine keeps the wallet\'s records', async () => {
    const all = [order('12', me), order('5', 'someone else', 'renting', [2]), order(me, me)];
    const r = await cli(['node', 'rent-orders', '--mine'], { env, rentOrders: all });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^RENT_ORDER +RENTER +STATUS +GPUS +ENDS_AT_BLOCK\n12 /);
    assert.match(r.stdout, /\(whole machine\)/);
    assert.doesNotMatch(r.stdout, /someone else/);
  });
});
