// --state FILE: VMs, session ids and snapshots survive a restart, pending transitions resume,
// the nonce set starts empty again; writes are atomic.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TASK_ID } from '../../../src/sim';
import { DURATIONS_MS } from '../../../src/sim/gpu/lifecycle';
import { SNAPSHOT_CREATING_MS } from '../../../src/sim/gpu/snapshotEngine';
import { walletAuth } from '../../support/simAuth';
import { caller, createSpec, renterPair, startSim, taskStatus } from './harness';

describe('sim: --state persistence', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'dbc-sim-state-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps VMs, session ids and snapshots across a restart, but not the nonce set', async () => {
    const stateFile = join(dir, 'nested', 'state.json');
    const renter = renterPair();
    const first = await startSim({ speed: 0, stateFile });
    const c1 = caller(first, renter);
    const auth = walletAuth(renter);
    const sid = String((await c1.call('/mining_nodes/session_id', {}, auth)).json.message.session_id);
    const created = await c1.call('/tasks/start', createSpec());
    const id = String(created.json.message.task_id);
    first.admin.advance(DURATIONS_MS.create);
    const password = (await c1.call(`/tasks/${id}`)).json.message.login_password;
    await c1.call(`/tasks/stop/${DEMO_TASK_ID}`);
    first.admin.advance(DURATIONS_MS.stop);
    await c1.call(`/snapshot/create/${DEMO_TASK_ID}`, { snapshot_name: 'keep', image_server: 'ID_1' });
    await c1.call(`/tasks/restart/${id}`);
    assert.equal(await taskStatus(c1, id), 'restarting');
    await first.close();
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['state.json'], 'no temp files are left behind');
    assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).format, 'dbc-sim-state');

    const second = await startSim({ speed: 0, stateFile, scenario: { nodes: [] } });
    try {
      const c2 = caller(second, renter);
      assert.equal((await c2.call('/mining_nodes/session_id', {}, auth)).json.message.session_id, sid,
        'the same nonce and signature pass again: the nonce set was reset, the session id was kept');
      assert.equal((await c2.call('/tasks', {}, auth)).json.message, 'check authority failed: nonce check failed');
      assert.equal(await taskStatus(c2, id), 'restarting', 'the queued operation was restored');
      second.admin.advance(SNAPSHOT_CREATING_MS);
      assert.equal(await taskStatus(c2, id), 'restarting', 'behind the snapshot conversion, on the same worker');
      second.admin.advance(DURATIONS_MS.restart);
      assert.equal(await taskStatus(c2, id), 'running');
      assert.equal((await c2.call(`/tasks/${id}`)).json.message.login_password, password);
      assert.equal((await c2.call(`/snapshot/list/${DEMO_TASK_ID}/keep`)).json.message.status, 'uploading');
      assert.equal(await taskStatus(c2, DEMO_TASK_ID), 'closed');
    } finally {
      await second.close();
    }
  });
});
