// The CLI against replies a hostile or broken node could send: wrongly shaped messages never crash it
// (exit 5 naming the route), a create whose reply cannot be read is reconciled by listing tasks (never
// exit 2), escape sequences never reach the terminal, and what a request sent is never printed back.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, NODE, reply, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE, DBC_VM_PASSWORD: 'n3w-Secret-pw' };
const LINUX = ['--image', 'ubuntu.qcow2', '--ssh-port', '5684', '--vnc-port', '5904', '--gpus', '1', '--cpus', '8', '--mem', '16', '--disk', '100'];
const paths = (r: { requests: { url: string }[] }) => r.requests.map((q) => q.url.replace(`${BASE}/api/v1`, ''));
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Lookups that change nothing (a usage error after them still honestly means "nothing was done"). */
const READ_ONLY = ['/', '/mining_nodes', '/tasks', `/tasks/${TASK}`, '/images/servers', '/images', `/snapshot/list/${TASK}`];

const COMMANDS: string[][] = [
  ['node', 'list'], ['node', 'info'], ['node', 'version'], ['session-id'],
  ['vm', 'list'], ['vm', 'info', TASK], ['vm', 'start', TASK], ['vm', 'stop', TASK, '--wait'], ['vm', 'restart', TASK, '--force'], ['vm', 'delete', TASK],
  ['vm', 'logs', TASK], ['vm', 'logs', TASK, '--head', '-n', '5'], ['vm', 'modify', TASK, '--new-ssh-port', '5600'], ['vm', 'passwd', TASK],
  ['vm', 'create', ...LINUX], ['vm', 'create', ...LINUX, '--wait'],
  ['snapshot', 'list', TASK], ['snapshot', 'info', TASK, 'snap1'], ['snapshot', 'create', TASK, 'snap1'], ['snapshot', 'delete', TASK, 'snap1'],
  ['image', 'servers'], ['image', 'list'], ['image', 'list', '--on-server', '--server', 'ID_1'], ['image', 'upload', 'u.qcow2', '--server', 'ID_1'],
  ['image', 'download', 'u.qcow2', '--server', 'ID_1'], ['image', 'progress', 'u.qcow2'], ['image', 'stop', 'u.qcow2'], ['image', 'delete', 'u.qcow2'],
];

const MESSAGES: unknown[] = [
  null, 42, true, 'ok', [], {}, [null], [{ task_id: 1 }], { task_id: '' }, { log_content: null }, { mining_nodes: 'x' },
  { image_server: [1] }, { status: 'x' }, '\u001b]0;owned\u0007\u001b[2J', [{ task_id: 'a', status: '\u001b]52;c;cm0gLXJm\u0007running' }],
];

