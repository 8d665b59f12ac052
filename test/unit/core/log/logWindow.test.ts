import * as assert from 'node:assert/strict';
import { nextPollDelay } from '../../../../src/core/logPolling';
import { contentBytes, sanitizeLogLine } from '../../../../src/core/logWindow';

describe('logWindow', () => {
  it('counts bytes like the node: quotes around each line, commas between, UTF-8', () => {
    assert.equal(contentBytes([]), 0);
    assert.equal(contentBytes(['ab']), 4);
    assert.equal(contentBytes(['ab', 'c']), 4 + 1 + 3);
    assert.equal(contentBytes(['é']), 4);
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
