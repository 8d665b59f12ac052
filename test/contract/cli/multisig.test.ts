// Multisig auth through the real `dbc`: node B is re-rented (admin API) to a 2-of-3 multisig account.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MultisigCredential } from '../../../src/auth/credentials';
import { signerFromSeed } from '../../../src/auth/signer';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_NODE_B_ID, DEMO_RENTER_SEED } from '../../../src/sim';
import { admin, createFlags, dbc, ensureBuilt, startSim } from './harness';

const SEEDS = ['0x' + '31'.repeat(32), '0x' + '32'.repeat(32), '0x' + '33'.repeat(32)];

describe('cli contract: multisig', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let dir: string;
  let env: Record<string, string>;
  let file: string;

  before(async () => {
    ensureBuilt();
    sim = await startSim();
    const signers = await Promise.all(SEEDS.map(signerFromSeed));
    const wallets = signers.map((s) => s.address);
    const account = (await MultisigCredential.create({ wallets, threshold: 2, signers: signers.slice(0, 2) })).address;
    await admin(sim, 'POST', `nodes/${DEMO_NODE_B_ID}`, { renter: account, rent_status: 'renting' });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-ms-'));
    file = path.join(dir, 'multisig.json');
    await fs.writeFile(file, JSON.stringify({ wallets: [...wallets].reverse(), threshold: 2, signers: [{ seed_env: 'M1' }, { seed_env: 'M3' }] }), { mode: 0o600 });
    env = { PATH: process.env.PATH ?? '', DBC_ENDPOINT: sim.url, DBC_NODE: DEMO_NODE_B_ID, M1: SEEDS[0]!, M3: SEEDS[2]! };
  });
  after(async () => {
    await sim?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const ms = () => ['--multisig', file];

  it('creates, lists and deletes a VM as the multisig account', async () => {
    const created = await dbc(['vm', 'create', ...createFlags(32022, 5995, 'cli-multisig'), '--wait', ...ms()], env);
    assert.equal(created.code, 0, created.stderr);
    const task = created.stdout.trim();
    const list = await dbc(['vm', 'list', '--json', ...ms()], env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).map((t: { task_id: string }) => t.task_id), [task]);
    const sid = await dbc(['session-id', '--json', ...ms()], env);
    assert.equal(sid.code, 0, sid.stderr);
    const { session_id, session_id_sign } = JSON.parse(sid.stdout);
    const viaSession = await dbc(['vm', 'list', '--json'], { ...env, DBC_SESSION_ID: session_id, DBC_SESSION_ID_SIGN: session_id_sign });
    assert.equal(viaSession.code, 0, viaSession.stderr);
    assert.deepEqual(JSON.parse(viaSession.stdout).map((t: { task_id: string }) => t.task_id), [task]);
    assert.equal((await dbc(['vm', 'delete', task, '--wait', ...ms()], env)).code, 0);
  });

  it('the plain renter wallet is no longer the renter of node B', async () => {
    const r = await dbc(['vm', 'list'], { ...env, DBC_SEED: DEMO_RENTER_SEED });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^dbc: tasks\.list failed: errcode -3: check authority failed: wallet not rented \(the wallet does not rent this machine, or on a per-GPU rental not under the rent order sent/);
  });
});
