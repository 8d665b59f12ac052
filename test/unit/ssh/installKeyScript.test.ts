// Runs the remote install script with the local /bin/sh against a temp HOME.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { installKeyScript } from '../../../src/ssh/core/bootstrap';
import { makeTempHome, modeOf, type TempHome } from './helpers/tempHome';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';

describe('ssh installKeyScript', () => {
  let t: TempHome;
  beforeEach(() => (t = makeTempHome()));
  afterEach(() => t.cleanup());

  const run = (publicKey: string): string => {
    const r = spawnSync('/bin/sh', ['-c', installKeyScript(publicKey)], { env: { HOME: t.home, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const authorized = (): string => path.join(t.home, '.ssh', 'authorized_keys');
  const key = (comment: string): string => generateEd25519Pair(comment).public;

  it('creates ~/.ssh (700) and authorized_keys (600) and adds the key once', () => {
    const k = key("o'brien $(whoami) `id`");
    assert.strictEqual(run(k), 'added');
    assert.strictEqual(run(k), 'present');
    assert.strictEqual(fs.readFileSync(authorized(), 'utf8'), `${k}\n`);
    assert.strictEqual(modeOf(path.join(t.home, '.ssh')), 0o700);
    assert.strictEqual(modeOf(authorized()), 0o600);
  });

  it('counts the same key with another comment as present', () => {
    const k = key('one');
    run(k);
    assert.strictEqual(run(k.replace(/ one$/, ' two')), 'present');
  });

  it('keeps existing lines and fixes a missing final newline', () => {
    fs.mkdirSync(path.join(t.home, '.ssh'), { mode: 0o755 });
    const existing = `${key('old')}`;
    fs.writeFileSync(authorized(), existing, { mode: 0o644 });
    const k = key('new');
    assert.strictEqual(run(k), 'added');
    assert.strictEqual(fs.readFileSync(authorized(), 'utf8'), `${existing}\n${k}\n`);
    assert.strictEqual(modeOf(authorized()), 0o600);
  });

  it('rejects a multi-line key', () => {
    assert.throws(() => installKeyScript('ssh-ed25519 AAAA x\nssh-rsa BBBB y'));
  });
});
