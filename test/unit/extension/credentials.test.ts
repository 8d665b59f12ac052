// The credential store (secrets only in SecretStorage, validated reads), the keyring that checks keys and
// builds signers, and which credential a node uses.
import * as assert from 'assert';
import type { DbcClient } from '../../../src/api/client';
import { signSessionId } from '../../../src/auth/credentials';
import { signerFromSeed } from '../../../src/auth/signer';
import { Access } from '../../../src/access/access';
import { CredentialStore, type MementoLike, type SecretStorageLike } from '../../../src/secrets/credentialStore';
import { Keyring } from '../../../src/access/keyring';
import { DEMO_OTHER_ADDRESS, DEMO_OTHER_SEED, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED } from '../../../src/sim/demo';

const NODE = 'c'.repeat(64);
const OTHER_NODE = 'd'.repeat(64);

class MapSecrets implements SecretStorageLike {
  readonly map = new Map<string, string>();
  reads = 0;
  async get(key: string) { this.reads++; return this.map.get(key); }
  async store(key: string, value: string) { this.map.set(key, value); }
  async delete(key: string) { this.map.delete(key); }
}

class MapMemento implements MementoLike {
  readonly map = new Map<string, unknown>();
  get<T>(key: string) { return this.map.get(key) as T | undefined; }
  async update(key: string, value: unknown) { this.map.set(key, JSON.parse(JSON.stringify(value))); }
}

function setup() {
  const secrets = new MapSecrets();
  const state = new MapMemento();
  let n = 0;
  const store = new CredentialStore(secrets, state);
  const keyring = new Keyring(store, () => `id${++n}`, () => n);
  return { secrets, state, store, keyring };
}

