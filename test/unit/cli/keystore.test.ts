import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCrypto } from '../../../src/auth/crypto';
import { verifySignature } from '../../../src/auth/signer';
import { ok } from '../api/recordingFetch';
import { TEST_SEED } from '../auth/vectors';
import { cli, NODE } from './harness';

describe('cli: --keystore FILE with DBC_KEYSTORE_PASSWORD', function () {
  this.timeout(20_000); // keystores are scrypt-encrypted on purpose: slow to open
  let dir: string;
  let file: string;
  let address: string;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-ks-'));
    const { keyring } = await loadCrypto();
    const pair = new keyring.Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`0x${TEST_SEED}`);
    address = pair.address;
    file = path.join(dir, 'wallet.json');
    await fs.writeFile(file, JSON.stringify(pair.toJson('correct horse')));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('address and sign use the keystore', async () => {
    const env = { DBC_KEYSTORE_PASSWORD: 'correct horse' };
    assert.equal((await cli(['address', '--keystore', file], { env })).stdout.trim(), address);
    const sig = (await cli(['--keystore', file, 'sign', 'msg'], { env })).stdout.trim();
    assert.equal(await verifySignature('msg', sig, address), true);
  });

  it('API calls sign with the keystore wallet', async () => {
    const r = await cli(['vm', 'list', '--keystore', file], { env: { DBC_KEYSTORE_PASSWORD: 'correct horse', DBC_NODE: NODE }, replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.requests[0]!.body.wallet, address);
    assert.equal(await verifySignature(r.requests[0]!.body.nonce, r.requests[0]!.body.sign, address), true);
  });

  it('a wrong or missing password exits 2 before sending', async () => {
    const wrong = await cli(['vm', 'list', '--keystore', file], { env: { DBC_KEYSTORE_PASSWORD: 'nope', DBC_NODE: NODE } });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /The keystore password is wrong/);
    const missing = await cli(['vm', 'list', '--keystore', file], { env: { DBC_NODE: NODE } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--keystore needs the password in the environment variable DBC_KEYSTORE_PASSWORD/);
    assert.equal(wrong.requests.length + missing.requests.length, 0);
  });

  it('--keystore wins over DBC_SEED in the environment', async () => {
    const r = await cli(['vm', 'list', '--keystore', file], { env: { DBC_KEYSTORE_PASSWORD: 'correct horse', DBC_NODE: NODE, DBC_SEED: '11'.repeat(32) }, replies: [ok([])] });
    assert.equal(r.requests[0]!.body.wallet, address);
  });
});
