// What the user reads for each error family, and the log masking.
import * as assert from 'assert';
import { ClientNodeError, GpuNodeError, ReplyParseError, TransportError } from '../../../src/api/errors';
import { CredentialError } from '../../../src/auth/errors';
import { UnsafeTargetError } from '../../../src/ssh/core/fileTarget';
import { SshConfigConflict } from '../../../src/ssh/core/hostFence';
import { englishT } from '../../../src/ui/model/translate';
import { OperationFailed, UserCancelled, UserFacingError } from '../../../src/ui/model/errors';
import { describeError, errorLine } from '../../../src/ui/model/errorText';
import { maskSecrets } from '../../../src/ui/model/logger';

const URL = 'http://127.0.0.1:5002';
const d = (err: unknown) => describeError(err, englishT, URL);

describe('error texts', () => {
  it('is silent for cancellations', () => {
    assert.strictEqual(d(new UserCancelled()).kind, 'cancel');
    assert.strictEqual(d(new TransportError('tasks.list', 'aborted', undefined, 'cancelled')).kind, 'cancel');
    assert.strictEqual(d(new OperationFailed('Starting x failed', new UserCancelled())).kind, 'cancel');
  });

  it('points authority failures at the wallet or the rental, with the node\'s reason', () => {
    const t = d(new GpuNodeError('tasks.start', -3, 'check authority failed: wallet not rented'));
    assert.strictEqual(t.kind, 'authority');
    assert.strictEqual(t.why, 'This wallet does not rent the machine.');
    assert.match(t.hint, /credential of the wallet that rents it/);
    const unknown = d(new GpuNodeError('tasks.start', -3, 'check authority failed: something new'));
    assert.strictEqual(unknown.why, 'The node refused the credential: check authority failed: something new');
    assert.match(unknown.hint, /rental has not ended/);
    const presence = d(new ClientNodeError('tasks.list', 400, -25, 'wallet_sign and multisig_wallets all invalid'));
    assert.strictEqual(presence.kind, 'authority');
  });

  it('asks whether the client node runs when the connection is refused', () => {
    const t = d(new TransportError('tasks.list', 'refused', 'ECONNREFUSED', 'connection refused'));
    assert.strictEqual(t.kind, 'refused');
    assert.strictEqual(errorLine(t), `The connection to ${URL} was refused. Is the DBC client node running at ${URL}?`);
  });

  it('says the node may still be working after a timeout, and never suggests a blind retry', () => {
    for (const err of [
      new ClientNodeError('tasks.create', 500, -1, 'create task timeout'),
      new TransportError('tasks.create', 'timeout', undefined, 'timed out'),
      new ReplyParseError('tasks.create', 500, 'garbage'),
    ]) {
      const t = d(err);
      assert.strictEqual(t.outcomeUnknown, true, err.message);
      assert.match(t.hint, /^The node may still be working — refreshing\./);
    }
  });

  it('names the cause of a reply the node could not encode (a quote in a desc or a log line), per route', () => {
    const list = d(new ClientNodeError('tasks.list', 500, -1, 'response parse error'));
    assert.match(list.why, /VM description on it holds a double quote \("\) or a backslash/);
    assert.match(list.hint, /Delete that VM/);
    assert.strictEqual(list.outcomeUnknown, false, 'the same request fails again: nothing to wait for');
    assert.match(d(new ClientNodeError('tasks.logs', 500, -1, 'response parse error')).hint, /Read fewer lines/);
    assert.strictEqual(d(new ClientNodeError('tasks.create', 500, -1, 'response parse error')).outcomeUnknown, true);
    assert.match(d(new ClientNodeError('images.list', 500, -1, 'response parse error')).why, /could not be read/, 'other routes keep the general text');
  });

  it('explains an unknown node id and passes GPU-node messages through', () => {
    assert.match(d(new ClientNodeError('tasks.list', 400, -32701, 'create node request failed')).why, /does not know this GPU node/);
    const t = d(new GpuNodeError('tasks.start', 1, 'task is running'));
    assert.strictEqual(t.why, 'The GPU node answered: task is running');
    assert.strictEqual(t.hint, '');
    assert.match(d(new GpuNodeError('tasks.delete', 1, 'task not exist')).hint, /still being created.*try again in a minute/);
  });

  it('translates credential errors by code and our own errors by template', () => {
    assert.strictEqual(d(new CredentialError('keystore-password', 'x')).why, 'The keystore password is wrong.');
    const own = d(new UserFacingError('{0} has no snapshots.', ['vm1'], 'Check the values you entered.'));
    assert.deepStrictEqual([own.why, own.hint], ['vm1 has no snapshots.', 'Check the values you entered.']);
    const t = describeError(new UserFacingError('{0} has no snapshots.', ['vm1']), (tpl, ...args) => `[${tpl}|${args.join(',')}]`);
    assert.strictEqual(t.why, '[{0} has no snapshots.|vm1]', 'templates go through the translator with their arguments');
  });

  it('names the ssh config file and line DBC refused to edit, and what to do', () => {
    const conflict = d(new SshConfigConflict(4, 'dbc-5ba8c1c0-a1', 'foreign').inFile('/home/me/.ssh/config'));
    assert.strictEqual(conflict.why, '/home/me/.ssh/config:4 has a "Host dbc-5ba8c1c0-a1" block that DBC did not write; DBC never replaces it.');
    assert.match(conflict.hint, /Remove or rename/);
    const device = d(new UnsafeTargetError('/dev/null', 'not-regular', 'is a character device'));
    assert.strictEqual(device.why, '/dev/null is not a regular file; DBC only writes regular files.');
  });

  it('keeps what failed on OperationFailed and uses its endpoint', () => {
    const t = describeError(new OperationFailed('Stopping x failed', new TransportError('tasks.stop', 'refused', 'ECONNREFUSED', 'refused'), 'http://10.0.0.1:5002'), englishT);
    assert.match(t.why, /10\.0\.0\.1:5002/);
  });
});

describe('log masking', () => {
  it('masks signatures, seeds and passwords even if a caller forgot', () => {
    const sig = 'ab'.repeat(64);
    const line = `{"session_id_sign":"${sig}","seed":"0x${'1'.repeat(64)}","login_password":"hunter2","wallet":"5Fnt"} raw ${sig}`;
    const masked = maskSecrets(line);
    assert.doesNotMatch(masked, /hunter2|abababab|1111111111/);
    assert.match(masked, /"wallet":"5Fnt"/);
  });
});
