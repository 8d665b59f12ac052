// `dbc vm logs --follow` against the simulator: lines appended through the admin API show up once,
// Ctrl+C stops it with exit 0, and it stops by itself when the VM is deleted.
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { admin, createFlags, dbc, ensureBuilt, LiveDbc, startSim, walletEnv } from './harness';

describe('cli contract: vm logs --follow', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let env: Record<string, string>;
  let task: string;

  before(async () => {
    ensureBuilt();
    sim = await startSim();
    env = walletEnv(sim);
    const r = await dbc(['vm', 'create', ...createFlags(31122, 5996, 'cli-follow'), '--wait'], env);
    assert.equal(r.code, 0, r.stderr);
    task = r.stdout.trim();
    await admin(sim, 'POST', 'speed', { speed: 1 }); // no heartbeat lines of our own while we follow
  });
  after(() => sim?.close());

  const follow = () => new LiveDbc(['vm', 'logs', task, '--follow', '-n', '3', '--min-interval', '0.1', '--max-interval', '0.4'], env);
  const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

  it('prints appended lines exactly once and exits 0 on Ctrl+C', async () => {
    const live = follow();
    await live.waitFor(new RegExp(task));
    await admin(sim, 'POST', `tasks/${task}/log`, { lines: ['follow-test line 1', 'follow-test line 2'] });
    await live.waitFor(/follow-test line 2\n/);
    await admin(sim, 'POST', `tasks/${task}/log`, { lines: ['follow-test line 3'] });
    await live.waitFor(/follow-test line 3\n/);
    await new Promise((r) => setTimeout(r, 1000)); // a few more idle polls: nothing is repeated
    const code = await live.stop();
    assert.equal(code, 0, live.stderr);
    for (const l of ['follow-test line 1', 'follow-test line 2', 'follow-test line 3']) assert.equal(count(live.stdout, l), 1, l);
    assert.ok(live.stdout.trim().split('\n').length >= 6, 'the last 3 lines, then 3 new ones');
    assert.ok(!/missing|restarted/.test(live.stdout));
  });

  it('marks a gap when more lines arrive than one window holds', async () => {
    const live = follow();
    await live.waitFor(/follow-test line 3\n/);
    const burst = Array.from({ length: 150 }, (_, i) => `burst ${i}`);
    await admin(sim, 'POST', `tasks/${task}/log`, { lines: burst });
    await live.waitFor(/burst 149\n/);
    assert.match(live.stdout, /some log lines may be missing here/);
    assert.equal(count(live.stdout, 'burst 149'), 1);
    assert.equal(count(live.stdout, 'burst 0'), 0);
    assert.equal(await live.stop(), 0);
  });

  it('stops by itself (exit 0) when the VM is deleted', async () => {
    await admin(sim, 'POST', 'speed', { speed: 1000 });
    const live = follow();
    await live.waitFor(/\n/);
    const del = await dbc(['vm', 'delete', task, '--wait'], env);
    assert.equal(del.code, 0, del.stderr);
    const code = await Promise.race([live.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    assert.equal(code, 0, live.stderr);
    assert.match(live.stderr, /no longer exists; stopped following/);
  });
});
