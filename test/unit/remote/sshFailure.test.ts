// What the user reads per SshError code, and which action is offered.
import * as assert from 'assert';
import { describeSshFailure, SSH_FAILURE_TEXT } from '../../../src/flows/connect/model/sshFailure';
import type { SshErrorCode } from '../../../src/ssh/core/sshErrors';

const ctx = { vm: 'demo-vm', endpoint: '127.0.0.1:20022', user: 'dbc', recreated: false };

describe('remote: SSH failure texts', () => {
  it('is silent for a cancel', () => {
    assert.strictEqual(describeSshFailure('aborted', ctx), undefined);
  });

  it('offers "Reset known host" for a changed host key only when the VM was re-created', () => {
    const recreated = describeSshFailure('host-key-changed', { ...ctx, recreated: true })!;
    assert.deepStrictEqual(recreated.actions, ['resetKnownHost']);
    const suspicious = describeSshFailure('host-key-changed', ctx)!;
    assert.deepStrictEqual(suspicious.actions, []);
    assert.match(suspicious.template, /intercepting/);
    assert.deepStrictEqual(suspicious.args, ['demo-vm', '127.0.0.1:20022']);
  });

  it('offers "Set password" when the password login is refused, "Connect when ready" when SSH does not answer', () => {
    assert.deepStrictEqual(describeSshFailure('auth-failed', ctx)!.actions, ['setPassword']);
    assert.deepStrictEqual(describeSshFailure('connect-failed', ctx)!.actions, ['connectWhenReady']);
    assert.deepStrictEqual(describeSshFailure('timeout', ctx)!.actions, ['connectWhenReady']);
  });

  it('has a template for every code, with as many arguments as placeholders', () => {
    const codes: SshErrorCode[] = ['host-key-changed', 'host-key-revoked', 'auth-failed', 'connect-failed', 'timeout', 'remote-failed'];
    for (const code of codes) {
      for (const recreated of [false, true]) {
        const text = describeSshFailure(code, { ...ctx, recreated })!;
        assert.ok((Object.values(SSH_FAILURE_TEXT) as string[]).includes(text.template), code);
        assert.strictEqual((text.template.match(/\{\d\}/g) ?? []).length, text.args.length, code);
        if (text.hint) assert.ok((Object.values(SSH_FAILURE_TEXT) as string[]).includes(text.hint));
      }
    }
  });

  it('never carries a password', () => {
    const text = JSON.stringify(describeSshFailure('auth-failed', ctx));
    assert.ok(!/pw|password"/.test(text.replace(/login password/g, '')));
  });
});
