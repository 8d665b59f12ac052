import assert from 'node:assert/strict';
import { BlockClock } from '../../../src/chain/blockClock';
import { parseWarnBefore } from '../../../src/config/model/settingsModel';
import { durationParts, shortDuration } from '../../../src/chain/duration';

describe('chain/blockClock: the block between readings', () => {
  it('extrapolates at 6 s a block until two spans of 30 s or more agree on another rate', () => {
    const c = new BlockClock();
    assert.equal(c.blockAt(0), undefined);
    c.observe({ block: 1000, seenAtMs: 0 });
    assert.equal(c.blockAt(60_000), 1010);
    c.observe({ block: 1100, seenAtMs: 20_000 });
    assert.equal(c.msPerBlock, 6000, '20 s apart: not enough to learn from');
    c.observe({ block: 1300, seenAtMs: 60_000 });
    assert.equal(c.msPerBlock, 6000, 'one span is no rate yet (it may hold a jump)');
    c.observe({ block: 1500, seenAtMs: 100_000 });
    assert.equal(c.msPerBlock, 200, 'a simulator at speed 30: two spans agree');
    assert.equal(c.blockAt(130_000), 1650);
    assert.equal(c.msUntilBlock(1600, 100_000), 20_000);
    assert.equal(c.msUntilBlock(1100, 100_000), 0, 'already past');
  });

  it('learns nothing from spans that hold a jump (the admin API moving the block)', () => {
    const c = new BlockClock();
    c.observe({ block: 1000, seenAtMs: 0 });
    c.observe({ block: 9000, seenAtMs: 35_000 });
    c.observe({ block: 9006, seenAtMs: 71_000 });
    assert.equal(c.msPerBlock, 6000);
    assert.equal(c.blockAt(77_000), 9007);
  });

  it('forgets the learned rate when the chain jumps or goes back', () => {
    const c = new BlockClock();
    c.observe({ block: 1000, seenAtMs: 0 });
    c.observe({ block: 1100, seenAtMs: 30_000 });
    c.observe({ block: 1200, seenAtMs: 60_000 });
    assert.equal(c.msPerBlock, 300);
    c.observe({ block: 50_000, seenAtMs: 70_000 });
    assert.equal(c.msPerBlock, 6000, 'a reading far from the prediction forgets the rate');
    assert.equal(c.blockAt(70_000), 50_000);
    c.observe({ block: 10, seenAtMs: 80_000 });
    assert.equal(c.latest?.block, 10);
    assert.equal(c.blockAt(86_000), 11);
  });

  it('keeps the rate within bounds (a stalled chain, a very fast simulator)', () => {
    const stalled = new BlockClock();
    stalled.observe({ block: 1000, seenAtMs: 0 });
    stalled.observe({ block: 1001, seenAtMs: 600_000 });
    stalled.observe({ block: 1002, seenAtMs: 1_200_000 });
    assert.equal(stalled.msPerBlock, 60_000);
    const fast = new BlockClock();
    fast.observe({ block: 0, seenAtMs: 0 });
    fast.observe({ block: 10_000_000, seenAtMs: 30_000 });
    fast.observe({ block: 20_000_000, seenAtMs: 60_000 });
    assert.equal(fast.msPerBlock, 6);
  });
});

describe('lease durations and warning settings', () => {
  it('shows the two largest units', () => {
    assert.deepEqual(durationParts(2 * 86_400 + 4 * 3600 + 59), { days: 2, hours: 4, minutes: 0 });
    assert.deepEqual([shortDuration(187_200), shortDuration(86_400), shortDuration(3 * 3600 + 300), shortDuration(7200), shortDuration(720), shortDuration(30)],
      ['2 d 4 h', '1 d', '3 h 5 min', '2 h', '12 min', '< 1 min']);
  });

  it('reads dbc.lease.warnBefore: units, minutes as numbers, duplicates and garbage dropped, largest first', () => {
    assert.deepEqual(parseWarnBefore(undefined), [86_400, 7200, 900]);
    assert.deepEqual(parseWarnBefore(['15m', '2h', '1d', ' 24H ', 30, 'soon', -5, '0h']), [86_400, 7200, 1800, 900]);
    assert.deepEqual(parseWarnBefore([]), []);
  });
});
