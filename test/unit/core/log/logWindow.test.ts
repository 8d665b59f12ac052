import * as assert from 'node:assert/strict';
import { nextPollDelay } from '../../../../src/core/logPolling';
import {
  catchUpLineCount, contentBytes, CURRENT_NODE_CAPS, looksCut, nextLineCount, nodeLineCount, OLD_NODE_CAPS,
  sanitizeLogLine,
} from '../../../../src/core/logWindow';

describe('logWindow', () => {
  it('counts bytes like the node: quotes around each line, commas between, UTF-8', () => {
    assert.equal(contentBytes([]), 0);
    assert.equal(contentBytes(['ab']), 4);
    assert.equal(contentBytes(['ab', 'c']), 4 + 1 + 3);
    assert.equal(contentBytes(['é']), 4);
  });

  it('clamps line counts above 100 to 99', () => {
    assert.equal(nodeLineCount(100), 100);
    assert.equal(nodeLineCount(101), 99);
    assert.equal(nodeLineCount(5), 5);
  });

  it('tells a cut window from a short log', () => {
    const long = Array.from({ length: 40 }, () => 'x'.repeat(150));
    assert.ok(looksCut(long, 100, CURRENT_NODE_CAPS));
    assert.ok(!looksCut(['a', 'b'], 100, CURRENT_NODE_CAPS));
    assert.ok(!looksCut(long, 40, CURRENT_NODE_CAPS), 'all requested lines came');
  });

  it('asks for the rest of a cut window with one line of overlap', () => {
    const long = Array.from({ length: 40 }, () => 'x'.repeat(150));
    assert.equal(catchUpLineCount(long, 100, CURRENT_NODE_CAPS), 61);
    assert.equal(catchUpLineCount(['a'], 100, CURRENT_NODE_CAPS), undefined);
  });

  describe('nextLineCount', () => {
    it('shrinks to what fitted when the window was cut', () => {
      const cut = Array.from({ length: 10 }, () => 'y'.repeat(90));
      assert.equal(nextLineCount(cut, 100, OLD_NODE_CAPS), 10);
    });

    it('keeps the count while the window uses half the cap or more, or the log is short', () => {
      assert.equal(nextLineCount(Array.from({ length: 20 }, () => 'z'.repeat(250)), 20), 20);
      assert.equal(nextLineCount(['a', 'b'], 100), 100);
    });

    it('grows towards half the cap after a light window, never beyond 100', () => {
      const light = Array.from({ length: 10 }, () => 'w'.repeat(38)); // 10 × 41 − … ≈ 409 bytes
      assert.equal(nextLineCount(light, 10, CURRENT_NODE_CAPS), Math.floor((10 * 8192) / 2 / contentBytes(light)));
      assert.equal(nextLineCount(['a'], 1, CURRENT_NODE_CAPS), 100);
    });
  });

  describe('sanitizeLogLine', () => {
    const cases: [string, string][] = [
      ['plain text', 'plain text'],
      ['keeps\ttabs', 'keeps\ttabs'],
      ['crlf\r', 'crlf'],
      ['\u001b[1;31mbold red\u001b[0m', 'bold red'],
      ['title\u001b]0;window title\u0007after', 'titleafter'],
      ['nul\u0000del\u007fc1\u0085', 'nuldelc1'],
      ['lone \u001b escape', 'lone  escape'],
      ['中文 ünïcödé', '中文 ünïcödé'],
    ];
    for (const [raw, clean] of cases) {
      it(`cleans ${JSON.stringify(raw)}`, () => assert.equal(sanitizeLogLine(raw), clean));
    }
  });
});

describe('nextPollDelay', () => {
  it('starts fast, stays fast while lines arrive, backs off when idle, up to the max', () => {
    const t = { minMs: 1000, maxMs: 8000, factor: 2 };
    assert.equal(nextPollDelay(undefined, 0, t), 1000);
    assert.equal(nextPollDelay(1000, 0, t), 2000);
    assert.equal(nextPollDelay(2000, 0, t), 4000);
    assert.equal(nextPollDelay(4000, 0, t), 8000);
    assert.equal(nextPollDelay(8000, 0, t), 8000);
    assert.equal(nextPollDelay(8000, 3, t), 1000);
  });

  it('never goes below the minimum, whatever the previous delay', () => {
    assert.equal(nextPollDelay(10, 0, { minMs: 500, maxMs: 1000, factor: 1.5 }), 500);
  });

  it('uses sensible defaults: 2 s while lines arrive, idle back-off capped at 8 s', () => {
    assert.equal(nextPollDelay(undefined, 0), 2000);
    assert.equal(nextPollDelay(4000, 0), 8000);
    assert.equal(nextPollDelay(8000, 0), 8000);
  });
});
