// Disk operations are only queued by the node: core/diskOps.ts decides from the disk list and the VM
// log read back whether one is done, failed or still pending, and waits until it is reported.
import * as assert from 'assert';
import type { DiskEntry } from '../../../src/api/types';
import { diskOpOutcome, newLogLines, sizeInGb, waitForDiskOp, type DiskReadBack } from '../../../src/core/diskOps';

const disk = (name: string, size: string): DiskEntry => ({ name, size, file: `/data/${name}.qcow2` });
const line = (level: string, fn: string, text: string) => `2024-05-01 10:00:00.000000 | 0x1 | ${level.padEnd(7)} | TaskDiskManager.cpp | 100 | ${fn} | ${text}`;
const BEFORE: DiskReadBack = { disks: [disk('vda', '40G'), disk('vdb', '100G')], log: ['old line'] };

describe('disk operations (core/diskOps)', () => {
  it('reads sizes and the log lines that came after a window', () => {
    assert.deepStrictEqual(['350G', '1.5T', '512M', '?'].map(sizeInGb), [350, 1536, 0.5, undefined]);
    assert.deepStrictEqual(newLogLines(['a', 'b'], ['a', 'b', 'c']), ['c']);
    assert.deepStrictEqual(newLogLines(['x'], ['a', 'b']), ['a', 'b'], 'the old window scrolled away: all lines are new');
  });

  it('tells done from the disk list, failed from the worker\'s error line, else pending', () => {
    const grown = [disk('vda', '40G'), disk('vdb', '200G')];
    assert.deepStrictEqual(diskOpOutcome({ kind: 'resize', disk: 'vdb', addGb: 100 }, BEFORE.disks, grown, []), { state: 'done', disk: disk('vdb', '200G') });
    assert.deepStrictEqual(diskOpOutcome({ kind: 'resize', disk: 'vdb', addGb: 100 }, BEFORE.disks, BEFORE.disks, []), { state: 'pending' });
    assert.deepStrictEqual(diskOpOutcome({ kind: 'add', sizeGb: 10 }, BEFORE.disks, [...BEFORE.disks, disk('vdc', '10G')], []).state, 'done');
    assert.deepStrictEqual(diskOpOutcome({ kind: 'delete', disk: 'vdb' }, BEFORE.disks, [disk('vda', '40G')], []), { state: 'done' });
    const failed = diskOpOutcome({ kind: 'add', sizeGb: 10 }, BEFORE.disks, BEFORE.disks, [line('error', 'process_add_disk', 'vm attach disk failed: busy')]);
    assert.deepStrictEqual(failed, { state: 'failed', reason: 'vm attach disk failed: busy' });
    const other = diskOpOutcome({ kind: 'add', sizeGb: 10 }, BEFORE.disks, BEFORE.disks, [line('error', 'process_resize_disk', 'x')]);
    assert.strictEqual(other.state, 'pending', 'another operation\'s error is not this one\'s');
  });

  it('waits until the node reports, reading back after each pause', async () => {
    const reads: DiskReadBack[] = [BEFORE, BEFORE, { disks: [...BEFORE.disks, disk('vdc', '10G')], log: ['old line', 'attached'] }];
    const pauses: number[] = [];
    const outcome = await waitForDiskOp({ kind: 'add', sizeGb: 10 }, BEFORE, {
      read: async () => reads.shift()!, sleep: async (ms) => void pauses.push(ms), delayMs: (n) => (n === 0 ? 1 : 2), timeoutMs: 60_000,
    });
    assert.deepStrictEqual(outcome, { state: 'done', disk: disk('vdc', '10G') });
    assert.deepStrictEqual(pauses, [1, 2, 2]);
  });

  it('gives up after the timeout, or when the caller stops waiting', async () => {
    let now = 0;
    const base = { read: async () => BEFORE, sleep: async () => void (now += 1000), delayMs: () => 1000, now: () => now };
    assert.deepStrictEqual(await waitForDiskOp({ kind: 'delete', disk: 'vdb' }, BEFORE, { ...base, timeoutMs: 3000 }), { state: 'timeout' });
    assert.deepStrictEqual(await waitForDiskOp({ kind: 'delete', disk: 'vdb' }, BEFORE, { ...base, timeoutMs: 60_000, stopped: () => true }), { state: 'stopped' });
  });
});
