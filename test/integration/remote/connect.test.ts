// "Connect via Remote-SSH" inside a real VS Code, against the simulator's per-VM SSH endpoints.
//
// No Remote-SSH extension can be installed here (no marketplace), so the test goes through the
// extension's test API (`setRemoteHooks`): a fake extension lookup says which Remote-SSH ids count as
// installed, and every window, folder, terminal or external URI the flow would open is recorded instead
// of performed. The ssh files live under a temp HOME; the machine's real ~/.ssh is never touched. The
// key bootstrap itself is real: ssh2 logs in with the VM password the node reports, and afterwards the
// system OpenSSH client logs in with `ssh -F <our file> -o BatchMode=yes <alias> true`.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConnectResult } from '../../../src/flows/connect/connect';
import type { OpenerCall } from '../../../src/remote/opener';
import type { DbcTestApi } from '../../../src/services';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_RENTER_SEED } from '../../../src/sim/demo';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, tcpOpen, waitFor } from '../extension/dbcTestKit';

const SSH = '/usr/bin/ssh';
const MS_REMOTE_SSH = 'ms-vscode-remote.remote-ssh';

interface Home {
  dir: string;
  ssh: string;
  ours: string;
  userConfig: string;
}

function makeHome(): Home {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-it-ssh-')));
  return { dir, ssh: path.join(dir, '.ssh'), ours: path.join(dir, '.ssh', 'dbc', 'config'), userConfig: path.join(dir, '.ssh', 'config') };
}

