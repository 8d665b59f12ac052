import assert from 'node:assert/strict';
import { loadCrypto } from '../../../src/auth/crypto';
import { MultisigCredential, SessionCredential, signSessionId, WalletCredential } from '../../../src/auth/credentials';
import { CredentialError } from '../../../src/auth/errors';
import { decodeSessionBundle, encodeSessionBundle } from '../../../src/auth/sessionBundle';
import { signerFromSeed, verifySignature } from '../../../src/auth/signer';
import type { MultisigAuthFields, WalletAuthFields } from '../../../src/api/types';
import { TEST_SEED } from './vectors';

const seed = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

describe('auth/credentials', () => {
  it('wallet form: a fresh nonce and a valid signature of exactly that nonce on every call', async () => {
    const signer = await signerFromSeed(TEST_SEED);
    const cred = new WalletCredential(signer);
    const a = (await cred.authFields()) as WalletAuthFields;
    const b = (await cred.authFields()) as WalletAuthFields;
    assert.equal(a.wallet, signer.address);
    assert.notEqual(a.nonce, b.nonce);
    assert.equal(await verifySignature(a.nonce, a.sign, a.wallet), true);
    assert.equal(await verifySignature(b.nonce, a.sign, a.wallet), false);
  });

  it('multisig form: threshold as a string, one own fresh nonce per signing member, account independent of member order', async () => {
    const [s1, s2, s3] = await Promise.all([1, 2, 3].map((n) => signerFromSeed(seed(n))));
    const wallets = [s1!.address, s2!.address, s3!.address];
    const cred = await MultisigCredential.create({ wallets, threshold: 2, signers: [s1!, s3!] });
    const reordered = await MultisigCredential.create({ wallets: [...wallets].reverse(), threshold: 2, signers: [s3!, s1!] });
    assert.equal(cred.address, reordered.address);
    const { utilCrypto } = await loadCrypto();
    assert.equal(cred.address, utilCrypto.encodeAddress(utilCrypto.createKeyMulti(wallets, 2), 42));
    const { multisig_accounts: m } = (await cred.authFields()) as MultisigAuthFields;
    assert.equal(m.threshold, '2');
    assert.deepEqual(m.wallets, wallets);
    assert.equal(m.signs.length, 2);
    assert.notEqual(m.signs[0]!.nonce, m.signs[1]!.nonce);
    for (const s of m.signs) assert.equal(await verifySignature(s.nonce, s.sign, s.wallet), true);
  });

  it('multisig form: refuses a bad threshold, an outsider signer, too few signers and duplicate members', async () => {
    const [s1, s2, s3] = await Promise.all([1, 2, 3].map((n) => signerFromSeed(seed(n))));
    const wallets = [s1!.address, s2!.address];
    const code = (c: string) => (e: unknown) => e instanceof CredentialError && e.code === c;
    await assert.rejects(MultisigCredential.create({ wallets, threshold: 3, signers: [s1!, s2!] }), code('multisig-threshold'));
    await assert.rejects(MultisigCredential.create({ wallets, threshold: 0, signers: [s1!] }), code('multisig-threshold'));
    await assert.rejects(MultisigCredential.create({ wallets, threshold: 1, signers: [s3!] }), code('multisig-signers'));
    await assert.rejects(MultisigCredential.create({ wallets, threshold: 2, signers: [s1!, s1!] }), code('multisig-signers'));
    await assert.rejects(MultisigCredential.create({ wallets: [s1!.address, s1!.address], threshold: 1, signers: [s1!] }), code('multisig-members'));
  });

  it('session form: sends the pair as given; the renter helper signs the session_id itself', async () => {
    const renter = await signerFromSeed(TEST_SEED);
    const sessionId = '3QRjS1PsbDReGJKVBBRqxUh9RqXB5jbfHJ8bMgGoJ3C9HHHHm9rCmmh';
    const pair = await signSessionId(renter, sessionId);
    assert.equal(await verifySignature(sessionId, pair.session_id_sign, renter.address), true);
    const cred = new SessionCredential(pair.session_id, pair.session_id_sign, renter.address);
    assert.deepEqual(await cred.authFields(), pair);
    assert.throws(() => new SessionCredential(sessionId, 'abc', renter.address), CredentialError);
  });

  it('session bundle: round trip, plain JSON accepted, a signature of another renter refused', async () => {
    const renter = await signerFromSeed(TEST_SEED);
    const other = await signerFromSeed(seed(7));
    const { session_id, session_id_sign } = await signSessionId(renter, 'sid-123');
    const bundle = { node_id: 'ab'.repeat(32), renter: renter.address, session_id, session_id_sign, endpoint: 'http://127.0.0.1:5002' };
    const text = encodeSessionBundle(bundle);
    assert.match(text, /^dbc-session:[A-Za-z0-9_-]+$/);
    assert.deepEqual(await decodeSessionBundle(text), bundle);
    assert.deepEqual(await decodeSessionBundle(JSON.stringify(bundle)), bundle);
    await assert.rejects(decodeSessionBundle(encodeSessionBundle({ ...bundle, renter: other.address })), (e: unknown) => e instanceof CredentialError && e.code === 'session-signature');
    await assert.rejects(decodeSessionBundle('hello'), (e: unknown) => e instanceof CredentialError && e.code === 'session-format');
    await assert.rejects(decodeSessionBundle('{"node_id":"x"}'), /no "renter"/);
  });
});
