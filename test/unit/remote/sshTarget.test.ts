// The VM's SSH endpoint, when the password-to-key bootstrap is needed, and "Copy SSH Command".
import * as assert from 'assert';
import type { TaskInfo } from '../../../src/api/types';
import { loginPassword, loginUser, needsBootstrap, sshCommandText, sshTargetOf } from '../../../src/remote/model/sshTarget';
import type { VmHostBlock } from '../../../src/ssh/core/hostBlocks';

const info = (over: Partial<TaskInfo> = {}): TaskInfo => ({ task_id: 't', status: 'running', ssh_ip: '127.0.0.1', ssh_port: '20022', user_name: 'dbc', login_password: 'pw', ...over });
const target = { host: '127.0.0.1', port: 20022, user: 'dbc' };
const block = (over: Partial<VmHostBlock> = {}): VmHostBlock => ({
  alias: 'dbc-a', hostName: '127.0.0.1', port: 20022, user: 'dbc', identityFile: '/h/.ssh/dbc/id_ed25519', stage: 'key', ...over,
});

describe('remote: SSH target', () => {
  it('reads host, port and user, with dbc when the node reports no user', () => {
    assert.deepStrictEqual(sshTargetOf(info()), target);
    assert.strictEqual(sshTargetOf(info({ user_name: 'N/A' }))?.user, 'dbc');
    assert.strictEqual(loginUser({ user_name: undefined }, 'Administrator'), 'Administrator');
    assert.strictEqual(sshTargetOf(info({ ssh_port: undefined })), undefined);
    assert.strictEqual(sshTargetOf(info({ ssh_ip: '' })), undefined);
    assert.strictEqual(sshTargetOf(info({ ssh_port: '70000' })), undefined);
  });

  it('treats N/A as no password', () => {
    assert.strictEqual(loginPassword({ login_password: 'N/A' }), undefined);
    assert.strictEqual(loginPassword({ login_password: 'x' }), 'x');
  });

  it('bootstraps until a key-only block for the same endpoint, user and key exists', () => {
    const id = '/h/.ssh/dbc/id_ed25519';
    assert.strictEqual(needsBootstrap(undefined, target, id), true);
    assert.strictEqual(needsBootstrap(block({ stage: 'password' }), target, id), true);
    assert.strictEqual(needsBootstrap(block(), target, id), false);
    assert.strictEqual(needsBootstrap(block(), target, '/h/.ssh/id_rsa'), true, 'another key');
    assert.strictEqual(needsBootstrap(block({ port: 20023 }), target, id), true, 'the port changed (modify)');
    assert.strictEqual(needsBootstrap(block({ user: 'root' }), target, id), true);
    assert.strictEqual(needsBootstrap(block({ identityFile: 'C:/Users/u/.ssh/dbc/id_ed25519' }), target, 'C:\\Users\\u\\.ssh\\dbc\\id_ed25519'), false, 'Windows paths');
  });
});

describe('remote: Copy SSH Command', () => {
  const base = { alias: 'dbc-a', target, configFile: '/h/.ssh/dbc/config' };
  it('gives ssh -p PORT user@ip before our block is written', () => {
    assert.strictEqual(sshCommandText({ ...base, block: undefined, sshSeesAlias: true }), 'ssh -p 20022 dbc@127.0.0.1');
    assert.strictEqual(sshCommandText({ ...base, block: block({ port: 1 }), sshSeesAlias: true }), 'ssh -p 20022 dbc@127.0.0.1', 'a stale block is not used');
  });

  it('gives the alias once configured, with -F when ~/.ssh/config does not include our file', () => {
    assert.strictEqual(sshCommandText({ ...base, block: block(), sshSeesAlias: true }), 'ssh dbc-a');
    assert.strictEqual(sshCommandText({ ...base, block: block(), sshSeesAlias: false }), 'ssh -F /h/.ssh/dbc/config dbc-a');
    assert.strictEqual(sshCommandText({ ...base, configFile: 'C:/Users/A B/.ssh/dbc/config', block: block(), sshSeesAlias: false, shell: 'powershell' }), 'ssh -F \'C:/Users/A B/.ssh/dbc/config\' dbc-a');
  });
});
