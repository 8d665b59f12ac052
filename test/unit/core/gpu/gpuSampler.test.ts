// The GPU sampler reads a VM only while someone watches it, one read at a time, every interval, slower
// after failures, and keeps a bounded history; the row figure sums memory and averages utilization.
import * as assert from 'assert';
import { GpuSampler, type GpuSample } from '../../../../src/core/gpu/gpuSampler';
import type { GpuStatus } from '../../../../src/core/gpu/gpuStatus';
import { gpuSummary } from '../../../../src/core/gpu/gpuSummary';
import type { GpuReading } from '../../../../src/core/gpu/smiParse';
import { FakeClock } from '../../extension/support/fakeClock';

const gpu = (index: number, utilization: number | null, used: number | null, total: number | null): GpuReading => ({
  index, uuid: `GPU-${index}`, name: 'NVIDIA GeForce RTX 4090', utilization, memoryUsedMib: used, memoryTotalMib: total, temperatureC: 60, powerW: 200,
});
const ok = (u: number): GpuStatus => ({ kind: 'ok', gpus: [gpu(0, u, 1000, 24564)], processes: [], warnings: [] });

function setup(read: (key: string) => Promise<GpuStatus>) {
  const clock = new FakeClock();
  const samples: [string, GpuSample][] = [];
  const reads: string[] = [];
  const sampler = new GpuSampler({
    intervalMs: 5000, historyMs: 20_000, timers: clock,
    read: (key) => {
      reads.push(key);
      return read(key);
    },
    onSample: (key, s) => samples.push([key, s]),
  });
  return { clock, samples, reads, sampler };
}

describe('GPU sampler', () => {
  it('reads at once when first watched, then every interval, and stops when nobody watches', async () => {
    let n = 0;
    const t = setup(async () => ok(++n));
    t.sampler.watch('vm1', 'tree');
    t.sampler.watch('vm1', 'panel');
    await t.clock.advance(0);
    assert.deepStrictEqual(t.reads, ['vm1']);
    await t.clock.advance(15_000);
    assert.strictEqual(t.reads.length, 4);
    t.sampler.unwatch('vm1', 'tree');
    await t.clock.advance(5000);
    assert.strictEqual(t.reads.length, 5, 'the panel still watches');
    t.sampler.unwatchAll('panel');
    await t.clock.advance(60_000);
    assert.strictEqual(t.reads.length, 5);
    assert.strictEqual(t.sampler.isSampling('vm1'), false);
    assert.strictEqual(t.clock.pendingTimers, 0);
    const latest = t.sampler.latest('vm1');
    assert.ok(latest && latest.status.kind === 'ok' && latest.status.gpus[0]!.utilization === 5);
  });

  it('never overlaps reads of one VM and keeps only the history window', async () => {
    let release: (() => void) | undefined;
    const t = setup(() => new Promise((resolve) => (release = () => resolve(ok(1)))));
    t.sampler.watch('vm1', 'tree');
    await t.clock.advance(30_000);
    assert.strictEqual(t.reads.length, 1, 'a slow read is not doubled');
    release!();
    await t.clock.advance(0);
    for (let i = 0; i < 10; i++) {
      await t.clock.advance(5000);
      release!();
    }
    await t.clock.advance(0);
    const times = t.sampler.history('vm1').map((s) => s.at);
    assert.ok(times.length <= 5 && times.at(-1)! - times[0]! <= 20_000, JSON.stringify(times));
  });

  it('slows down after failures (doubling up to the cap) and recovers at once', async () => {
    let fail = true;
    const t = setup(async () => {
      if (fail) throw new Error('Could not connect to dbc@127.0.0.1:20022: connect ECONNREFUSED');
      return ok(50);
    });
    t.sampler.watch('vm1', 'tree');
    await t.clock.advance(0);
    assert.deepStrictEqual(t.samples[0]![1].status, { kind: 'unreachable', detail: 'Could not connect to dbc@127.0.0.1:20022: connect ECONNREFUSED' });
    const at = (): number[] => t.samples.map(([, s]) => s.at);
    await t.clock.advance(10_000 + 20_000 + 40_000 + 60_000);
    assert.deepStrictEqual(at(), [0, 10_000, 30_000, 70_000, 130_000]);
    fail = false;
    await t.clock.advance(60_000);
    await t.clock.advance(5000);
    assert.deepStrictEqual(at().slice(-2), [190_000, 195_000]);
  });

  it('forgets a stopped VM, and a read that ends after that is dropped', async () => {
    let release: (() => void) | undefined;
    const t = setup(() => new Promise((resolve) => (release = () => resolve(ok(1)))));
    t.sampler.watch('vm1', 'tree');
    await t.clock.advance(0);
    t.sampler.forget('vm1');
    release!();
    await t.clock.advance(10_000);
    assert.deepStrictEqual([t.samples.length, t.sampler.history('vm1').length, t.clock.pendingTimers], [0, 0, 0]);
  });
});

describe('GPU row figure', () => {
  it('averages utilization and sums memory in GiB', () => {
    assert.deepStrictEqual(gpuSummary([gpu(0, 87, 21000, 24564)]), { utilization: 87, usedGiB: '21', totalGiB: '24', count: 1 });
    assert.deepStrictEqual(gpuSummary([gpu(0, 80, 512, 24564), gpu(1, null, 300, 24564), gpu(2, 91, null, 24564)]), { utilization: 86, usedGiB: '0.8', totalGiB: '72', count: 3 });
    assert.strictEqual(gpuSummary([gpu(0, null, 1, 81920)])!.utilization, null);
    assert.strictEqual(gpuSummary([]), undefined);
  });
});
