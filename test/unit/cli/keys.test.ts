import assert from 'node:assert/strict';
import { base58CheckDecode } from '../../../src/auth/nonce';
import { signerFromSeed, verifySignature } from '../../../src/auth/signer';
import { DEV_PHRASE, DEV_PHRASE_ADDRESS, TEST_SEED, WIKI_VECTORS } from '../auth/vectors';
import { cli } from './harness';

describe('cli: address, nonce, sign, verify', () => {
  it('address --seed prints the SS58 address of the seed', async () => {
    const expected = (await signerFromSeed(TEST_SEED)).address;
    const r = await cli(['address', '--seed', TEST_SEED]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${expected}\n`);
    assert.match(r.stderr, /^dbc: warning: --seed on the command line can be read by other users of this machine \(ps, \/proc\).*set DBC_SEED in the environment instead\n$/);
    assert.ok(!r.stderr.includes(TEST_SEED));
    const fromEnv = await cli(['address'], { env: { DBC_SEED: TEST_SEED } });
    assert.equal(fromEnv.stderr, '', 'no warning when the seed comes from the environment');
  });

  it('address --mnemonic and DBC_MNEMONIC give the polkadot-js address', async () => {
    assert.equal((await cli(['address', '--mnemonic', DEV_PHRASE])).stdout.trim(), DEV_PHRASE_ADDRESS);
    assert.equal((await cli(['address'], { env: { DBC_MNEMONIC: DEV_PHRASE } })).stdout.trim(), DEV_PHRASE_ADDRESS);
  });

  it('address --json prints address and public key', async () => {
    const signer = await signerFromSeed(TEST_SEED);
    const r = await cli(['address', '--seed', `0x${TEST_SEED}`, '--json']);
    assert.deepEqual(JSON.parse(r.stdout), { address: signer.address, public_key: signer.publicKeyHex });
  });

  it('a malformed seed exits 2 with a precise message and does not echo it', async () => {
    const r = await cli(['address', '--seed', 'abc123']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dbc: The secret seed must be 64 hexadecimal characters/m);
    assert.ok(!r.stderr.includes('abc123'));
  });

  it('an invalid mnemonic exits 2', async () => {
    const r = await cli(['address', '--mnemonic', 'one two three']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a valid BIP39 phrase/);
  });

  it('no wallet at all exits 2 and says how to give one', async () => {
    const r = await cli(['sign', 'hello']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no wallet: pass --seed HEX or --mnemonic/);
  });

  it('nonce prints a Base58Check of a lowercase UUID, fresh each time', async () => {
    const a = (await cli(['nonce'])).stdout.trim();
    const b = (await cli(['nonce'])).stdout.trim();
    assert.notEqual(a, b);
    const payload = await base58CheckDecode(a);
    assert.ok(payload);
    assert.match(Buffer.from(payload).toString('utf8'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(JSON.parse((await cli(['nonce', '--json'])).stdout).nonce);
  });

  it('sign prints 128 lowercase hex without 0x that verifies against the address', async () => {
    const address = (await signerFromSeed(TEST_SEED)).address;
    const r = await cli(['sign', 'hello dbc', '--seed', TEST_SEED]);
    assert.equal(r.code, 0);
    const sig = r.stdout.trim();
    assert.match(sig, /^[0-9a-f]{128}$/);
    assert.equal(await verifySignature('hello dbc', sig, address), true);
  });

  it('sign takes DBC_SEED from the environment', async () => {
    const address = (await signerFromSeed(TEST_SEED)).address;
    const sig = (await cli(['sign', 'm'], { env: { DBC_SEED: TEST_SEED } })).stdout.trim();
    assert.equal(await verifySignature('m', sig, address), true);
  });

  it('sign refuses --seed together with --mnemonic', async () => {
    const r = await cli(['sign', 'm', '--seed', TEST_SEED, '--mnemonic', DEV_PHRASE]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /either --seed or --mnemonic/);
  });

  for (const [i, v] of WIKI_VECTORS.entries()) {
    it(`verify accepts wiki vector ${i + 1} (exit 0, "valid")`, async () => {
      const r = await cli(['verify', v.message, v.sign, v.wallet]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'valid\n');
    });
  }

  it('verify rejects a tampered message, a 0x signature and a wrong wallet (exit 1, "invalid")', async () => {
    const v = WIKI_VECTORS[0]!;
    for (const args of [[`${v.message}x`, v.sign, v.wallet], [v.message, `0x${v.sign}`, v.wallet], [v.message, v.sign, WIKI_VECTORS[1]!.wallet]]) {
      const r = await cli(['verify', ...args]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, 'invalid\n');
    }
  });

  it('verify --json prints {valid}', async () => {
    const v = WIKI_VECTORS[2]!;
    assert.deepEqual(JSON.parse((await cli(['verify', v.message, v.sign, v.wallet, '--json'])).stdout), { valid: true });
  });

  it('verify with a missing argument is a usage error (exit 2)', async () => {
    const r = await cli(['verify', 'only-one']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^dbc: missing required argument/);
  });

  it('--help exits 0 and shows examples; an unknown command exits 2', async () => {
    const help = await cli(['sign', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:/);
    const bad = await cli(['frobnicate']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown command 'frobnicate'/);
  });
});
