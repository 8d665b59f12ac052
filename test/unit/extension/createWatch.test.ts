// Watching a new VM until it runs or fails, without a held-open progress toast.
import * as assert from 'assert';
import { ClientNodeError, GpuNodeError } from '../../../src/api/errors';
import type { TaskInfo } from '../../../src/api/types';
import { watchCreate, type WatchOptions } from '../../../src/watch/model/createWatch';

function run(statuses: (string | Error | undefined)[], extra: Partial<WatchOptions> = {}) {
  let now = 0;
  const seen: string[] = [];
  const read = async () => {
    const next = statuses.shift();
    if (next instanceof Error) throw next;
    return next === undefined ? undefined : ({ task_id: 't', status: next } as TaskInfo);
  };
  return watchCreate({
    read, sleep: async (ms) => { now += ms; }, now: () => now, signal: new AbortController().signal,
    firstDelayMs: 2000, intervalMs: 15_000, timeoutMs: 30 * 60_000, onStatus: (s) => seen.push(s), ...extra,
  }).then((outcome) => ({ outcome, seen, elapsed: now }));
}

describe('watchCreate', () => {
  it('ends when the VM runs, even after many minutes', async () => {
    const r = await run([...Array<string>(60).fill('creating'), 'running']);
    assert.strictEqual(r.outcome.kind, 'running');
    assert.strictEqual(r.elapsed, 2000 + 60 * 15_000);
    assert.deepStrictEqual(r.seen, ['running']);
  });

  it('reports a create error', async () => {
    const r = await run(['creating', 'create error']);
    assert.deepStrictEqual(r.outcome, { kind: 'failed', status: 'create error' });
  });

  it('reports a VM that disappeared', async () => {
    assert.strictEqual((await run(['creating', undefined])).outcome.kind, 'gone');
  });

  it('tolerates timeouts while the node is busy, but stops on an authority failure', async () => {
    const timeout = new ClientNodeError('tasks.info', 500, -1, 'list task timeout');
    assert.strictEqual((await run([timeout, timeout, timeout, 'running'])).outcome.kind, 'running');
    const refused = new GpuNodeError('tasks.info', -3, 'check authority failed: machine has already expired');
    assert.strictEqual((await run([refused])).outcome.kind, 'error');
  });

  it('gives up after the configured time with the last status', async () => {
    const r = await run(Array<string>(10).fill('creating'), { timeoutMs: 60_000 });
    assert.deepStrictEqual(r.outcome, { kind: 'timeout', status: 'creating' });
  });

  it('stops quietly when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.strictEqual((await run(['creating'], { signal: controller.signal })).outcome.kind, 'cancelled');
  });
});
