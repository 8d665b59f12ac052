// Waiting for SSH after the VM runs: TCP first, then the sshd banner; timeout and cancel.
import * as assert from 'assert';
import { abortableSleep } from '../../../src/util/sleep';
import { waitForSsh, type SshWaitOptions } from '../../../src/watch/model/readyWatch';

function run(tcp: boolean[], banner: boolean[], extra: Partial<SshWaitOptions> = {}) {
  let now = 0;
  const calls: string[] = [];
  const outcome = waitForSsh({
    host: '127.0.0.1', port: 20022,
    probeTcp: async () => (calls.push('tcp'), tcp.shift() ?? false),
    probeBanner: async () => (calls.push('banner'), banner.shift() ?? false),
    sleep: async (ms) => { now += ms; }, now: () => now, signal: new AbortController().signal, intervalMs: 3000, timeoutMs: 60_000, ...extra,
  });
  return outcome.then((o) => ({ outcome: o, calls, elapsed: now }));
}

describe('remote: waiting for SSH', () => {
  it('is ready once TCP connects and sshd sends its banner', async () => {
    const r = await run([false, false, true, true], [false, true]);
    assert.strictEqual(r.outcome, 'ready');
    assert.deepStrictEqual(r.calls, ['tcp', 'tcp', 'tcp', 'banner', 'tcp', 'banner']);
    assert.strictEqual(r.elapsed, 4 * 3000 - 3000);
  });

  it('works for a VM that takes a long time (no toast, just polling)', async () => {
    const r = await run([...Array<boolean>(100).fill(false), true], [true], { timeoutMs: 15 * 60_000 });
    assert.strictEqual(r.outcome, 'ready');
    assert.strictEqual(r.elapsed, 100 * 3000);
  });

  it('times out', async () => {
    const r = await run([], [], { timeoutMs: 9000 });
    assert.strictEqual(r.outcome, 'timeout');
    assert.strictEqual(r.elapsed, 9000);
  });

  it('stops when cancelled, before or while sleeping', async () => {
    const ctl = new AbortController();
    ctl.abort();
    assert.strictEqual((await run([true], [true], { signal: ctl.signal })).outcome, 'cancelled');
    const late = new AbortController();
    const r = await run([], [], { signal: late.signal, sleep: (ms, s) => { late.abort(); return abortableSleep(ms, s); } });
    assert.strictEqual(r.outcome, 'cancelled');
  });

  it('abortableSleep resolves after the time and rejects on abort', async () => {
    await abortableSleep(1, new AbortController().signal);
    const ctl = new AbortController();
    const p = abortableSleep(10_000, ctl.signal);
    ctl.abort();
    await assert.rejects(p);
  });
});
