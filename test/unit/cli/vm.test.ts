import assert from 'node:assert/strict';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, gpuError, NODE, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
const SIGN = 'ab'.repeat(64);
const INFO = {
  task_id: TASK, os: 'linux', ssh_ip: '10.1.2.3', ssh_port: '5684', user_name: 'dbc', login_password: 'Secr3tPassw0rd+x',
  cpu_cores: 8, gpu_count: 1, mem_size: '16G', vnc_port: '5904', vnc_password: 'Secr3tPa', status: 'running',
  disks: [{ name: 'vda', size: '350G' }], interface: [],
};

describe('cli: vm commands', () => {
  const verbs = ['start', 'stop', 'shutdown', 'poweroff', 'restart', 'reset', 'delete'];
  for (const verb of verbs) {
    it(`vm ${verb} posts to /tasks/${verb}/<task> with wallet auth`, async () => {
      const r = await cli(['vm', verb, TASK], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.requests.length, 1);
      const req = r.requests[0]!;
      assert.equal(req.url, `${BASE}/api/v1/tasks/${verb}/${TASK}`);
      assert.deepEqual(req.body.peer_nodes_list, [NODE]);
      assert.deepEqual(req.body.additional, {});
      assert.match(req.body.sign, /^[0-9a-f]{128}$/);
      assert.ok(req.body.nonce && req.body.wallet);
    });
  }

  it('vm restart --force adds force_reboot=true', async () => {
    const r = await cli(['vm', 'restart', TASK, '--force'], { env });
    assert.equal(r.requests[0]!.url, `${BASE}/api/v1/tasks/restart/${TASK}?force_reboot=true`);
  });

  it('global options work after the subcommand, and --endpoint beats DBC_ENDPOINT', async () => {
    const r = await cli(['vm', 'list', '--endpoint', 'http://127.0.0.1:7000/', '--json'], { env: { ...env, DBC_ENDPOINT: 'http://127.0.0.1:9' }, replies: [ok([])] });
    assert.equal(r.requests[0]!.url, 'http://127.0.0.1:7000/api/v1/tasks');
    assert.equal(r.stdout, '[]\n');
  });

  it('DBC_ENDPOINT is used when there is no flag', async () => {
    const r = await cli(['vm', 'list'], { env: { ...env, DBC_ENDPOINT: 'http://127.0.0.1:7001' }, replies: [ok([])] });
    assert.equal(r.requests[0]!.url, 'http://127.0.0.1:7001/api/v1/tasks');
  });

  it('vm list prints an aligned table', async () => {
    const tasks = [
      { task_id: TASK, create_time: '2024-05-01 10:00:00', desc: 'train', status: 'running' },
      { task_id: 'x1', create_time: '2024-05-02 11:00:00', desc: '', status: 'being poweroff' },
    ];
    const r = await cli(['vm', 'list'], { env, replies: [ok(tasks)] });
    assert.equal(r.stdout, [
      'TASK_ID                 STATUS          CREATED              DESC',
      `${TASK}  running         2024-05-01 10:00:00  train`,
      'x1                      being poweroff  2024-05-02 11:00:00',
      '',
    ].join('\n'));
  });

  it('vm list --json prints the message as JSON', async () => {
    const tasks = [{ task_id: TASK, status: 'running' }];
    const r = await cli(['--json', 'vm', 'list'], { env, replies: [ok(tasks)] });
    assert.deepEqual(JSON.parse(r.stdout), tasks);
  });

  it('vm info hides passwords unless --show-password', async () => {
    const hidden = await cli(['vm', 'info', TASK], { env, replies: [ok(INFO)] });
    assert.equal(hidden.code, 0);
    assert.ok(!hidden.stdout.includes('Secr3t'));
    assert.match(hidden.stdout, /^login_password: ‹hidden, use --show-password›$/m);
    assert.match(hidden.stdout, /^ssh_ip:\s+10\.1\.2\.3$/m);
    assert.match(hidden.stdout, /^disks:\n {2}- name=vda size=350G$/m);
    const shown = await cli(['vm', 'info', TASK, '--show-password', '--json'], { env, replies: [ok(INFO)] });
    assert.equal(JSON.parse(shown.stdout).login_password, INFO.login_password);
    const json = await cli(['vm', 'info', TASK, '--json'], { env, replies: [ok(INFO)] });
    assert.equal(JSON.parse(json.stdout).vnc_password, '‹hidden, use --show-password›');
  });

  it('the session form sends session_id and session_id_sign, never a wallet', async () => {
    const r = await cli(['vm', 'list'], { env: { DBC_NODE: NODE, DBC_SESSION_ID: 'SID123', DBC_SESSION_ID_SIGN: SIGN }, replies: [ok([])] });
    assert.equal(r.code, 0, r.stderr);
    const body = r.requests[0]!.body;
    assert.equal(body.session_id, 'SID123');
    assert.equal(body.session_id_sign, SIGN);
    assert.equal(body.wallet, undefined);
  });

  it('an incomplete or malformed session exits 2', async () => {
    const half = await cli(['vm', 'list'], { env: { DBC_NODE: NODE, DBC_SESSION_ID: 'SID' } });
    assert.equal(half.code, 2);
    assert.match(half.stderr, /needs both DBC_SESSION_ID and DBC_SESSION_ID_SIGN/);
    const bad = await cli(['vm', 'list'], { env: { DBC_NODE: NODE, DBC_SESSION_ID: 'SID', DBC_SESSION_ID_SIGN: '0x12' } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /128 hex characters/);
    assert.equal(bad.requests.length, 0);
  });

  it('wallet and session both set: exit 2 unless --auth picks one', async () => {
    const both = { ...env, DBC_SESSION_ID: 'SID', DBC_SESSION_ID_SIGN: SIGN };
    const r = await cli(['vm', 'list'], { env: both });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /choose one with --auth wallet or --auth session/);
    const s = await cli(['vm', 'list', '--auth', 'session'], { env: both, replies: [ok([])] });
    assert.equal(s.requests[0]!.body.session_id, 'SID');
    const w = await cli(['vm', 'list', '--auth', 'wallet'], { env: both, replies: [ok([])] });
    assert.ok(w.requests[0]!.body.wallet);
    const m = await cli(['vm', 'list', '--auth', 'multisig'], { env: both });
    assert.equal(m.code, 2);
    assert.match(m.stderr, /no multisig credential is configured/);
  });

  it('every wallet request carries a fresh nonce', async () => {
    const r = await cli(['vm', 'stop', TASK, '--wait'], { env, replies: [ok('ok'), ok({ ...INFO, status: 'being poweroff' }), ok({ ...INFO, status: 'closed' })] });
    assert.equal(r.code, 0, r.stderr);
    const nonces = r.requests.map((q) => q.body.nonce);
    assert.equal(new Set(nonces).size, 3);
  });

  it('vm stop --wait polls task info until closed and reports progress on stderr', async () => {
    const r = await cli(['vm', 'stop', TASK, '--wait'], { env, replies: [ok('ok'), ok({ ...INFO, status: 'being poweroff' }), ok({ ...INFO, status: 'closed' })] });
    assert.deepEqual(r.requests.map((q) => q.url.replace(BASE, '')), [`/api/v1/tasks/stop/${TASK}`, `/api/v1/tasks/${TASK}`, `/api/v1/tasks/${TASK}`]);
    assert.equal(r.stdout, `${TASK}: stop accepted (ok)\n${TASK}: closed\n`);
    assert.match(r.stderr, /being poweroff \(\d+ s\)\n.*closed/);
  });

  it('vm start --wait ending in "start error" exits 1', async () => {
    const r = await cli(['vm', 'start', TASK, '--wait'], { env, replies: [ok('ok'), ok({ ...INFO, status: 'start error' })] });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /dbc: tasks\.start failed: task Gz3SL4zw1wKGNxKCkCS5eZ ended in status "start error"\n$/);
  });

  it('vm delete --wait ends when the task is gone', async () => {
    const r = await cli(['vm', 'delete', TASK, '--wait'], { env, replies: [ok('ok'), ok({ ...INFO, status: 'deleting' }), gpuError(-3, 'task_id not exist')] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: deleted\n$/);
  });

  it('vm passwd takes the password from DBC_VM_PASSWORD or stdin, never argv', async () => {
    const fromEnv = await cli(['vm', 'passwd', TASK], { env: { ...env, DBC_VM_PASSWORD: 'n3w-Pass' } });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.deepEqual(fromEnv.requests[0]!.body.additional, { username: 'dbc', password: 'n3w-Pass' });
    assert.ok(!fromEnv.stdout.includes('n3w-Pass'));
    const fromStdin = await cli(['vm', 'passwd', TASK, '--user', 'root', '--password-stdin'], { env, stdin: 'piped\n' });
    assert.deepEqual(fromStdin.requests[0]!.body.additional, { username: 'root', password: 'piped' });
    const none = await cli(['vm', 'passwd', TASK], { env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no new password: set DBC_VM_PASSWORD/);
    assert.equal(none.requests.length, 0);
  });
});
