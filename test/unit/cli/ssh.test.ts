import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import type { FetchLike } from '../../../src/api/transport';
import { cli, NODE, TASK } from './harness';

const INFO = { task_id: TASK, os: 'linux', ssh_ip: '127.0.0.1', ssh_port: '5684', user_name: 'dbc', login_password: 'Pw_abcdefghijklm', status: 'running' };
/** Without the node's name and the task list (a failed look-up) the alias is dbc-<node8>-<task 8>. */
const PLAIN_ALIAS = 'dbc-58fb618a-gz3sl4zw';

/** A client node that answers by path: the task's info (with `desc`), the node list, the task list. */
function nodeAnswering(info: Record<string, unknown>, others: Array<{ task_id: string; desc?: string }>, seen: string[] = []): FetchLike {
  return async (url) => {
    const p = new URL(url).pathname;
    seen.push(p);
    const message = p === `/api/v1/tasks/${TASK}` ? info
      : p === '/api/v1/mining_nodes' ? { mining_nodes: [{ node_id: NODE, name: 'Lab GPU 3' }] }
        : p === '/api/v1/tasks' ? [{ task_id: TASK, status: 'running', desc: info.desc }, ...others.map((o) => ({ status: 'running', ...o }))]
          : undefined;
    const reply = ok(message);
    return message === undefined ? { status: 404, text: async () => 'no' } : { status: reply.status, text: async () => reply.text };
  };
}