/** The system ssh with HOME at the temp home and no agent; every call passes -F and BatchMode. */
function systemSsh(home: Home, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SSH, args, { env: { HOME: home.dir, PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('Remote-SSH connect (in a real VS Code, against dbc-sim\'s SSH endpoints)', function () {
  this.timeout(120_000);
  let api: DbcTestApi;
  let sim: string;
  let calls: OpenerCall[];
  let installed: string[];
  let home: Home;
  const homes: Home[] = [];
  let sshPort: number;
  let vncPort: number;
  let vm: { endpoint: string; nodeId: string; taskId: string };

  function useHome(h: Home): void {
    home = h;
    homes.push(h);
    api.setRemoteHooks({ sshHome: h.dir, installedExtensions: installed, record: (c) => calls.push(c) });
  }

  async function createVm(port: number, desc: string): Promise<string> {
    vncPort = await closedPort();
    const spec = { image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 1, cpu_cores: 2, mem_size: 4, disk_size: 20, ssh_port: port, vnc_port: vncPort, desc };
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID, spec });
    assert.ok(created?.taskId, 'the create returned the new task');
    return created.taskId;
  }

  async function deleteVm(taskId: string): Promise<void> {
    api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId });
    api.setPrompter(undefined);
  }

  async function connect(answers: ScriptedPrompter, args: Record<string, unknown> = {}): Promise<ConnectResult> {
    api.setPrompter(answers);
    const result = await vscode.commands.executeCommand<ConnectResult>('dbc.vm.connect', { ...vm, ...args });
    assert.strictEqual(answers.pending, 0, `unanswered: ${answers.asked.join(' | ')}`);
    assert.ok(result, `the connect ended without a result: ${JSON.stringify(api.takeErrors())}`);
    return result;
  }

  const lastCall = () => calls.at(-1);

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    calls = [];
    installed = [MS_REMOTE_SSH];
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', 'never', vscode.ConfigurationTarget.Global);
    await setEndpoints([{ url: sim, name: 'sim', nodes: [DEMO_NODE_A_ID, DEMO_NODE_B_ID] }]);
    if (!api.contextKey('dbc.credentialConfigured')) await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    await waitFor('the nodes to be configured', async () => api.contextKey('dbc.nodeConfigured'));
    useHome(makeHome());
    sshPort = await closedPort();
    const taskId = await createVm(sshPort, 'it-ssh');
    vm = { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId };
    await waitFor('the VM\'s SSH endpoint', async () => (await api.refresh(), await tcpOpen(sshPort)), 60_000, 500);
  });

  afterEach(() => {
    api.setPrompter(undefined);
    assert.deepStrictEqual(api.takeErrors(), [], 'no command reported an error');
  });

  after(async () => {
    api.setRemoteHooks(undefined);
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', undefined, vscode.ConfigurationTarget.Global);
    if (vm) await deleteVm(vm.taskId);
    for (const h of homes) fs.rmSync(h.dir, { recursive: true, force: true });
  });

  it('declined Include: installs the key with the VM password, leaves ~/.ssh/config alone, opens ssh -F <file> in a terminal', async () => {
    const answers = new ScriptedPrompter().then({ choose: 'notNow' });
    const { alias, plan } = await connect(answers);
    assert.strictEqual(alias, 'dbc-it-ssh', 'the readable alias: dbc-<VM name>');
    assert.match(answers.asked[0]!, /^choose: Let Remote-SSH find your DBC VMs\?/);
    assert.strictEqual(plan.kind, 'terminal');
    assert.deepStrictEqual(lastCall(), { kind: 'terminal', name: 'SSH: it-ssh', args: ['ssh', '-F', home.ours, alias] });
    assert.ok(!fs.existsSync(home.userConfig), '~/.ssh/config was not created');
    const ours = fs.readFileSync(home.ours, 'utf8');
    assert.match(ours, new RegExp(`^Host ${alias}\\n`, 'm'));
    assert.match(ours, /^ {2}PasswordAuthentication no$/m, 'key-only after the bootstrap');
    assert.match(ours, new RegExp(`^ {2}IdentityFile ${path.join(home.ssh, 'dbc', 'id_ed25519')}$`, 'm'), 'no key of the user: the dedicated key');
    assert.match(ours, new RegExp(`^ {2}Port ${sshPort}$`, 'm'));
    assert.match(fs.readFileSync(path.join(home.ssh, 'dbc', 'known_hosts'), 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshPort} `, 'm'));
    const login = await systemSsh(home, ['-F', home.ours, '-o', 'BatchMode=yes', alias, 'true']);
    assert.strictEqual(login.code, 0, `key login with the system ssh failed: ${login.stderr}`);
  });

  it('accepted Include: one fenced line at the top of ~/.ssh/config, then vscode.newWindow on ssh-remote+<alias>', async () => {
    const mine = 'Host github.com\n  User git\n';
    fs.writeFileSync(home.userConfig, mine, { mode: 0o600 });
    const { alias, plan } = await connect(new ScriptedPrompter().then({ choose: 'add' }));
    assert.strictEqual(plan.kind, 'window');
    assert.strictEqual(alias, 'dbc-it-ssh', 'the alias stays');
    assert.deepStrictEqual(lastCall(), { kind: 'command', command: 'vscode.newWindow', args: [{ remoteAuthority: 'ssh-remote+dbc-it-ssh', reuseWindow: false }] });
    assert.strictEqual(fs.readFileSync(home.userConfig, 'utf8'), `# >>> dbc-vscode >>>\nInclude ${home.ours}\n# <<< dbc-vscode <<<\n${mine}`);
    // OpenSSH finds ~ through the password database, not $HOME: name the temp ~/.ssh/config explicitly.
    const login = await systemSsh(home, ['-F', home.userConfig, '-o', 'BatchMode=yes', alias, 'true']);
    assert.strictEqual(login.code, 0, `"ssh <alias>" through the Include failed: ${login.stderr}`);
  });

  it('asks nothing once set up, and opens a folder with vscode.openFolder when one is given', async () => {
    const { alias } = await connect(new ScriptedPrompter(), { folder: '/home/dbc', reuseWindow: true });
    const call = lastCall() as { kind: 'command'; command: string; args: [vscode.Uri, unknown] };
    assert.strictEqual(call.command, 'vscode.openFolder');
    assert.strictEqual(call.args[0].toString(true), `vscode-remote://ssh-remote+${alias}/home/dbc`);
    assert.deepStrictEqual(call.args[1], { forceNewWindow: false, forceReuseWindow: true });
    assert.strictEqual(fs.readFileSync(home.userConfig, 'utf8').split('dbc-vscode >>>').length, 2, 'still one Include');
  });

  it('without any Remote-SSH extension: a terminal running ssh <alias> (no -F, our file is included)', async () => {
    installed = [];
    try {
      useHome(home);
      const { alias, plan } = await connect(new ScriptedPrompter());
      assert.deepStrictEqual(plan, { kind: 'terminal', reason: 'no-remote-ssh', args: ['ssh', alias] });
      assert.deepStrictEqual(lastCall(), { kind: 'terminal', name: 'SSH: it-ssh', args: ['ssh', alias] });
    } finally {
      installed = [MS_REMOTE_SSH];
      useHome(home);
    }
  });

  it('copies the SSH command with the alias once configured', async () => {
    const text = await vscode.commands.executeCommand<string>('dbc.vm.copySshCommand', vm);
    assert.strictEqual(text, 'ssh dbc-it-ssh');
  });

  it('opens the VNC console: vnc://ip:port to the system, the VNC password on the clipboard', async () => {
    const url = await vscode.commands.executeCommand<string>('dbc.vm.openVnc', vm);
    assert.strictEqual(url, `vnc://127.0.0.1:${vncPort}`);
    assert.deepStrictEqual(lastCall(), { kind: 'external', uri: url });
    const vncPassword = await vscode.env.clipboard.readText();
    await vscode.commands.executeCommand('dbc.vm.copyPassword', vm);
    assert.ok(vncPassword.length >= 8 && (await vscode.env.clipboard.readText()).startsWith(vncPassword), 'the VNC password (the login password cut to 8 characters)');
  });

  it('stops a connect-when-ready wait on request (status bar / palette)', async () => {
    const ghost = { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId: 'NoSuchTask000000000000001' };
    await vscode.commands.executeCommand('dbc.vm.connectWhenReady', ghost);
    await waitFor('the pending context key', async () => api.contextKey('dbc.connectPending'));
    await vscode.commands.executeCommand('dbc.vm.stopWaiting', ghost);
    await waitFor('the pending context key to clear', async () => !api.contextKey('dbc.connectPending'));
  });

  it('points a Windows VM at Remote Desktop: address, user, and the password on the clipboard', async () => {
    const spec = { image_name: 'windows10.qcow2', operation_system: 'windows', bios_mode: 'uefi', gpu_count: 1, cpu_cores: 2, mem_size: 4, disk_size: 40, rdp_port: await closedPort(), vnc_port: await closedPort(), desc: 'it-win' };
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_A_ID, spec });
    assert.ok(created?.taskId);
    const win = { endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: created.taskId };
    try {
      await waitFor('the Windows VM to run', async () => {
        await api.refresh();
        await api.rows('machines');
        await api.rows('machines', `ep:${sim}`);
        return (await api.rows('machines', `node:${sim}|${DEMO_NODE_A_ID}`)).some((r) => r.id.endsWith(created.taskId) && r.description === 'Running');
      }, 60_000, 500);
      await vscode.commands.executeCommand('dbc.vm.connect', win);
      const errors = api.takeErrors();
      assert.strictEqual(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0]!, new RegExp(`^dbc\\.vm\\.connect: .*it-win is a Windows VM: connect with Remote Desktop to 127\\.0\\.0\\.1:${spec.rdp_port}\\.`));
      const rdp = await vscode.commands.executeCommand<{ address: string; user: string }>('dbc.vm.connectRdp', win);
      assert.deepStrictEqual(rdp, { address: `127.0.0.1:${spec.rdp_port}`, user: 'Administrator' });
      const onClipboard = await vscode.env.clipboard.readText();
      await vscode.commands.executeCommand('dbc.vm.copyPassword', win);
      assert.strictEqual(onClipboard, await vscode.env.clipboard.readText(), 'the login password');
    } finally {
      api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
      await vscode.commands.executeCommand('dbc.vm.delete', win);
    }
  });

  it('asks for the key when the user has one, and remembers "never" for the Include', async () => {
    useHome(makeHome());
    const { generateEd25519Pair } = await import('../../../src/ssh/core/keys');
    const pair = generateEd25519Pair('it-user');
    fs.mkdirSync(home.ssh, { mode: 0o700 });
    fs.writeFileSync(path.join(home.ssh, 'id_ed25519'), pair.private, { mode: 0o600 });
    fs.writeFileSync(path.join(home.ssh, 'id_ed25519.pub'), `${pair.public}\n`);
    const userKey = path.join(home.ssh, 'id_ed25519');
    const first = new ScriptedPrompter().then(
      { pick: (items) => items.find((i) => i.label === userKey)!.value },
      { choose: 'never' },
    );
    const { alias } = await connect(first);
    assert.match(fs.readFileSync(home.ours, 'utf8'), new RegExp(`^ {2}IdentityFile ${userKey}$`, 'm'));
    assert.deepStrictEqual(lastCall(), { kind: 'terminal', name: 'SSH: it-ssh', args: ['ssh', '-F', home.ours, alias] });
    const again = await connect(new ScriptedPrompter());
    assert.strictEqual(again.plan.kind, 'terminal', 'no question the second time: the key and "never" are remembered');
    assert.ok(!fs.existsSync(home.userConfig));
    const login = await systemSsh(home, ['-F', home.ours, '-o', 'BatchMode=yes', alias, 'true']);
    assert.strictEqual(login.code, 0, login.stderr);
  });

  it('migrates a Host block of the earlier alias: dbc-it-ssh first, the old alias kept on its Host line (recent Remote-SSH entries keep working)', async () => {
    useHome(makeHome());
    const { hostAliasFor } = await import('../../../src/ssh/core/hostAlias');
    const legacy = hostAliasFor({ nodeId: DEMO_NODE_B_ID, taskId: vm.taskId });
    fs.mkdirSync(path.dirname(home.ours), { recursive: true, mode: 0o700 });
    fs.writeFileSync(home.ours, `Host ${legacy}\n  # dbc-vscode node=${DEMO_NODE_B_ID} task=${vm.taskId}\n  HostName 127.0.0.1\n  Port ${sshPort}\n  User dbc\n`, { mode: 0o600 });
    const { alias } = await connect(new ScriptedPrompter().then({ choose: 'notNow' }));
    assert.strictEqual(alias, 'dbc-it-ssh');
    const ours = fs.readFileSync(home.ours, 'utf8');
    assert.match(ours, new RegExp(`^# >>> dbc-vscode host dbc-it-ssh >>>\\nHost dbc-it-ssh ${legacy}\\n`));
    assert.strictEqual(ours.split('\nHost ').length, 2, 'one block');
    const login = await systemSsh(home, ['-F', home.ours, '-o', 'BatchMode=yes', legacy, 'true']);
    assert.strictEqual(login.code, 0, `"ssh <old alias>" failed: ${login.stderr}`);
  });

  it('forgets a deleted VM\'s Host block; connects when ready after a create, on a re-created VM at the same ip:port (new host key, known host reset)', async () => {
    useHome(homes[0]!);
    const oldAlias = 'dbc-it-ssh';
    assert.match(fs.readFileSync(home.ours, 'utf8'), new RegExp(`^Host ${oldAlias}$`, 'm'));
    await deleteVm(vm.taskId);
    assert.doesNotMatch(fs.readFileSync(home.ours, 'utf8'), new RegExp(`^Host ${oldAlias}$`, 'm'), 'the deleted VM\'s Host block is gone');
    await waitFor('the old endpoint to close', async () => !(await tcpOpen(sshPort)), 30_000, 300);
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', 'always', vscode.ConfigurationTarget.Global);
    const before = calls.length;
    const taskId = await createVm(sshPort, 'it-ssh-again');
    vm = { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId };
    const opened = await waitFor('the connect-when-ready window', async () => calls.slice(before).find((c) => c.kind === 'command' && c.command === 'vscode.newWindow'), 90_000, 300);
    const alias = ((opened as unknown as { args: [{ remoteAuthority: string }] }).args[0].remoteAuthority).replace('ssh-remote+', '');
    assert.strictEqual(alias, 'dbc-it-ssh-again', 'the new VM\'s name');
    const known = fs.readFileSync(path.join(home.ssh, 'dbc', 'known_hosts'), 'utf8').split('\n').filter((l) => l.startsWith(`[127.0.0.1]:${sshPort} `));
    assert.strictEqual(known.length, 1, 'only the new VM\'s host key is known for the recycled endpoint');
    const login = await systemSsh(home, ['-F', home.userConfig, '-o', 'BatchMode=yes', alias, 'true']);
    assert.strictEqual(login.code, 0, login.stderr);
  });
});
