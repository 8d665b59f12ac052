import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { utils } from 'ssh2';
import { chooseKey, describePublicKey, ensureDedicatedKey, findUserKeys, generateEd25519Pair } from '../../../src/ssh/core/keys';
import { makeTempHome, modeOf, type TempHome } from './helpers/tempHome';

describe('ssh keys', () => {
  let t: TempHome;
  beforeEach(() => (t = makeTempHome()));
  afterEach(() => t.cleanup());

  function userKey(name: string, type: 'ed25519' | 'ecdsa', withPrivate = true): string {
    const pair = type === 'ecdsa' ? utils.generateKeyPairSync('ecdsa', { bits: 256, comment: 'me@laptop' }) : generateEd25519Pair('me@laptop');
    fs.mkdirSync(t.paths.sshDir, { recursive: true, mode: 0o700 });
    if (withPrivate) fs.writeFileSync(path.join(t.paths.sshDir, name), pair.private, { mode: 0o600 });
    fs.writeFileSync(path.join(t.paths.sshDir, `${name}.pub`), `${pair.public}\n`);
    return pair.public;
  }

  it('generates ed25519 pairs that always parse (ssh2 alone fails about 1 in 256)', () => {
    for (let i = 0; i < 1500; i++) {
      const pair = generateEd25519Pair('loop');
      assert.ok(!(utils.parseKey(pair.private) instanceof Error), pair.private);
      assert.strictEqual(describePublicKey(pair.public).type, 'ssh-ed25519');
    }
  });

  it('finds nothing in an empty home', async () => {
    assert.deepStrictEqual(await findUserKeys({ paths: t.paths }), []);
  });

  it('finds complete user key pairs in ed25519, rsa, ecdsa order', async () => {
    const ecdsa = userKey('id_ecdsa', 'ecdsa');
    const ed = userKey('id_ed25519', 'ed25519');
    userKey('id_rsa', 'ed25519', false); // .pub without private key: skipped
    fs.writeFileSync(path.join(t.paths.sshDir, 'id_dsa.pub'), 'garbage');
    const keys = await findUserKeys({ paths: t.paths });
    assert.deepStrictEqual(keys.map((k) => [path.basename(k.privateKeyPath), k.publicKey, k.source]), [
      ['id_ed25519', ed, 'user'],
      ['id_ecdsa', ecdsa, 'user'],
    ]);
    assert.match(keys[0].fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('generates the dedicated ed25519 key once (600 / 644, folder 700)', async () => {
    const first = await ensureDedicatedKey({ paths: t.paths }, 'dbc-vscode@test');
    assert.strictEqual(first.privateKeyPath, t.paths.identity);
    assert.strictEqual(first.type, 'ssh-ed25519');
    assert.match(first.publicKey, /^ssh-ed25519 \S+ dbc-vscode@test$/);
    assert.strictEqual(modeOf(t.paths.identity), 0o600);
    assert.strictEqual(modeOf(`${t.paths.identity}.pub`), 0o644);
    assert.strictEqual(modeOf(t.paths.dbcDir), 0o700);
    assert.match(fs.readFileSync(t.paths.identity, 'utf8'), /^-----BEGIN OPENSSH PRIVATE KEY-----/);
    const again = await ensureDedicatedKey({ paths: t.paths });
    assert.deepStrictEqual(again, first);
  });

  it('re-derives a lost .pub of the dedicated key', async () => {
    const first = await ensureDedicatedKey({ paths: t.paths });
    fs.unlinkSync(first.publicKeyPath);
    const again = await ensureDedicatedKey({ paths: t.paths });
    assert.strictEqual(again.fingerprint, first.fingerprint);
  });

  it('generates one key even when asked concurrently', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => ensureDedicatedKey({ paths: t.paths })));
    assert.strictEqual(new Set(keys.map((k) => k.fingerprint)).size, 1);
  });

  it('chooses a user key first, the dedicated one when asked or when there is none', async () => {
    assert.strictEqual((await chooseKey({ paths: t.paths })).source, 'dedicated');
    userKey('id_ed25519', 'ed25519');
    assert.strictEqual((await chooseKey({ paths: t.paths })).source, 'user');
    assert.strictEqual((await chooseKey({ paths: t.paths }, { preferDedicated: true })).source, 'dedicated');
  });

  it('refuses text that is not a public key', () => {
    assert.throws(() => describePublicKey('hello'));
    assert.throws(() => describePublicKey(generateEd25519Pair().private));
  });
});
