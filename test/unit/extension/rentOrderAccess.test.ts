// Which rent order the extension's requests carry (src/access/rentOrders.ts): the one chosen in settings,
// else the wallet's only renting order in the node's rent cache (read once), none for a whole machine,
// and a "choose one" error with the orders when there are several.
import * as assert from 'assert';
import { isRentOrderChoiceNeeded, RentOrders } from '../../../src/access/rentOrders';
import { TransportError } from '../../../src/api/errors';
import type { Credential, RentOrderEntry } from '../../../src/api/types';
import type { NodeRef } from '../../../src/config/model/refs';

const REF: NodeRef = { endpoint: 'http://h:1', nodeId: 'a'.repeat(64) };
const ME = '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN';
const OTHER = '5G1gFcJ8G1KUhCUaoMdZ5g8A8jsFYfbETEGUsWhARpzY6BDS';
const cred = (address = ME): Credential => ({ kind: 'wallet', address, authFields: async () => ({ wallet: address, nonce: 'n', sign: 's' }) });
const order = (id: string, renter = ME, gpus = [2, 3], status = 'renting'): RentOrderEntry => ({
  id, renter, rent_end: '4000600', rent_status: status, gpu_nums: String(gpus.length), gpu_index: gpus,
});

function setup(entries: RentOrderEntry[] | Error, chosen?: string) {
  const calls: string[] = [];
  const changed: string[] = [];
  const logs: string[] = [];
  const orders = new RentOrders({
    chosen: () => chosen,
    list: async (ref) => {
      calls.push(ref.nodeId);
      if (entries instanceof Error) throw entries;
      return entries;
    },
    onChange: (ref) => changed.push(ref.nodeId),
    chooseActions: () => [{ label: 'Choose Rent Order…', run: () => undefined }],
    log: (m) => logs.push(m),
  });
  return { orders, calls, changed, logs };
}

describe('rent orders of the extension\'s requests', () => {
  it('uses the wallet\'s only renting order, reading the node\'s rent cache once', async () => {
    const { orders, calls, changed } = setup([order('1042'), order('1037', OTHER, [0, 1]), order('900', ME, [4], 'rentExpired')]);
    assert.strictEqual(await orders.resolve(REF, cred()), '1042');
    assert.strictEqual(await orders.resolve(REF, cred()), '1042');
    assert.deepStrictEqual(calls.length, 1, 'one read of the cache');
    assert.strictEqual(changed.length, 1, 'the node row is told once the orders are known');
    assert.deepStrictEqual(orders.view(REF), { kind: 'found', id: '1042', entry: order('1042'), orders: [order('1042')] });
  });

  it('sends none for a whole-machine renter (its record is keyed by the wallet) and for unsigned routes', async () => {
    const { orders, calls } = setup([{ ...order(ME), id: ME }]);
    assert.strictEqual(await orders.resolve(REF, cred()), undefined);
    assert.strictEqual(orders.view(REF)?.kind, 'none');
    assert.strictEqual(await orders.resolve(REF, undefined), undefined);
    assert.strictEqual(calls.length, 1, 'an unsigned route never reads the cache (reading it is one)');
  });

  it('prefers the order chosen in settings and still reads the cache beside it for the row', async () => {
    const { orders, calls } = setup([order('1042'), order('1050', ME, [5])], '1050');
    assert.strictEqual(await orders.resolve(REF, cred()), '1050');
    assert.strictEqual(await orders.resolve(REF, undefined), '1050', 'unsigned routes carry the chosen order too');
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(calls.length, 1);
    assert.deepStrictEqual(orders.view(REF)?.entry?.gpu_index, [5]);
    assert.strictEqual(orders.view(REF)?.kind, 'chosen');
  });

  it('asks to choose when the wallet rents several orders, with the orders and a button', async () => {
    const { orders } = setup([order('1042'), order('1050', ME, [5])]);
    const err = await orders.resolve(REF, cred()).then(() => undefined, (e: unknown) => e);
    assert.ok(isRentOrderChoiceNeeded(err), String(err));
    assert.deepStrictEqual(err.rentOrderChoice.orders.map((o) => o.id), ['1042', '1050']);
    assert.match(err.message, /rents 2 orders on this GPU node \(1042 \(GPUs 2,3; ends at block 4000600\), 1050/);
    assert.deepStrictEqual(err.actions.map((a) => a.label), ['Choose Rent Order…']);
    assert.strictEqual(orders.view(REF)?.kind, 'several');
  });

  it('sends none when the cache cannot be read (the request says why), says so once, and reads again next time', async () => {
    const { orders, calls, logs } = setup(new Error('no such route'));
    assert.strictEqual(await orders.resolve(REF, cred()), undefined);
    assert.strictEqual(await orders.resolve(REF, cred()), undefined);
    assert.strictEqual(calls.length, 2, 'a failed read is not kept');
    assert.strictEqual(logs.length, 1);
  });

  it('lets a cancelled caller go without cancelling the shared read, and reads again after forget()', async () => {
    const { orders, calls } = setup([order('1042')]);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(orders.resolve(REF, cred(), controller.signal), (e: unknown) => e instanceof TransportError && e.kind === 'aborted');
    assert.strictEqual(await orders.resolve(REF, cred()), '1042');
    orders.forget();
    assert.deepStrictEqual((await orders.ordersOf(REF, ME)).map((o) => o.id), ['1042']);
    assert.strictEqual(calls.length, 2);
  });
});

describe('rent orders: the one reading the lease guard shares', () => {
  it('reads again when older than asked, keeps showing the last list while it reads, and keeps it over a failure', async () => {
    let now = 0;
    const replies: (RentOrderEntry[] | Error)[] = [[order('1042')], [order('1042'), order('1187')], new TransportError('rent_orders', 'refused', undefined, 'refused')];
    let release: (() => void) | undefined;
    const orders = new RentOrders({
      chosen: () => undefined, now: () => now,
      list: async () => {
        await new Promise<void>((r) => (release = r));
        const reply = replies.shift()!;
        if (reply instanceof Error) throw reply;
        return reply;
      },
    });
    assert.strictEqual(orders.peek(REF), undefined);
    const first = orders.fresh(REF, 60_000);
    release!();
    assert.deepStrictEqual((await first)?.map((o) => o.id), ['1042']);
    assert.deepStrictEqual(orders.peek(REF), { value: [order('1042')], at: 0 });
    now = 30_000;
    assert.strictEqual((await orders.fresh(REF, 60_000))?.length, 1, 'fresh enough: no read');
    now = 60_000;
    const second = orders.fresh(REF, 60_000);
    const shared = orders.fresh(REF, 60_000);
    assert.strictEqual(orders.peek(REF)?.value.length, 1, 'the last list shows while the next one is read');
    release!();
    assert.strictEqual((await second)?.length, 2);
    assert.strictEqual(await shared, await second, 'callers at the same time share the read');
    now = 200_000;
    const third = orders.fresh(REF, 60_000);
    release!();
    assert.deepStrictEqual((await third)?.map((o) => o.id), ['1042', '1187'], 'a failed read gives the last good list');
    assert.deepStrictEqual(orders.peek(REF), { value: [order('1042'), order('1187')], at: 60_000 });
    await assert.rejects(orders.resolve(REF, cred()), (e: unknown) => isRentOrderChoiceNeeded(e), 'the requests go on with the list kept');
  });
});
