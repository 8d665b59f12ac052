// A full VM life cycle through the real `dbc` binary, with wallet auth, then the session form.
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_TASK_ID } from '../../../src/sim';
import { admin, createFlags, dbc, ensureBuilt, startSim, walletEnv } from './harness';

describe('cli contract: VM life cycle', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let env: Record<string, string>;
  let task = '';

  before(async () => {
    ensureBuilt();
    sim = await startSim();
    env = walletEnv(sim);
  });
  after(() => sim?.close());

  const ok = async (args: string[], e = env) => {
    const r = await dbc(args, e);
    assert.equal(r.code, 0, `dbc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  const status = async () => JSON.parse((await ok(['vm', 'info', task, '--json'])).stdout).status as string;

  it('lists the node and creates a VM, waiting until it runs', async () => {
    assert.match((await ok(['node', 'list'])).stdout, new RegExp(env.DBC_NODE!));
    const r = await ok(['vm', 'create', ...createFlags(31022, 5990, 'cli-life'), '--wait']);
    task = r.stdout.trim();
    assert.match(task, /^[1-9A-HJ-NP-Za-km-z]{14,22}$/, 'a generated id: Base58Check, usually 22 characters, sometimes fewer');
    assert.match(r.stderr, /creating/);
    assert.match(r.stderr, /running/);
    assert.equal(await status(), 'running');
    const state = await admin(sim, 'GET', 'state');
    assert.ok(JSON.stringify(state).includes(task));
  });

  it('shows info (passwords hidden) and logs', async () => {
    const info = await ok(['vm', 'info', task]);
    assert.match(info.stdout, /^status:\s+running$/m);
    assert.match(info.stdout, /^ssh_port:\s+31022$/m);
    assert.match(info.stdout, /^login_password: ‹hidden, use --show-password›$/m);
    const logs = await ok(['vm', 'logs', task, '-n', '5']);
    assert.ok(logs.stdout.trim().split('\n').length >= 1);
    assert.match(logs.stdout, new RegExp(task));
  });

  it('stops, snapshots, starts and restarts', async () => {
    await ok(['vm', 'stop', task, '--wait']);
    assert.equal(await status(), 'closed');
    const snap = await ok(['snapshot', 'create', task, 'snap1', '--image-server', 'ID_1', '--desc', 'after setup']);
    assert.match(snap.stdout, /snapshot snap1 requested on ID_1 \(ok\)/);
    const list = await ok(['snapshot', 'list', task, '--json']);
    assert.deepEqual(JSON.parse(list.stdout).map((s: { snapshot_name: string; description: string }) => [s.snapshot_name, s.description]), [['snap1', 'after setup']], 'the description is sent as desc');
    await ok(['vm', 'start', task, '--wait']);
    assert.equal(await status(), 'running');
    const restart = await ok(['vm', 'restart', task, '--wait']);
    assert.match(restart.stdout, /restart accepted \(ok\)\n.*: running\n$/);
  });

  it('the session form (session-id, then DBC_SESSION_ID/_SIGN) lists the same VMs', async () => {
    const sid = await ok(['session-id', '--json']);
    assert.match(sid.stderr, /bearer credential/);
    const { session_id, session_id_sign } = JSON.parse(sid.stdout);
    const sessionEnv = { PATH: env.PATH!, DBC_ENDPOINT: sim.url, DBC_NODE: env.DBC_NODE!, DBC_SESSION_ID: session_id, DBC_SESSION_ID_SIGN: session_id_sign };
    const viaSession = JSON.parse((await ok(['vm', 'list', '--json'], sessionEnv)).stdout).map((t: { task_id: string }) => t.task_id).sort();
    const viaWallet = JSON.parse((await ok(['vm', 'list', '--json'])).stdout).map((t: { task_id: string }) => t.task_id).sort();
    assert.deepEqual(viaSession, viaWallet);
    assert.ok(viaSession.includes(task) && viaSession.includes(DEMO_TASK_ID));
    const info = await ok(['vm', 'info', task], sessionEnv);
    assert.ok(!info.stdout.includes(session_id_sign) && !info.stderr.includes(session_id_sign));
  });

  it('deletes the VM', async () => {
    await ok(['vm', 'delete', task, '--wait']);
    const list = JSON.parse((await ok(['vm', 'list', '--json'])).stdout) as { task_id: string }[];
    assert.ok(!list.some((t) => t.task_id === task));
    const gone = await dbc(['vm', 'info', task], env);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, 'dbc: tasks.info failed: errcode -3: task_id not exist\n');
  });
});