describe('cli: ssh', () => {
  let home: string;
  let env: Record<string, string>;
  before(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-ssh-'));
    env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE, HOME: home };
  });
  after(() => fs.rm(home, { recursive: true, force: true }));

  it('ssh config writes the Host block into --file and prints the alias; a second run updates it', async () => {
    const file = path.join(home, 'cfg', 'config');
    const r = await cli(['ssh', 'config', TASK, '--file', file, '--identity', '~/.ssh/id_ed25519'], { env, replies: [ok(INFO)] });
    assert.equal(r.code, 0, r.stderr);
    const alias = PLAIN_ALIAS;
    assert.equal(r.stdout, `${alias}\n`);
    let text = await fs.readFile(file, 'utf8');
    assert.match(text, new RegExp(`^Host ${alias}$`, 'm'));
    assert.match(text, /^ {2}HostName 127\.0\.0\.1$/m);
    assert.match(text, /^ {2}Port 5684$/m);
    assert.match(text, /^ {2}User dbc$/m);
    assert.ok(text.includes(path.join(home, '.ssh', 'id_ed25519')));
    assert.ok(!text.includes(INFO.login_password));
    const moved = await cli(['ssh', 'config', TASK, '--file', file, '--key-only'], { env, replies: [ok({ ...INFO, ssh_port: '6000' })] });
    assert.equal(moved.code, 0, moved.stderr);
    text = await fs.readFile(file, 'utf8');
    assert.equal(text.split(`Host ${alias}`).length, 2, 'one block only');
    assert.match(text, /^ {2}Port 6000$/m);
    assert.match(text, /PasswordAuthentication no/);
  });

  it('ssh config --json prints alias, file and target', async () => {
    const file = path.join(home, 'json-config');
    const r = await cli(['ssh', 'config', TASK, '--file', file, '--json'], { env, replies: [ok(INFO)] });
    assert.deepEqual(JSON.parse(r.stdout), { alias: PLAIN_ALIAS, file, host: '127.0.0.1', port: 5684, user: 'dbc' });
  });

  it('ssh config --file on the user\'s own config keeps every byte outside its block (CRLF, blank lines, no final newline)', async () => {
    const file = path.join(home, 'user-config');
    const original = '# mine\r\n\r\n\r\nHost *\r\n\tServerAliveInterval 30\r\n\r\nHost github.com\r\n  User git';
    await fs.writeFile(file, original);
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, replies: [ok(INFO)] });
    assert.equal(r.code, 0, r.stderr);
    const text = await fs.readFile(file, 'utf8');
    assert.ok(text.startsWith(`${original}\r\n# >>> dbc-vscode host `), 'no header, nothing before or between the user\'s lines');
    assert.ok(!/[^\r]\n/.test(text), 'CRLF kept');
    assert.ok(!text.endsWith('\n'));
  });

  it('ssh config prints dbc-<VM name> when no other VM has that name; a second run asks for no lists and keeps it, even after a rename', async () => {
    const file = path.join(home, 'named-config');
    const seen: string[] = [];
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, fetch: nodeAnswering({ ...INFO, desc: 'Train Box' }, [{ task_id: 'Other1', desc: 'eval' }], seen) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'dbc-train-box\n');
    assert.deepEqual([...seen].sort(), ['/api/v1/mining_nodes', '/api/v1/tasks', `/api/v1/tasks/${TASK}`]);
    assert.match(await fs.readFile(file, 'utf8'), /^Host dbc-train-box$/m);
    seen.length = 0;
    const again = await cli(['ssh', 'config', TASK, '--file', file, '--json'], { env, fetch: nodeAnswering({ ...INFO, desc: 'renamed' }, [], seen) });
    assert.equal(JSON.parse(again.stdout).alias, 'dbc-train-box');
    assert.deepEqual(seen, [`/api/v1/tasks/${TASK}`], 'the block keeps its alias: no lists asked');
  });

  it('ssh config: a name another VM shares gives dbc-<node name>-<task 8>; a name the user already has in the file is skipped too', async () => {
    const shared = await cli(['ssh', 'config', TASK, '--file', path.join(home, 'shared')], { env, fetch: nodeAnswering({ ...INFO, desc: 'train' }, [{ task_id: 'Other1', desc: 'Train' }]) });
    assert.equal(shared.stdout, 'dbc-lab-gpu-3-gz3sl4zw\n');
    const file = path.join(home, 'users-own');
    const hand = 'Host jump\n  User me\n\nHost dbc-train\n  ProxyCommand ssh -W %h:%p jump\n';
    await fs.writeFile(file, hand);
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, fetch: nodeAnswering({ ...INFO, desc: 'train' }, []) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'dbc-lab-gpu-3-gz3sl4zw\n');
    assert.ok((await fs.readFile(file, 'utf8')).startsWith(hand), 'the user\'s block stays as it was');
  });

  it('ssh config migrates a block with the earlier alias, keeping it as a second name on the Host line', async () => {
    const file = path.join(home, 'legacy-config');
    const legacy = hostAliasFor({ nodeId: NODE, taskId: TASK });
    const old = `Host ${legacy}\n  # dbc-vscode node=${NODE} task=${TASK}\n  HostName 127.0.0.1\n  Port 5684\n  User dbc\n`;
    await fs.writeFile(file, old);
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, fetch: nodeAnswering({ ...INFO, desc: 'train' }, []) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'dbc-train\n');
    assert.match(await fs.readFile(file, 'utf8'), new RegExp(`^# >>> dbc-vscode host dbc-train >>>\nHost dbc-train ${legacy}\n`));
  });

  it('ssh config exits 6 naming file and line when the user later wrote a Host block of the VM\'s alias', async () => {
    const file = path.join(home, 'hand-config');
    const first = await cli(['ssh', 'config', TASK, '--file', file], { env, replies: [ok(INFO)] });
    assert.equal(first.stdout, `${PLAIN_ALIAS}\n`);
    const hand = `Host jump\n  User me\n\nHost ${PLAIN_ALIAS}\n  ProxyCommand ssh -W %h:%p jump\n${await fs.readFile(file, 'utf8')}`;
    await fs.writeFile(file, hand);
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, replies: [ok(INFO)] });
    assert.equal(r.code, 6);
    assert.match(r.stderr, new RegExp(`^dbc: ssh config failed: ${file.replace(/[.]/g, '\\.')}:4: a "Host ${PLAIN_ALIAS}" block that dbc did not write`));
    assert.equal(await fs.readFile(file, 'utf8'), hand);
  });

  it('ssh config refuses a target that is not a regular file: exit 6, the pipe stays a pipe', async () => {
    const fifo = path.join(home, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await cli(['ssh', 'config', TASK, '--file', fifo], { env, replies: [ok(INFO)] });
    assert.equal(r.code, 6);
    assert.match(r.stderr, /is a named pipe, not a regular file/);
    assert.ok((await fs.lstat(fifo)).isFIFO());
  });

  it('a task info reply about another task is refused before anything is written: exit 5', async () => {
    const file = path.join(home, 'other-task');
    const r = await cli(['ssh', 'config', TASK, '--file', file], { env, replies: [ok({ ...INFO, task_id: 'OtherVm7Z2s9kQ4mN8pR1xY' })] });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /tasks\.info failed: unparsable reply \(HTTP 200\): the reply is about task "OtherVm7Z2s9kQ4mN8pR1xY", not Gz3SL4zw1wKGNxKCkCS5eZ/);
    await assert.rejects(fs.stat(file), /ENOENT/);
  });

  it('a Windows VM has no ssh: exit 6', async () => {
    const { ssh_port: _drop, ...win } = INFO;
    const r = await cli(['ssh', 'config', TASK, '--file', path.join(home, 'w')], { env, replies: [ok({ ...win, os: 'windows', rdp_port: '5685' })] });
    assert.equal(r.code, 6);
    assert.match(r.stderr, /has no ssh port \(a Windows VM: use RDP on port 5685\)/);
  });

  it('ssh bootstrap without a readable KEYFILE.pub exits 2 before any request', async () => {
    const r = await cli(['ssh', 'bootstrap', TASK, '--identity', path.join(home, 'missing')], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read the public key .*missing\.pub: ENOENT/);
    assert.equal(r.requests.length, 0);
    const bad = path.join(home, 'bad');
    await fs.writeFile(`${bad}.pub`, 'not a key\n');
    const r2 = await cli(['ssh', 'bootstrap', TASK, '--identity', bad], { env });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /is not an OpenSSH public key/);
  });

  it('ssh bootstrap to a closed port fails with exit 6 and never prints the password', async () => {
    const key = path.join(home, 'id_test');
    await fs.writeFile(`${key}.pub`, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test\n');
    const r = await cli(['ssh', 'bootstrap', TASK, '--identity', key, '--ssh-timeout', '5'], { env, replies: [ok({ ...INFO, ssh_port: '1' })] });
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /^dbc: ssh failed: /);
    assert.ok(!r.stderr.includes(INFO.login_password));
  });
});
