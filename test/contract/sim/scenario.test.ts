// Scenario files: validation, loading from a path, pre-existing VMs (incl. `creating`), benchmark scale.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { randomPair } from '../../support/simAuth';
import { caller, startSim, taskStatus } from './harness';

const nodeId = (i: number): string => i.toString(16).padStart(64, '0');

describe('sim: scenarios', () => {
  const renter = randomPair();

  it('rejects malformed scenarios with a clear message', async () => {
    await assert.rejects(startSim({ scenario: { nodes: [{ node_id: 'XYZ' }] } }), /node_id must be 64 lowercase hex/);
    await assert.rejects(startSim({ scenario: { nodes: [{ node_id: nodeId(1) }, { node_id: nodeId(1) }] } }), /duplicate node_id/);
    await assert.rejects(startSim({ scenario: { nodes: [{ node_id: nodeId(1), tasks: [{ status: 'exploded' as any }] }] } }), /unsupported status/);
    await assert.rejects(startSim({ scenario: { faults: ['T3=boom'] } }), /unknown fault kind/);
  });

  it('loads a scenario file, resuming VMs that were still creating', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbc-sim-scn-'));
    const file = join(dir, 'scenario.json');
    const scenario: Scenario = {
      nodes: [{ node_id: nodeId(7), name: 'from-file', renter: renter.address, images: ['ubuntu.qcow2'],
        tasks: [{ task_id: 'FileTaskCreating00001', status: 'creating' }, { task_id: 'FileTaskClosed0000001', status: 'closed' }] }],
    };
    writeFileSync(file, JSON.stringify(scenario));
    const sim = await startSim({ speed: 0, scenario: file });
    try {
      const c = caller(sim, renter, nodeId(7));
      assert.equal(await taskStatus(c, 'FileTaskCreating00001'), 'creating');
      assert.equal(await taskStatus(c, 'FileTaskClosed0000001'), 'closed');
      sim.admin.advance(DURATIONS_MS.create);
      assert.equal(await taskStatus(c, 'FileTaskCreating00001'), 'running');
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a benchmark-sized world (50 nodes × 10 VMs) quickly', async () => {
    const nodes = Array.from({ length: 50 }, (_, n) => ({
      node_id: nodeId(n + 100), renter: renter.address, gpu_count: 10, cpu_cores: 128, mem_gb: 1024, images: ['ubuntu.qcow2'],
      tasks: Array.from({ length: 10 }, () => ({ status: 'running' as const })),
    }));
    const started = Date.now();
    const sim = await startSim({ scenario: { nodes } });
    try {
      assert.ok(Date.now() - started < 5000);
      const list = await caller(sim, renter, nodeId(123)).call('/tasks');
      assert.equal(list.json.message.length, 10);
      assert.ok(list.json.message.every((t: any) => t.status === 'running'));
    } finally {
      await sim.close();
    }
  });
});
