// The built `dbc` against a hostile client node on 127.0.0.1 that echoes what it is sent, malforms its
// replies, streams endless bodies, writes escape sequences and answers about other tasks. Nothing may
// crash the CLI, reach the terminal raw, leak a secret, or touch a file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DbcClient, type Exchange } from '../../../src/api/client';
import { SessionCredential } from '../../../src/auth/credentials';
import { DEMO_NODE_A_ID, DEMO_RENTER_SEED } from '../../../src/sim';
import { dbc, ensureBuilt } from '../cli/harness';
import { HostileNode } from './hostileNode';

const TASK = 'Gz3SL4zw1wKGNxKCkCS5eZ';
const SESSION_SIGN = randomBytes(64).toString('hex');
const VM_PASSWORD = 'Vm-pass-7Hq2xZ';
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const EVIL = '\u001b]0;owned\u0007\u001b[2J\u001b[H\u001b]52;c;cm0gLXJmIH4=\u0007\u009b31m\u202e';

/** No 16-character piece of any secret in `out`. */
function assertNoSecret(out: string, secrets: string[], where: string): void {
  for (const s of secrets) {
    for (let i = 0; i + 16 <= s.length; i += 4) assert.ok(!out.includes(s.slice(i, i + 16)), `${where} printed part of a secret: ${out.slice(0, 400)}`);
  }
}

