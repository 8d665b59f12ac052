// Which core command (and authority or URI) connect issues, or which terminal command it runs.
import * as assert from 'assert';
import { planOpen, remoteAuthority, remoteFolderUri, type PlanInput } from '../../../src/flows/connect/model/openPlan';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';

const alias = hostAliasFor({ nodeId: 'AbCd0123'.repeat(8), taskId: 'Gz3SL4zw1wKGNxKCkCS5eZ' });
const base: PlanInput = {
  alias, configFile: '/home/u/.ssh/dbc/config', remoteSsh: 'ms-vscode-remote.remote-ssh', remoteSshSeesAlias: true, sshSeesAlias: true,
};

describe('remote: open plan', () => {
  it('builds an all-lower-case authority from the alias (VS Code lower-cases authorities)', () => {
    assert.strictEqual(alias, 'dbc-abcd0123-_gz3_s_l4zw1w_k_g_nx_k_ck_c_s5e_z');
    assert.strictEqual(remoteAuthority(alias), `ssh-remote+${alias}`);
    assert.strictEqual(remoteAuthority(alias), remoteAuthority(alias).toLowerCase());
  });

  it('opens an empty window with vscode.newWindow in a new window by default', () => {
    assert.deepStrictEqual(planOpen(base), { kind: 'window', command: 'vscode.newWindow', options: { remoteAuthority: `ssh-remote+${alias}`, reuseWindow: false } });
    assert.deepStrictEqual(planOpen({ ...base, reuseWindow: true }), { kind: 'window', command: 'vscode.newWindow', options: { remoteAuthority: `ssh-remote+${alias}`, reuseWindow: true } });
  });

  it('opens a folder with vscode.openFolder and a vscode-remote URI', () => {
    assert.deepStrictEqual(planOpen({ ...base, folder: '/home/dbc' }), {
      kind: 'folder', command: 'vscode.openFolder', uri: `vscode-remote://ssh-remote+${alias}/home/dbc`, options: { forceNewWindow: true, forceReuseWindow: false },
    });
    assert.strictEqual(planOpen({ ...base, folder: '  ' }).kind, 'window', 'a blank folder setting means no folder');
  });

  it('percent-encodes folder segments and refuses relative folders', () => {
    assert.strictEqual(remoteFolderUri('dbc-x', '/data/my work/#1/'), 'vscode-remote://ssh-remote+dbc-x/data/my%20work/%231');
    assert.strictEqual(remoteFolderUri('dbc-x', '/'), 'vscode-remote://ssh-remote+dbc-x/');
    assert.throws(() => remoteFolderUri('dbc-x', 'home/dbc'));
  });

  it('falls back to a terminal without Remote-SSH: ssh <alias>, with -F when ~/.ssh/config does not include our file', () => {
    assert.deepStrictEqual(planOpen({ ...base, remoteSsh: undefined }), { kind: 'terminal', reason: 'no-remote-ssh', args: ['ssh', alias] });
    assert.deepStrictEqual(planOpen({ ...base, remoteSsh: undefined, sshSeesAlias: false }), {
      kind: 'terminal', reason: 'no-remote-ssh', args: ['ssh', '-F', '/home/u/.ssh/dbc/config', alias],
    });
  });

  it('uses a terminal when Remote-SSH cannot see the alias (Include declined)', () => {
    assert.deepStrictEqual(planOpen({ ...base, remoteSshSeesAlias: false, sshSeesAlias: false }), {
      kind: 'terminal', reason: 'not-included', args: ['ssh', '-F', '/home/u/.ssh/dbc/config', alias],
    });
  });

  it('opens a window when remote.SSH.configFile is our own file, even without the Include', () => {
    assert.strictEqual(planOpen({ ...base, remoteSshSeesAlias: true, sshSeesAlias: false }).kind, 'window');
  });
});