describe('CredentialStore and Keyring', function () {
  this.timeout(20_000);

  it('keeps the seed only in secret storage and the address in globalState', async () => {
    const { secrets, state, store, keyring } = setup();
    const meta = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED, label: 'demo' });
    assert.strictEqual(meta.address, DEMO_RENTER_ADDRESS);
    assert.doesNotMatch(JSON.stringify([...state.map]), /2ac360e8/, 'no secret in globalState');
    assert.match([...secrets.map.values()].join(), /2ac360e8/);
    assert.strictEqual(store.bindings().defaultId, meta.id, 'the first wallet becomes the default');
    const credential = await keyring.credential(meta.id);
    const fields = await credential.authFields() as { wallet: string; sign: string };
    assert.strictEqual(fields.wallet, DEMO_RENTER_ADDRESS);
    assert.match(fields.sign, /^[0-9a-f]{128}$/);
  });

  it('re-importing the same wallet replaces it instead of duplicating it', async () => {
    const { store, keyring } = setup();
    const first = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const again = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED.slice(2), label: 'renamed' });
    assert.strictEqual(again.id, first.id);
    assert.strictEqual(store.list().length, 1);
    assert.strictEqual(store.list()[0]!.label, 'renamed');
  });

  it('rejects a bad seed before storing anything', async () => {
    const { secrets, keyring } = setup();
    await assert.rejects(keyring.importWallet({ form: 'seed', seed: '1234' }), /64 hexadecimal/);
    assert.strictEqual(secrets.map.size, 0);
  });

  it('imports shared access only with a valid renter signature, and binds its node', async () => {
    const { store, keyring } = setup();
    const signer = await signerFromSeed(DEMO_RENTER_SEED);
    const pair = await signSessionId(signer, 'SESSIONID123456');
    const meta = await keyring.importSession({ nodeId: NODE, sessionId: pair.session_id, sessionIdSign: pair.session_id_sign, renter: DEMO_RENTER_ADDRESS });
    assert.strictEqual(meta.kind, 'session');
    assert.strictEqual(store.bindings().nodes[NODE], meta.id);
    await assert.rejects(keyring.importSession({ nodeId: NODE, sessionId: 'OTHER', sessionIdSign: pair.session_id_sign, renter: DEMO_RENTER_ADDRESS }), /signature/);
    const auth = await (await keyring.credential(meta.id)).authFields();
    assert.deepStrictEqual(auth, pair);
  });

  it('treats malformed stored JSON as absent', async () => {
    const { store, state, secrets, keyring } = setup();
    state.map.set('dbc.credentials.v1', [{ id: 'x', kind: 'wallet' }, 'junk', { id: 'y', kind: 'wallet', label: 'ok', address: 'A', form: 'seed' }]);
    assert.deepStrictEqual(store.list().map((m) => m.id), ['y']);
    secrets.map.set('dbc.credential.y', '{not json');
    await assert.rejects(keyring.credential('y'), /missing or damaged/);
  });

  it('parses a stored list once, reads a newly stored one, and never shares its own array', async () => {
    const { store, state, keyring } = setup();
    const meta = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const first = store.list();
    first.pop();
    assert.deepStrictEqual(store.list().map((m) => m.id), [meta.id], 'a caller changing its copy changes nothing');
    assert.strictEqual(store.list()[0], store.list()[0], 'the same stored value is parsed once');
    state.map.set('dbc.credentials.v1', [{ id: 'other', kind: 'wallet', label: 'x', address: 'A', form: 'seed' }]); // another window
    assert.deepStrictEqual(store.list().map((m) => m.id), ['other']);
    state.map.delete('dbc.credentials.v1');
    assert.deepStrictEqual(store.list(), []);
  });

  it('reads a derived polling session from secret storage once, until it is saved again, cleared or changed elsewhere', async () => {
    const { store, secrets, keyring } = setup();
    const sign = 'ab'.repeat(64);
    await store.saveDerivedSession(NODE, 'ADDR', 'sid-1', sign);
    secrets.reads = 0;
    for (let i = 0; i < 5; i++) assert.strictEqual((await store.derivedSession(NODE, 'ADDR'))?.sessionId, 'sid-1');
    assert.strictEqual(secrets.reads, 1, 'one read for five polls');
    await store.saveDerivedSession(NODE, 'ADDR', 'sid-2', sign);
    assert.strictEqual((await store.derivedSession(NODE, 'ADDR'))?.sessionId, 'sid-2');
    const key = [...secrets.map.keys()].find((k) => k.startsWith('dbc.derivedSession.'))!;
    secrets.map.set(key, JSON.stringify({ form: 'session', sessionId: 'sid-3', sessionIdSign: sign })); // another window
    assert.strictEqual((await store.derivedSession(NODE, 'ADDR'))?.sessionId, 'sid-2', 'kept until told');
    keyring.secretChanged(key);
    assert.strictEqual((await store.derivedSession(NODE, 'ADDR'))?.sessionId, 'sid-3');
    await store.clearDerivedSession(NODE, 'ADDR');
    assert.strictEqual(await store.derivedSession(NODE, 'ADDR'), undefined);
    assert.strictEqual(await store.derivedSession(OTHER_NODE, 'ADDR'), undefined);
  });

  it('removes the secret, the metadata and the bindings', async () => {
    const { store, secrets, keyring } = setup();
    const meta = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    await store.setBinding(NODE, meta.id);
    await store.remove(meta.id);
    assert.strictEqual(secrets.map.size, 0);
    assert.deepStrictEqual(store.list(), []);
    assert.deepStrictEqual(store.bindings(), { nodes: {} });
  });

  it('builds a multisig account from stored member wallets', async () => {
    const { keyring } = setup();
    const w1 = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const w2 = await keyring.importWallet({ form: 'seed', seed: DEMO_OTHER_SEED });
    const meta = await keyring.importMultisig({ wallets: [DEMO_RENTER_ADDRESS, DEMO_OTHER_ADDRESS], threshold: 2, signerIds: [w1.id, w2.id] });
    assert.strictEqual(meta.kind, 'multisig');
    const fields = await (await keyring.credential(meta.id)).authFields() as { multisig_accounts: { threshold: string; signs: unknown[] } };
    assert.strictEqual(fields.multisig_accounts.threshold, '2');
    assert.strictEqual(fields.multisig_accounts.signs.length, 2);
  });
});

