import assert from 'node:assert/strict';
import { DEV_PHRASE, TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { cli, gpuError, NODE, TASK, type CliResult } from './harness';

const SESSION_SIGN = 'cd'.repeat(64);
const INFO = { task_id: TASK, status: 'running', ssh_ip: '10.0.0.1', ssh_port: '5684', user_name: 'dbc', login_password: 'Pw_abcdefghijklm', vnc_password: 'Pw_abcde' };

/** Every secret a run may know: seeds, mnemonics, session_id_sign and the signatures it sent. */
function leaks(r: CliResult, extra: string[] = []): string[] {
  const sent = r.requests.flatMap((q) => [q.body?.sign, q.body?.session_id_sign, ...(q.body?.multisig_accounts?.signs ?? []).map((s: { sign: string }) => s.sign)]);
  const secrets = [TEST_SEED, DEV_PHRASE, SESSION_SIGN, ...extra, ...sent].filter((s): s is string => typeof s === 'string' && s.length > 0);
  const output = r.stdout + r.stderr;
  return secrets.filter((s) => output.includes(s));
}

describe('cli: secrets are never printed', () => {
  const wallet = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
  const mnemonic = { DBC_MNEMONIC: DEV_PHRASE, DBC_NODE: NODE };
  const session = { DBC_SESSION_ID: 'SID', DBC_SESSION_ID_SIGN: SESSION_SIGN, DBC_NODE: NODE };

  const runs: [string, string[], Record<string, string>, unknown[]][] = [
    ['vm list (wallet)', ['vm', 'list'], wallet, [ok([{ task_id: TASK, status: 'running' }])]],
    ['vm list --json (mnemonic)', ['vm', 'list', '--json'], mnemonic, [ok([])]],
    ['vm info (session)', ['vm', 'info', TASK], session, [ok(INFO)]],
    ['vm info --json (session)', ['vm', 'info', TASK, '--json'], session, [ok(INFO)]],
    ['vm start --wait (wallet)', ['vm', 'start', TASK, '--wait'], wallet, [ok('ok'), ok(INFO)]],
    ['node info', ['node', 'info'], wallet, [ok({ version: '0.4.1.8' })]],
    ['a GPU error (session)', ['vm', 'stop', TASK], session, [gpuError(-3, 'check authority failed: session_id is invalid')]],
    ['a client-node error (wallet)', ['vm', 'stop', TASK], wallet, [{ status: 400, text: '{"errcode":-25,"message":"wallet_sign and multisig_wallets all invalid"}' }]],
  ];
  for (const [name, argv, env, replies] of runs) {
    it(name, async () => {
      const r = await cli(argv, { env, replies: replies as never });
      assert.ok(r.requests.length > 0);
      assert.deepEqual(leaks(r, [INFO.login_password, INFO.vnc_password]), []);
    });
  }

  it('a node message that echoes a signature is scrubbed', async () => {
    const r = await cli(['vm', 'list'], { env: session, replies: [gpuError(-3, `bad sign ${SESSION_SIGN}`)] });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'dbc: tasks.list failed: errcode -3: bad sign ‹redacted›\n');
  });

  it('session-id prints the pair, with a bearer-credential warning on stderr', async () => {
    const r = await cli(['session-id'], { env: wallet, replies: [ok({ session_id: 'SID-1' })] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^session_id:\s+SID-1\nsession_id_sign: [0-9a-f]{128}\n$/);
    assert.match(r.stderr, /warning: session_id_sign is a bearer credential/);
    assert.ok(!(r.stdout + r.stderr).includes(TEST_SEED));
    assert.ok(!(r.stdout + r.stderr).includes(r.requests[0]!.body.sign));
  });

  it('session-id --bundle prints one dbc-session: line that decodes and verifies', async () => {
    const { decodeSessionBundle } = await import('../../../src/auth/sessionBundle');
    const r = await cli(['session-id', '--bundle'], { env: wallet, replies: [ok({ session_id: 'SID-2' })] });
    const bundle = await decodeSessionBundle(r.stdout.trim());
    assert.equal(bundle.session_id, 'SID-2');
    assert.equal(bundle.node_id, NODE);
  });

  it('session-id refuses the session form before sending', async () => {
    const r = await cli(['session-id'], { env: session });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs the renter's wallet or multisig/);
    assert.equal(r.requests.length, 0);
  });
});
