// `dbc node lease` as a process against dbc-sim: the simulator's port is both the client node and the
// chain (--chain), so every time is measured against the simulator's block clock.
import * as assert from 'node:assert/strict';
import { DEMO_LEASE_END, DEMO_LEASE_ORDER, DEMO_NODE_A_ID, DEMO_NODE_C_ID, type RunningSimulator } from '../../../src/sim';
import { dbc, ensureBuilt, startSim, walletEnv } from './harness';

describe('cli contract: dbc node lease', () => {
  let sim: RunningSimulator;
  before(ensureBuilt);
  beforeEach(async () => {
    sim = await startSim({ speed: 0 });
  });
  afterEach(() => sim.close());

  const lease = (args: string[], extra: Record<string, string> = {}) => dbc(['node', 'lease', '--node', DEMO_NODE_C_ID, ...args], walletEnv(sim, extra));

  it('shows the demo rental on node C: an hour left, its GPUs and end block', async () => {
    const r = await lease(['--chain', sim.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${DEMO_LEASE_ORDER}\\s+renting\\s+2,3\\s+${DEMO_LEASE_END}\\s+(1 h|59 min)\\s+\\S+Z$`, 'm'));
    assert.equal(r.stderr, '');
  });

  it('after the end (simulator block clock moved): ended, negative seconds, deleted_after 3 days later, from DBC_CHAIN_RPC', async () => {
    sim.admin.setBlock(DEMO_LEASE_END + 600);
    const r = await lease(['--json'], { DBC_CHAIN_RPC: sim.url });
    assert.equal(r.code, 0, r.stderr);
    const [row] = JSON.parse(r.stdout);
    assert.equal(row.rent_order, DEMO_LEASE_ORDER);
    assert.equal(row.status, 'ended');
    assert.equal(row.current_block, DEMO_LEASE_END + 600);
    assert.ok(Math.abs(row.seconds_left + 3600) <= 2, String(row.seconds_left));
    assert.equal(Date.parse(row.deleted_after) - Date.parse(row.ends_at), 3 * 86_400_000);
    sim.admin.setBlock(DEMO_LEASE_END + 3 * 14_400 + 1);
    const gone = JSON.parse((await lease(['--json', '--chain', sim.url])).stdout);
    assert.equal(gone[0].status, 'deleted');
  });

  it('a whole-machine rental prints without an order; the chain counts one block read per run', async () => {
    await fetch(`${sim.url}/__sim/reset-counters`, { method: 'POST', body: '{}' });
    const r = await dbc(['node', 'lease', '--node', DEMO_NODE_A_ID, '--json', '--chain', sim.url], walletEnv(sim));
    assert.equal(r.code, 0, r.stderr);
    const [row] = JSON.parse(r.stdout);
    assert.equal(row.rent_order, null);
    assert.equal(row.status, 'renting');
    const counters = await (await fetch(`${sim.url}/__sim/counters`)).json() as { chain: Record<string, number> };
    assert.equal(counters.chain['chain_getBlock'], 1);
  });

  it('without the chain: the node\'s rent order, time unknown, and why', async () => {
    const r = await lease(['--chain', 'http://127.0.0.1:9']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${DEMO_LEASE_ORDER}\\s+renting\\s+2,3\\s+${DEMO_LEASE_END}\\s+unknown$`, 'm'));
    assert.match(r.stderr, /time left unknown: the chain at http:\/\/127\.0\.0\.1:9\/ did not answer/);
  });
});