describe('Access: which credential a node uses', function () {
  this.timeout(20_000);

  it('prefers the node\'s own choice, then shared access for it, then the default', async () => {
    const { store, keyring } = setup();
    const wallet = await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const other = await keyring.importWallet({ form: 'seed', seed: DEMO_OTHER_SEED });
    const access = new Access(store, keyring, { sessionPolling: () => true });
    assert.strictEqual(access.identity(NODE)?.id, wallet.id);
    await store.setBinding(NODE, other.id);
    assert.strictEqual(access.identity(NODE)?.id, other.id);
    assert.strictEqual(access.identity(OTHER_NODE)?.id, wallet.id);
    assert.deepStrictEqual(access.summary({ endpoint: 'x', nodeId: NODE }), { kind: 'wallet', label: other.label, address: DEMO_OTHER_ADDRESS });
  });

  it('reads first with the wallet, derives a session once that read is done, polls with the session after, and forgets it when refused', async () => {
    const { store, keyring } = setup();
    await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    let m2Calls = 0;
    const client = { sessionId: async () => { m2Calls++; return 'DERIVEDSESSION42'; } } as unknown as DbcClient;
    const access = new Access(store, keyring, { sessionPolling: () => true });
    const first = await access.forRead(NODE);
    assert.strictEqual(first?.kind, 'wallet', 'the first read does not wait for a session');
    assert.strictEqual((await access.forRead(NODE))?.kind, 'wallet');
    assert.strictEqual(m2Calls, 0, 'nothing is derived before a read is done');
    await Promise.all([access.afterRead(NODE, client, first!), access.afterRead(NODE, client, first!)]);
    assert.strictEqual(m2Calls, 1, 'the session id is fetched once');
    const second = await access.forRead(NODE);
    assert.strictEqual(second?.kind, 'session');
    await access.afterRead(NODE, client, second!);
    await access.afterRead(NODE, client, first!);
    assert.strictEqual(m2Calls, 1, 'not again once there is a session');
    const fields = await second!.authFields() as { session_id: string };
    assert.strictEqual(fields.session_id, 'DERIVEDSESSION42');
    const { GpuNodeError } = await import('../../../src/api/errors');
    await access.readRefused(NODE, second!, new GpuNodeError('tasks.list', -3, 'check authority failed: session_id is invalid'));
    const third = await access.forRead(NODE);
    assert.strictEqual(third?.kind, 'wallet', 'a refused session is forgotten');
    await access.afterRead(NODE, client, third!);
    await access.settled();
    assert.strictEqual(m2Calls, 2, 'a refused session is derived again');
    assert.strictEqual((await access.forWrite(NODE))?.kind, 'wallet', 'actions still use the wallet');
  });

  it('falls back to the wallet when no session can be derived, and does not retry at once', async () => {
    const { store, keyring } = setup();
    await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const { GpuNodeError } = await import('../../../src/api/errors');
    let calls = 0;
    const client = { sessionId: async () => { calls++; throw new GpuNodeError('m2', -3, 'check authority failed: machine is not be rented'); } } as unknown as DbcClient;
    const access = new Access(store, keyring, { sessionPolling: () => true });
    const wallet = (await access.forRead(NODE))!;
    assert.strictEqual(wallet.kind, 'wallet');
    await access.afterRead(NODE, client, wallet);
    assert.strictEqual((await access.forRead(NODE))?.kind, 'wallet');
    await access.afterRead(NODE, client, wallet);
    assert.strictEqual(calls, 1);
    const noPolling = new Access(store, keyring, { sessionPolling: () => false });
    assert.strictEqual((await noPolling.forRead(OTHER_NODE))?.kind, 'wallet');
    await noPolling.afterRead(OTHER_NODE, client, wallet);
    assert.strictEqual(calls, 1, 'no session without session polling');
  });
});
