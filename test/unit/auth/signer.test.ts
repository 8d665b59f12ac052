import assert from 'node:assert/strict';
import { loadCrypto } from '../../../src/auth/crypto';
import { CredentialError } from '../../../src/auth/errors';
import { normalizeAddress, signerFromKeystore, signerFromMnemonic, signerFromSeed, verifySignature } from '../../../src/auth/signer';
import { DEV_PHRASE, DEV_PHRASE_ADDRESS, TEST_SEED, WIKI_VECTORS } from './vectors';

describe('auth/signer', () => {
  describe('verifySignature (strict, as the GPU node)', () => {
    for (const v of WIKI_VECTORS) {
      it(`accepts the wiki vector of ${v.wallet.slice(0, 8)} over ${v.message.slice(0, 8)}`, async () => {
        assert.equal(await verifySignature(v.message, v.sign, v.wallet), true);
      });
    }

    it('rejects a vector with one flipped signature nibble, another message, or another wallet', async () => {
      const v = WIKI_VECTORS[0]!;
      const flipped = (v.sign[0] === 'a' ? 'b' : 'a') + v.sign.slice(1);
      assert.equal(await verifySignature(v.message, flipped, v.wallet), false);
      assert.equal(await verifySignature(`${v.message}x`, v.sign, v.wallet), false);
      assert.equal(await verifySignature(v.message, v.sign, WIKI_VECTORS[1]!.wallet), false);
    });

    it('rejects a 0x prefix, a short signature and a garbage wallet instead of throwing', async () => {
      const v = WIKI_VECTORS[0]!;
      assert.equal(await verifySignature(v.message, `0x${v.sign}`, v.wallet), false);
      assert.equal(await verifySignature(v.message, v.sign.slice(2), v.wallet), false);
      assert.equal(await verifySignature(v.message, v.sign, 'not-a-wallet'), false);
    });

    it('accepts the wallet as a 64-hex public key too', async () => {
      const v = WIKI_VECTORS[0]!;
      const { utilCrypto, util } = await loadCrypto();
      const hex = util.u8aToHex(utilCrypto.decodeAddress(v.wallet)).slice(2);
      assert.equal(await verifySignature(v.message, v.sign, hex), true);
    });
  });

  describe('signerFromSeed', () => {
    it('signs the raw bytes: strict verify passes, a <Bytes>-wrapped message or the hex form does not', async () => {
      const signer = await signerFromSeed(TEST_SEED);
      const message = '5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6';
      const sig = await signer.sign(message);
      assert.match(sig, /^[0-9a-f]{128}$/);
      assert.equal(await verifySignature(message, sig, signer.address), true);
      assert.equal(await verifySignature(`<Bytes>${message}</Bytes>`, sig, signer.address), false);
      const { utilCrypto, util } = await loadCrypto();
      const raw = util.hexToU8a(`0x${sig}`);
      const pk = util.hexToU8a(`0x${signer.publicKeyHex}`);
      assert.equal(utilCrypto.sr25519Verify(util.stringToU8a(message), raw, pk), true);
      assert.equal(utilCrypto.sr25519Verify(util.stringToU8a(`<Bytes>${message}</Bytes>`), raw, pk), false);
      assert.equal(utilCrypto.sr25519Verify(util.stringToU8a(util.stringToHex(message)), raw, pk), false);
    });

    it('gives the same key with or without 0x and in upper case, and an SS58 address with prefix 42', async () => {
      const a = await signerFromSeed(TEST_SEED);
      const b = await signerFromSeed(`0x${TEST_SEED.toUpperCase()}`);
      assert.equal(a.address, b.address);
      assert.match(a.address, /^5[1-9A-HJ-NP-Za-km-z]{47}$/);
      assert.equal(await normalizeAddress(a.publicKeyHex), a.address);
    });

    it('produces different (randomized) signatures that all verify', async () => {
      const s = await signerFromSeed(TEST_SEED);
      const [x, y] = [await s.sign('m'), await s.sign('m')];
      assert.notEqual(x, y);
      assert.equal(await verifySignature('m', x, s.address), true);
      assert.equal(await verifySignature('m', y, s.address), true);
    });

    for (const bad of ['', 'abc', TEST_SEED.slice(1), `${TEST_SEED}00`, `${TEST_SEED.slice(2)}zz`]) {
      it(`rejects the malformed seed "${bad.slice(0, 10)}…" with a seed-format error`, async () => {
        await assert.rejects(signerFromSeed(bad), (e: unknown) => e instanceof CredentialError && e.code === 'seed-format');
      });
    }
  });

  describe('signerFromMnemonic', () => {
    it('derives the polkadot-js root sr25519 key of the development phrase', async () => {
      const s = await signerFromMnemonic(`  ${DEV_PHRASE.replace(/ /g, '   ')} `);
      assert.equal(s.address, DEV_PHRASE_ADDRESS);
    });

    it('signs with that key (in WebAssembly): util-crypto\'s pure-JS sr25519 verifies it against the phrase\'s address', async () => {
      const s = await signerFromMnemonic(DEV_PHRASE);
      const { utilCrypto, util, wasm } = await loadCrypto();
      assert.equal(wasm.isReady(), true);
      const sig = util.hexToU8a(`0x${await s.sign('nonce-1')}`);
      assert.equal(utilCrypto.sr25519Verify(util.stringToU8a('nonce-1'), sig, utilCrypto.decodeAddress(DEV_PHRASE_ADDRESS)), true);
      assert.equal(utilCrypto.sr25519Verify(util.stringToU8a('nonce-2'), sig, utilCrypto.decodeAddress(DEV_PHRASE_ADDRESS)), false);
    });

    it('rejects a phrase with a wrong word', async () => {
      await assert.rejects(signerFromMnemonic(DEV_PHRASE.replace('drive', 'drove')), (e: unknown) => e instanceof CredentialError && e.code === 'mnemonic-invalid');
    });
  });

  describe('signerFromKeystore', function () {
    this.timeout(60_000); // scrypt key derivation is deliberately slow
    async function keystore(type: 'sr25519' | 'ed25519', password: string) {
      const { keyring } = await loadCrypto();
      const pair = new keyring.Keyring({ type, ss58Format: 42 }).addFromUri(`0x${TEST_SEED}`);
      return { json: pair.toJson(password), address: pair.address };
    }

    it('imports a polkadot-js sr25519 export with its password, from an object or a JSON string', async () => {
      const { json, address } = await keystore('sr25519', 'correct horse');
      assert.equal((await signerFromKeystore(json, 'correct horse')).address, address);
      const s = await signerFromKeystore(JSON.stringify(json), 'correct horse');
      assert.equal(await verifySignature('n', await s.sign('n'), address), true);
    });

    it('refuses a wrong password, an ed25519 keystore and non-keystore JSON with distinct errors', async () => {
      const { json } = await keystore('sr25519', 'pw');
      await assert.rejects(signerFromKeystore(json, 'nope'), (e: unknown) => e instanceof CredentialError && e.code === 'keystore-password');
      const ed = await keystore('ed25519', 'pw');
      await assert.rejects(signerFromKeystore(ed.json, 'pw'), (e: unknown) => e instanceof CredentialError && e.code === 'keystore-type');
      await assert.rejects(signerFromKeystore('{"a":1}', 'pw'), (e: unknown) => e instanceof CredentialError && e.code === 'keystore-format');
      await assert.rejects(signerFromKeystore('{', 'pw'), (e: unknown) => e instanceof CredentialError && e.code === 'keystore-format');
    });
  });
});
