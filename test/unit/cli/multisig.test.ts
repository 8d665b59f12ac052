import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signerFromSeed, verifySignature } from '../../../src/auth/signer';
import { ok } from '../api/recordingFetch';
import { TEST_SEED } from '../auth/vectors';
import { cli, NODE } from './harness';

const SEEDS = [TEST_SEED, '11'.repeat(32), '22'.repeat(32)];

describe('cli: --multisig FILE', () => {
  let dir: string;
  let wallets: string[];

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-ms-'));
    wallets = await Promise.all(SEEDS.map(async (s) => (await signerFromSeed(s)).address));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  async function writeFile(name: string, data: unknown, mode = 0o600): Promise<string> {
    const file = path.join(dir, name);
    await fs.writeFile(file, typeof data === 'string' ? data : JSON.stringify(data), { mode });
    await fs.chmod(file, mode);
    return file;
  }

  it('signs with each listed member (fresh nonces) and sends threshold as a string', async () => {
    const file = await writeFile('ms.json', { wallets, threshold: 2, signers: [{ seed_env: 'A_SEED' }, { seed_env: 'B_SEED' }] });
    const r = await cli(['vm', 'list', '--multisig', file], { env: { DBC_NODE: NODE, A_SEED: SEEDS[0], B_SEED: SEEDS[1] }, replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    const m = r.requests[0]!.body.multisig_accounts;
    assert.deepEqual(m.wallets, wallets);
    assert.equal(m.threshold, '2');
    assert.equal(m.signs.length, 2);
    assert.deepEqual(m.signs.map((s: { wallet: string }) => s.wallet), wallets.slice(0, 2));
    for (const s of m.signs) assert.equal(await verifySignature(s.nonce, s.sign, s.wallet), true);
    assert.equal(r.requests[0]!.body.wallet, undefined);
    assert.equal(r.stderr, '');
  });

  it('a signer whose environment variable is not set exits 2 before sending', async () => {
    const file = await writeFile('ms-env.json', { wallets, threshold: '2', signers: [{ seed_env: 'A_SEED' }, { mnemonic_env: 'NONE' }] });
    const r = await cli(['vm', 'list', '--multisig', file], { env: { DBC_NODE: NODE, A_SEED: SEEDS[0] } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /signers\[1\]: the environment variable NONE is not set/);
    assert.equal(r.requests.length, 0);
  });

  it('precise errors for a malformed file, nothing sent', async () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /is not valid JSON/],
      [[], /must hold a JSON object/],
      [{ threshold: 2, signers: [] }, /"wallets" must be a non-empty array/],
      [{ wallets, threshold: 0, signers: [{ seed_env: 'A_SEED' }] }, /"threshold" must be a whole number of at least 1/],
      [{ wallets, threshold: 2 }, /"signers" must list the members whose keys you hold/],
      [{ wallets, threshold: 2, signers: [{ seed_env: 'A_SEED', mnemonic: 'x' }] }, /signers\[0\] must have exactly one of/],
      [{ wallets, threshold: 2, signers: [{ seed_env: 'A_SEED' }] }, /At least 2 different member wallets must sign/],
      [{ wallets, threshold: 4, signers: [{ seed_env: 'A_SEED' }] }, /threshold must be a whole number from 1 to 3/],
      [{ wallets: wallets.slice(1), threshold: 1, signers: [{ seed_env: 'A_SEED' }] }, /not members of the multisig account/],
    ];
    for (const [i, [data, pattern]] of cases.entries()) {
      const file = await writeFile(`bad${i}.json`, data);
      const r = await cli(['vm', 'list', '--multisig', file], { env: { DBC_NODE: NODE, A_SEED: SEEDS[0] } });
      assert.equal(r.code, 2, `case ${i}: ${r.stderr}`);
      assert.match(r.stderr, pattern, `case ${i}`);
      assert.equal(r.requests.length, 0);
    }
    const missing = await cli(['vm', 'list', '--multisig', path.join(dir, 'nope.json')], { env: { DBC_NODE: NODE } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the multisig file .*: ENOENT/);
  });

  it('inline secrets in a file others can read give a warning (never the secret)', async () => {
    const file = await writeFile('inline.json', { wallets, threshold: 2, signers: [{ seed: SEEDS[0] }, { seed: SEEDS[1] }] }, 0o644);
    const r = await cli(['vm', 'list', '--multisig', file], { env: { DBC_NODE: NODE }, replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: .*holds secrets inline and other users can read it; run chmod 600/);
    for (const s of SEEDS) assert.ok(!r.stderr.includes(s));
    await fs.chmod(file, 0o600);
    const quiet = await cli(['vm', 'list', '--multisig', file], { env: { DBC_NODE: NODE }, replies: [ok([])] });
    assert.equal(quiet.stderr, '');
  });

  it('session-id with a multisig signs the session_id with the first member', async () => {
    const file = await writeFile('ms-sid.json', { wallets, threshold: 2, signers: [{ seed_env: 'A_SEED' }, { seed_env: 'B_SEED' }] });
    const r = await cli(['session-id', '--multisig', file, '--json'], { env: { DBC_NODE: NODE, A_SEED: SEEDS[0], B_SEED: SEEDS[1] }, replies: [ok({ session_id: 'SIDX' })] });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.signed_by, wallets[0]);
    assert.equal(await verifySignature('SIDX', out.session_id_sign, wallets[0]!), true);
    assert.ok(r.requests[0]!.body.multisig_accounts);
  });
});
