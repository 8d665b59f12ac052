import assert from 'node:assert/strict';
import { base58CheckDecode, base58CheckEncode, createNonce } from '../../../src/auth/nonce';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('auth/nonce', () => {
  it('decodes the wiki nonce to its UUID (Base58Check of the UUID text)', async () => {
    const payload = await base58CheckDecode('5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6');
    assert.equal(Buffer.from(payload!).toString('utf8'), 'a2abb402-29ae-4957-bf37-5961d529c1b8');
  });

  it('re-encodes that UUID to the same wiki nonce', async () => {
    const text = await base58CheckEncode(Buffer.from('a2abb402-29ae-4957-bf37-5961d529c1b8', 'utf8'));
    assert.equal(text, '5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6');
  });

  it('makes 10,000 nonces that all decode as Base58Check of a lowercase v4 UUID and never repeat', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const nonce = await createNonce();
      assert.ok(!seen.has(nonce), `nonce repeated: ${nonce}`);
      seen.add(nonce);
      const payload = await base58CheckDecode(nonce);
      assert.ok(payload, `not Base58Check: ${nonce}`);
      assert.match(Buffer.from(payload).toString('utf8'), UUID);
    }
  });

  it('rejects a nonce whose checksum is wrong or whose alphabet is not base58', async () => {
    const good = await createNonce(() => 'a2abb402-29ae-4957-bf37-5961d529c1b8');
    const last = good.at(-1) === 'z' ? 'y' : 'z';
    assert.equal(await base58CheckDecode(good.slice(0, -1) + last), undefined);
    assert.equal(await base58CheckDecode('0OIl'), undefined);
  });
});
