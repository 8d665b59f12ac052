import assert from 'node:assert/strict';
import { maskSecretText, redact, redactJsonText, secretsOf } from '../../../src/api/redact';

const SIG = 'ab'.repeat(64);

describe('api/redact: masking before anything is cut', () => {
  it('masks the exact values a request sent, wherever they are echoed', () => {
    const sent = secretsOf({ wallet: '5F', nonce: 'N1', sign: SIG, additional: { password: 'hunter2!', username: 'dbc' } });
    assert.deepEqual(sent.sort(), [SIG, 'hunter2!'].sort());
    assert.equal(maskSecretText(`bad sign ${SIG.slice(0, 120)}… and password hunter2!`, [SIG.slice(0, 120), 'hunter2!']), 'bad sign ‹redacted›… and password ‹redacted›');
  });

  it('masks values of secret names, also inside JSON strings at any depth of escaping', () => {
    assert.equal(maskSecretText('{"login_password":"pw1","user":"dbc"}'), '{"login_password":"‹redacted›","user":"dbc"}');
    const nested = JSON.stringify({ errcode: 1, message: JSON.stringify({ password: 'pw2', session_id_sign: 'x' }) });
    const masked = maskSecretText(nested);
    assert.doesNotMatch(masked, /pw2/);
    assert.match(masked, /\\"password\\":\\"‹redacted›\\"/);
    assert.equal(maskSecretText('set passwd=abc, ok'), 'set passwd=‹redacted›, ok');
    assert.equal(maskSecretText('no new password: set DBC_VM_PASSWORD'), 'no new password: set DBC_VM_PASSWORD');
    assert.equal(maskSecretText('design: "x"'), 'design: "x"');
  });

  it('masks long hex runs but keeps 64-hex node ids', () => {
    const node = 'cd'.repeat(32);
    assert.equal(maskSecretText(`node ${node} sig 0x${SIG}`), `node ${node} sig ‹redacted›`);
  });

  it('redacts JSON texts inside string values too', () => {
    const text = JSON.stringify({ errcode: 0, message: `{"password":"pw3"}` });
    assert.doesNotMatch(redactJsonText(text), /pw3/);
    assert.deepEqual(redact({ sign: SIG, nonce: 'abcdefghij', wallet: '5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4' }), {
      sign: '‹redacted›', nonce: 'abcd…', wallet: '5Dy8UL…2Zj4',
    });
  });
});
