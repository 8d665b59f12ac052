import assert from 'node:assert/strict';
import { ChainTime } from '../../../src/chain/chainTime';
import { blockResult, scriptedChain, type ScriptedChain } from './scriptedChain';

describe('chain/chainTime: the editor\'s one reader of the block', () => {
  let chain: ScriptedChain | undefined;
  afterEach(async () => {
    await chain?.close();
    chain = undefined;
  });

  it('reads at most once per interval, shares a read in flight, and reads again when invalidated', async () => {
    let block = 100;
    chain = await scriptedChain([], { reply: () => blockResult(block++) });
    let now = 0;
    const time = new ChainTime({ url: () => chain!.url, now: () => now, minIntervalMs: 20_000 });
    await Promise.all([time.refresh(), time.refresh(), time.refresh()]);
    assert.equal(chain.requests.length, 1);
    now = 10_000;
    await time.refresh();
    assert.equal(chain.requests.length, 1, 'within the interval');
    time.invalidate();
    await time.refresh();
    assert.equal(chain.requests.length, 2);
    assert.deepEqual(time.clock.latest, { block: 101, seenAtMs: 10_000 });
  });

  it('keeps the failure for the rows and logs it once; a new endpoint forgets the old one\'s block', async () => {
    chain = await scriptedChain([{ reply: () => blockResult(7) }, { raw: 'oops' }, { raw: 'oops' }]);
    let url = chain.url;
    const logs: string[] = [];
    const time = new ChainTime({ url: () => url, minIntervalMs: 0, log: (m) => logs.push(m) });
    await time.refresh();
    await time.refresh();
    await time.refresh();
    assert.match(String(time.lastError), /not JSON/);
    assert.equal(logs.length, 1);
    assert.equal(time.clock.latest?.block, 7, 'a failure keeps the last reading');
    url = 'http://127.0.0.1:9/';
    await time.refresh();
    assert.equal(time.clock.latest, undefined);
  });

  it('settled() resolves once the reading in flight is done (the lease warnings wait for it)', async () => {
    chain = await scriptedChain([], { hang: true });
    const time = new ChainTime({ url: () => chain!.url, timeoutMs: () => 300 });
    await time.settled();
    void time.refresh();
    const started = Date.now();
    await time.settled();
    assert.ok(Date.now() - started >= 250, 'it waited for the chain to time out');
    assert.ok(time.lastError, 'the reading was done (it failed)');
  });

  it('refuses an endpoint it must not use, without a request', async () => {
    const logs: string[] = [];
    const time = new ChainTime({ url: () => 'https://httpinfo.dbcwallet.io', loopbackOnly: true, log: (m) => logs.push(m) });
    await time.refresh();
    assert.equal(time.clock.latest, undefined);
    assert.match(logs[0]!, /httpinfo\.dbcwallet\.io\/ is not on this machine/);
    const bad = new ChainTime({ url: () => 'http://10.0.0.1:9933', log: (m) => logs.push(m) });
    await bad.refresh();
    assert.match(logs[1]!, /Refusing plain http/);
  });
});