describe('cli: hostile replies', function () {
  this.timeout(60_000);
  let home: string;
  before(async () => (home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-hostile-'))));
  after(() => fs.rm(home, { recursive: true, force: true }));

  it('never crashes on a wrongly shaped message: exit 5 naming the route, or an honest success; no escape reaches the terminal', async () => {
    const results: string[] = [];
    for (const argv of [...COMMANDS, ['ssh', 'config', TASK, '--file', path.join(home, 'cfg')]]) {
      for (const message of MESSAGES) {
        const replies = Array.from({ length: 8 }, () => ok(message));
        const r = await cli(argv, { env: { ...env, HOME: home }, replies });
        const where = `${argv.join(' ')} ← ${JSON.stringify(message)}`;
        assert.notEqual(r.code, 70, `${where}: ${r.stderr}`);
        if (r.code === 2) assert.deepEqual(paths(r).filter((p) => !READ_ONLY.includes(p)), [], `${where}: a change was sent, exit 2 would say it was not: ${r.stderr}`);
        if (/unparsable reply/.test(r.stderr)) assert.match(r.stderr, /^dbc: [a-z_.]+ failed: unparsable reply \(HTTP 200\): message/m, where);
        assert.doesNotMatch(r.stdout + r.stderr, TERMINAL_UNSAFE, where);
        results.push(`${r.code}`);
      }
    }
    assert.ok(results.filter((c) => c === '5').length > COMMANDS.length * 5, 'most malformed replies are exit 5');
  });

  for (const [what, created] of [['{}', {}], ['{"task_id": ""}', { task_id: '' }], ['null', null], ['a text', 'ok']] as const) {
    it(`after a create was sent, a reply of ${what} is reconciled by listing tasks (exit 4, never 2 or 70)`, async () => {
      const r = await cli(['vm', 'create', ...LINUX, '--wait'], { env, replies: [ok([]), ok(created), ok([{ task_id: TASK, status: 'creating' }])] });
      assert.equal(r.code, 4, r.stderr);
      assert.deepEqual(paths(r), ['/tasks', '/tasks/start', '/tasks']);
      assert.equal(r.stdout, `${TASK}\n`);
      assert.match(r.stderr, /tasks\.create failed: unparsable reply/);
      assert.match(r.stderr, /a new VM appeared: Gz3SL4zw1wKGNxKCkCS5eZ/);
    });
  }

  it('a non-JSON create reply is reconciled too, and an HTTP 500 with a task list that cannot be read still exits 4 with advice', async () => {
    const r = await cli(['vm', 'create', ...LINUX], { env, replies: [ok([]), { status: 200, text: '<html>proxy error</html>' }, ok('nope')] });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /outcome unknown and the task list could not be read .*do not create again/);
  });

  it('strips escape sequences from vm list, vm info and node error messages', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;ZWNobyBoaQ==\u0007';
    const list = await cli(['vm', 'list'], { env, replies: [ok([{ task_id: TASK, status: `running${evil}`, desc: `train${evil}\r\nnext` }])] });
    assert.equal(list.code, 0, list.stderr);
    assert.doesNotMatch(list.stdout, TERMINAL_UNSAFE);
    assert.match(list.stdout, /running\s+.*train next/);
    const info = await cli(['vm', 'info', TASK], { env, replies: [ok({ task_id: TASK, status: 'running', [`os${evil}`]: `linux${evil}` })] });
    assert.doesNotMatch(info.stdout, TERMINAL_UNSAFE);
    assert.match(info.stdout, /^os: +linux$/m);
    const json = await cli(['vm', 'info', TASK, '--json'], { env, replies: [ok({ task_id: TASK, status: 'running', desc: `a\u009b31mb\u202ec` })] });
    assert.doesNotMatch(json.stdout, TERMINAL_UNSAFE);
    const failed = await cli(['vm', 'start', TASK], { env, replies: [reply(200, { errcode: 1, message: `task is running${evil}` })] });
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr, 'dbc: tasks.start failed: errcode 1: task is running\n');
    const html = await cli(['vm', 'list'], { env, replies: [{ status: 502, text: `bad gateway${evil}` }] });
    assert.doesNotMatch(html.stderr, TERMINAL_UNSAFE);
  });

  it('never prints a signature or a password the node echoes back, even cut to length', async () => {
    let sent: Record<string, unknown> = {};
    const echo = (status: number, make: (body: string) => string) => async (_url: string, init: { body?: string }) => {
      sent = JSON.parse(init.body!);
      return { status, text: async () => make(init.body!) };
    };
    const variants: [string[], number, (body: string) => string][] = [
      [['vm', 'list'], 200, (b) => JSON.stringify({ errcode: -3, message: `check authority failed: bad request ${b}` })],
      [['vm', 'list'], 200, (b) => b.slice(0, 150)],
      [['vm', 'list'], 200, (b) => `${'x'.repeat(60)}${b}`],
      [['vm', 'list'], 400, (b) => JSON.stringify({ errcode: -25, message: b })],
      [['vm', 'list'], 500, (b) => `error: ${b}`],
      [['vm', 'list'], 200, (b) => JSON.stringify({ errcode: 0, message: [{ task_id: TASK, status: 'running', desc: b }] })],
      [['vm', 'passwd', TASK], 200, (b) => JSON.stringify({ errcode: 0, message: `changed: ${b}` })],
      [['vm', 'passwd', TASK], 200, (b) => JSON.stringify({ errcode: 1, message: JSON.stringify(JSON.parse(b).additional) })],
    ];
    for (const [argv, status, make] of variants) {
      const r = await cli(argv, { env, fetch: echo(status, make) as never });
      const out = r.stdout + r.stderr;
      const secrets = [String(sent.sign), 'n3w-Secret-pw'];
      for (const s of secrets) for (let i = 0; i + 16 <= s.length; i += 8) assert.ok(!out.includes(s.slice(i, i + 16)), `${argv.join(' ')} printed part of a secret: ${out}`);
    }
  });

  it('a reply larger than the route allows is refused with a clear error (exit 5)', async () => {
    const big = JSON.stringify({ errcode: 0, message: [{ task_id: TASK, status: 'running', desc: 'x'.repeat(5 * 1024 * 1024) }] });
    const r = await cli(['vm', 'list'], { env, replies: [{ status: 200, text: big }] });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^dbc: tasks\.list failed: unparsable reply \(HTTP 200\): the reply is larger than 4 MiB \(read in full\), the most dbc reads for tasks\.list$/m);
  });

  it('refuses to send a signed request over plain http to another machine unless allowed (flag or env), exit 2', async () => {
    const remote = { ...env, DBC_ENDPOINT: 'http://192.0.2.10:5002' };
    const refused = await cli(['vm', 'list'], { env: remote, replies: [ok([])] });
    assert.equal(refused.code, 2);
    assert.equal(refused.requests.filter((q) => q.url.includes('/tasks')).length, 0);
    assert.match(refused.stderr, /^dbc: refusing to send tasks\.list with your credential to http:\/\/192\.0\.2\.10:5002 over plain http/m);
    const unsigned = await cli(['node', 'list'], { env: remote, replies: [ok({ mining_nodes: [] })] });
    assert.equal(unsigned.code, 0, unsigned.stderr);
    for (const allow of [['--allow-insecure-http'], []]) {
      const byRoute = async (url: string) => ({ status: 200, text: async () => JSON.stringify({ errcode: 0, message: url.endsWith('/rent_orders') ? { rent_orders: [] } : [] }) });
      const r = await cli(['vm', 'list', ...allow], { env: allow.length ? remote : { ...remote, DBC_ALLOW_INSECURE_HTTP: '1' }, fetch: byRoute as never });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '(no VMs)\n');
    }
  });
});

