// Which key the bootstrap installs: setting, remembered choice, QuickPick, or the dedicated key.
import * as assert from 'assert';
import { keyDecision, storedKeyOf } from '../../../src/flows/connect/model/keyChoice';
import type { KeyPairFiles } from '../../../src/ssh/core/keys';

const key = (name: string, source: 'user' | 'dedicated' = 'user'): KeyPairFiles => ({
  privateKeyPath: `/h/.ssh/${name}`, publicKeyPath: `/h/.ssh/${name}.pub`, publicKey: 'ssh-ed25519 AAAA x', type: 'ssh-ed25519', fingerprint: 'SHA256:x', source,
});

describe('remote: key choice', () => {
  const ed = key('id_ed25519');
  const rsa = key('id_rsa');

  it('uses dbc.ssh.identityFile over everything', () => {
    assert.deepStrictEqual(keyDecision(' ~/.ssh/work ', { kind: 'dedicated' }, [ed]), { kind: 'forced', privateKeyPath: '~/.ssh/work' });
  });

  it('asks once when the user has keys, then keeps the answer', () => {
    assert.deepStrictEqual(keyDecision('', undefined, [ed, rsa]), { kind: 'ask', userKeys: [ed, rsa] });
    assert.deepStrictEqual(keyDecision('', storedKeyOf(rsa), [ed, rsa]), { kind: 'user', key: rsa });
    assert.deepStrictEqual(keyDecision('', storedKeyOf(key('id_ed25519', 'dedicated')), [ed]), { kind: 'dedicated' });
  });

  it('makes the dedicated key without asking when the user has none', () => {
    assert.deepStrictEqual(keyDecision(undefined, undefined, []), { kind: 'dedicated' });
  });

  it('asks again when the remembered key is gone', () => {
    assert.deepStrictEqual(keyDecision('', { kind: 'user', privateKeyPath: '/h/.ssh/id_ecdsa' }, [ed]), { kind: 'ask', userKeys: [ed] });
    assert.deepStrictEqual(keyDecision('', { kind: 'user', privateKeyPath: '/h/.ssh/id_ecdsa' }, []), { kind: 'dedicated' });
  });
});