describe('hostile node: the CLI', function () {
  this.timeout(120_000);
  let node: HostileNode;
  let home: string;
  let wallet: Record<string, string>;
  let session: Record<string, string>;

  before(async () => {
    ensureBuilt();
    node = await HostileNode.start();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-hostile-'));
    const base = { PATH: process.env.PATH ?? '', HOME: home, DBC_ENDPOINT: node.url, DBC_NODE: DEMO_NODE_A_ID };
    wallet = { ...base, DBC_SEED: DEMO_RENTER_SEED, DBC_VM_PASSWORD: VM_PASSWORD };
    session = { ...base, DBC_SESSION_ID: 'SessionId4Hostile7Test', DBC_SESSION_ID_SIGN: SESSION_SIGN };
  });
  after(async () => {
    await node.close();
    await fs.rm(home, { recursive: true, force: true });
  });

  it('echoing: whatever part of the request comes back, no signature, session_id_sign or password is printed', async () => {
    const echoes: [string, (body: string) => [number, string]][] = [
      ['as a GPU error', (b) => [200, JSON.stringify({ errcode: -3, message: `check authority failed: ${b}` })]],
      ['as a client-node error', (b) => [400, JSON.stringify({ errcode: -25, message: b })]],
      ['as plain text', (b) => [500, b]],
      ['cut after 150 bytes', (b) => [200, b.slice(0, 150)]],
      ['cut inside the signature', (b) => [200, b.slice(0, b.search(/[0-9a-f]{128}/) + 120)]],
      ['shifted past the first 120 characters', (b) => [200, `${'#'.repeat(100)}${b}`]],
      ['inside a JSON string', (b) => [200, JSON.stringify({ errcode: 1, message: JSON.stringify(JSON.parse(b)) })]],
      ['as a task description', (b) => [200, JSON.stringify({ errcode: 0, message: [{ task_id: TASK, status: 'running', desc: b }] })]],
      ['as the reply to passwd', (b) => [200, JSON.stringify({ errcode: 0, message: `done: ${b}` })]],
    ];
    for (const [how, make] of echoes) {
      let secrets: string[] = [];
      node.handler = (req, res) => {
        secrets = [req.json.sign, req.json.session_id_sign, req.json.additional?.password].filter((s): s is string => typeof s === 'string');
        const [status, text] = make(req.body);
        node.reply(res, status, text);
      };
      const runs = [[['vm', 'list'], wallet], [['vm', 'list'], session], [['vm', 'passwd', TASK], wallet], [['vm', 'list', '--json'], wallet]] as const;
      await Promise.all(runs.map(async ([argv, env]) => {
        const r = await dbc([...argv], env);
        assert.notEqual(r.code, 70, `${how}: ${r.stderr}`);
        assertNoSecret(r.stdout + r.stderr, [...secrets, SESSION_SIGN, VM_PASSWORD], `${argv.join(' ')} (${how})`);
      }));
    }
  });

  it('echoing: the extension\'s trace log (the client\'s exchanges) shows no secret either, also inside JSON strings', async () => {
    const exchanges: Exchange[] = [];
    node.handler = (req, res) => node.reply(res, 200, JSON.stringify({ errcode: 1, message: JSON.stringify({ echo: req.json, note: `password=${VM_PASSWORD}` }) }));
    const client = new DbcClient({ baseUrl: node.url, onExchange: (e) => exchanges.push(e) });
    const auth = new SessionCredential('SessionId4Hostile7Test', SESSION_SIGN, '');
    await assert.rejects(client.setTaskPassword(DEMO_NODE_A_ID, TASK, { username: 'dbc', password: VM_PASSWORD }, { auth }));
    assert.equal(exchanges.length, 1);
    assertNoSecret(JSON.stringify(exchanges), [SESSION_SIGN, VM_PASSWORD], 'the exchange log');
  });

  it('malformed: wrongly shaped replies on every kind of route are exit 5 naming the route, never a crash', async () => {
    // (The in-process CLI tests run every command against many more shapes; here the real process meets a few.)
    const replies = ['{"errcode":0,"message":"ok"}', '{"errcode":0,"message":[{"task_id":""}]}', '{"errcode":0,"message":{"task_id":"x/../y"}}'];
    for (const text of replies) {
      node.handler = (_req, res) => node.reply(res, 200, text);
      const commands = [['vm', 'list'], ['vm', 'info', TASK], ['snapshot', 'list', TASK], ['vm', 'logs', TASK], ['node', 'info'], ['image', 'progress', 'a.qcow2']];
      await Promise.all(commands.map(async (argv) => {
        const r = await dbc(argv, wallet);
        assert.ok([0, 5].includes(r.code ?? -1), `${argv.join(' ')} ← ${text}: exit ${r.code} ${r.stderr}`);
        if (r.code === 5) assert.match(r.stderr, /^dbc: [a-z_.]+ failed: unparsable reply/m);
      }));
    }
  });

  it('oversized: an endless reply is cut off at the route\'s limit, not read into memory', async () => {
    node.handler = (_req, res) => node.stream(res, TASK);
    const started = Date.now();
    const r = await dbc(['vm', 'list'], wallet);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /tasks\.list failed: unparsable reply \(HTTP 200\): the reply is larger than 4 MiB \(stopped reading there\)/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(node.streamed.at(-1)! < 64 * 1024 * 1024, `the server wrote ${node.streamed.at(-1)} bytes before the client hung up`);
    assert.ok(Date.now() - started < 30_000);
    node.handler = (_req, res) => node.stream(res, TASK, { 'Content-Length': String(1200 * 1024 * 1024) });
    const announced = await dbc(['vm', 'list'], wallet);
    assert.equal(announced.code, 5);
    assert.match(announced.stderr, /larger than 4 MiB \(1200 MiB announced\)/);
  });

  it('escape sequences: vm list, vm info, logs and error messages reach the terminal clean', async () => {
    node.handler = (req, res) => {
      const message = req.path === '/tasks' ? [{ task_id: TASK, status: `running${EVIL}`, desc: `d${EVIL}` }]
        : req.path.startsWith('/tasks/logs/') ? { task_id: TASK, log_content: [`line${EVIL}`] }
          : req.path === `/tasks/${TASK}` ? { task_id: TASK, status: 'running', os: `linux${EVIL}`, [`k${EVIL}`]: 'v' }
            : undefined;
      node.reply(res, 200, JSON.stringify(message ? { errcode: 0, message } : { errcode: 1, message: `task is busy${EVIL}` }));
    };
    const commands = [['vm', 'list'], ['vm', 'list', '--json'], ['vm', 'info', TASK], ['vm', 'info', TASK, '--json'], ['vm', 'logs', TASK], ['vm', 'stop', TASK]];
    await Promise.all(commands.map(async (argv) => {
      const r = await dbc(argv, wallet);
      assert.doesNotMatch(r.stdout + r.stderr, TERMINAL_UNSAFE, `${argv.join(' ')}: ${JSON.stringify(r.stdout + r.stderr)}`);
      assert.doesNotMatch(r.stdout + r.stderr, /owned|cm0gLXJm/, argv.join(' '));
    }));
  });

  it('mismatched task ids: a reply about another VM is refused and no ssh config is written', async () => {
    node.handler = (_req, res) => node.reply(res, 200, JSON.stringify({ errcode: 0, message: {
      task_id: 'OtherVm7Z2s9kQ4mN8pR1xY', status: 'running', ssh_ip: '127.0.0.1', ssh_port: '2222', user_name: 'root', login_password: VM_PASSWORD,
    } }));
    const file = path.join(home, 'ssh-config');
    await fs.writeFile(file, 'Host mine\n  User me\n');
    const r = await dbc(['ssh', 'config', TASK, '--file', file], wallet);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /tasks\.info failed: unparsable reply \(HTTP 200\): the reply is about task "OtherVm7Z2s9kQ4mN8pR1xY", not Gz3SL4zw1wKGNxKCkCS5eZ/);
    assert.equal(await fs.readFile(file, 'utf8'), 'Host mine\n  User me\n');
    const info = await dbc(['vm', 'info', TASK, '--show-password'], wallet);
    assert.equal(info.code, 5);
    assert.ok(!info.stdout.includes(VM_PASSWORD));
  });
});
