// The DBC views and commands inside a real VS Code, against the simulator started by the harness.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DBC_COMMAND_IDS } from '../../../src/commands/model/commandIds';
import type { DbcTestApi } from '../../../src/services';
import {
  DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_NODE_ONLINE_ID, DEMO_OTHER_ADDRESS, DEMO_OTHER_SEED, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED, DEMO_TASK_ID,
} from '../../../src/sim/demo';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, waitFor } from './dbcTestKit';

type Row = Awaited<ReturnType<DbcTestApi['rows']>>[number];

describe('DBC views and commands (in a real VS Code, against dbc-sim)', function () {
  this.timeout(90_000);
  let api: DbcTestApi;
  let sim: string;
  let down: string;
  const vm = () => ({ endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: DEMO_TASK_ID });

  async function rows(parentId?: string): Promise<Row[]> {
    return api.rows('machines', parentId);
  }

  async function vmRow(nodeId: string, taskId: string): Promise<Row | undefined> {
    await rows();
    await rows(`ep:${sim}`);
    return (await rows(`node:${sim}|${nodeId}`)).find((r) => r.id === `vm:${sim}|${nodeId}|${taskId}`);
  }

  async function waitForVm(nodeId: string, taskId: string, test: (row: Row | undefined) => boolean, what: string): Promise<Row | undefined> {
    return waitFor(what, async () => {
      await api.refresh();
      const row = await vmRow(nodeId, taskId);
      return test(row) ? row ?? 'gone' : undefined;
    }, 30_000, 300).then((r) => (r === 'gone' ? undefined : r as Row));
  }

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    down = `http://127.0.0.1:${await closedPort()}`;
  });

  afterEach(() => {
    api.setPrompter(undefined);
    const errors = api.takeErrors();
    assert.deepStrictEqual(errors, [], 'no command reported an error');
  });

  it('registers every DBC command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = DBC_COMMAND_IDS.filter((id) => !all.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('shows an empty Machines view (welcome content) when no client node is configured', async () => {
    await setEndpoints([]);
    // The context keys are set one after the other: wait for both.
    await waitFor('the endpoint and node context keys to clear', async () => !api.contextKey('dbc.endpointConfigured') && !api.contextKey('dbc.nodeConfigured'));
    assert.deepStrictEqual(await rows(), []);
  });

  it('imports the demo wallet from command arguments, without prompts', async () => {
    const meta = await vscode.commands.executeCommand<{ address: string; kind: string }>('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    assert.strictEqual(meta?.address, DEMO_RENTER_ADDRESS);
    assert.strictEqual(meta?.kind, 'wallet');
    await waitFor('the credential context key', async () => api.contextKey('dbc.credentialConfigured'));
  });

  it('shows endpoints, GPU nodes and VMs from settings', async () => {
    await setEndpoints([
      { url: sim, name: 'sim', nodes: [DEMO_NODE_A_ID, { id: DEMO_NODE_B_ID, name: 'node b' }, DEMO_NODE_ONLINE_ID] },
      { url: down, name: 'down', nodes: [DEMO_NODE_A_ID] },
    ]);
    await waitFor('two endpoint rows', async () => (await rows()).length === 2);
    await api.refresh();
    const endpoints = await rows();
    assert.deepStrictEqual(endpoints.map((r) => r.label), ['sim', 'down']);
    const nodes = await rows(`ep:${sim}`);
    assert.deepStrictEqual(nodes.map((r) => r.label), ['sim-gpu-a', 'node b', 'sim-gpu-online', 'Networks']);
    assert.match(nodes[0]!.description ?? '', /\d+\/8 GPUs/);
    assert.match(nodes[0]!.contextValue, /^dbc\.node;cred=wallet;rental=active;status=ok$/, 'the demo renter rents sim-gpu-a as a whole');
    const vms = await rows(`node:${sim}|${DEMO_NODE_A_ID}`);
    const demo = vms.find((r) => r.id.endsWith(`|${DEMO_TASK_ID}`));
    assert.ok(demo, `the demo VM is listed: ${JSON.stringify(vms)}`);
    assert.strictEqual(demo.label, 'demo-vm');
    assert.strictEqual(demo.description, 'Running');
    assert.match(demo.contextValue, /^dbc\.vm;can=[^;]*\bstop\b[^;]*;os=\w+;rental=active;state=running$/);
    assert.strictEqual(demo.icon, 'vm-running');
  });

  it('shows a node nobody rents as a neutral state with a hint, and an unreachable endpoint as one error row', async () => {
    const online = await rows(`node:${sim}|${DEMO_NODE_ONLINE_ID}`);
    assert.strictEqual(online.length, 1);
    assert.strictEqual(online[0]!.contextValue, 'dbc.message;action=none');
    assert.match(online[0]!.label, /^Nobody rents it/);
    const node = (await rows(`ep:${sim}`)).find((r) => r.label === 'sim-gpu-online')!;
    assert.deepStrictEqual([node.description, node.icon, node.contextValue], ['not rented', 'circle-slash', 'dbc.node;cred=wallet;status=notRented']);
    const downRows = await rows(`ep:${down}`);
    assert.strictEqual(downRows.length, 1, JSON.stringify(downRows));
    assert.strictEqual(downRows[0]!.contextValue, 'dbc.message;action=retry');
    assert.match(downRows[0]!.label, /refused|running at/);
    const endpoints = await rows();
    assert.strictEqual(endpoints[1]!.contextValue, 'dbc.endpoint;status=unreachable');
  });

  it('offers Create VM from the palette only on nodes a VM can be created on', async () => {
    let offered: string[] = [];
    api.setPrompter(new ScriptedPrompter().then({ pick: (items) => ((offered = items.map((i) => i.label)), undefined) }));
    await vscode.commands.executeCommand('dbc.vm.create');
    // not sim-gpu-online (nobody rents it), not the node behind the unreachable client node
    assert.deepStrictEqual(offered, ['sim-gpu-a', 'node b']);
  });

    it('offers "create one" on a node without VMs', async () => {
    const b = await rows(`node:${sim}|${DEMO_NODE_B_ID}`);
    assert.strictEqual(b.length, 1);
    assert.strictEqual(b[0]!.contextValue, 'dbc.message;action=createVm');
  });

  it('stops and starts a VM, and the row follows', async () => {
    await vscode.commands.executeCommand('dbc.vm.stop', vm());
    const stopped = await waitForVm(DEMO_NODE_A_ID, DEMO_TASK_ID, (r) => r?.description === 'Stopped', 'the VM to stop');
    assert.match(stopped!.contextValue, /;state=stopped$/);
    assert.match(stopped!.contextValue, /can=([^;]*,)?start[,;]/);
    await vscode.commands.executeCommand('dbc.vm.start', vm());
    await waitForVm(DEMO_NODE_A_ID, DEMO_TASK_ID, (r) => r?.description === 'Running', 'the VM to run again');
  });

  it('opens the VM details as a read-only document without the password', async () => {
    await vscode.commands.executeCommand('dbc.vm.info', vm());
    const editor = await waitFor('the info editor', async () => vscode.window.activeTextEditor?.document.uri.scheme === 'dbc-info' && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    const info = JSON.parse(text) as Record<string, unknown>;
    assert.strictEqual(info['task_id'], DEMO_TASK_ID);
    assert.match(String(info['login_password']), /hidden/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows the node log tail and node info without errors', async () => {
    await vscode.commands.executeCommand('dbc.vm.showLogs', vm());
    await vscode.commands.executeCommand('dbc.node.info', { endpoint: sim, nodeId: DEMO_NODE_A_ID });
    const editor = await waitFor('the node info editor', async () => vscode.window.activeTextEditor?.document.uri.scheme === 'dbc-info' && vscode.window.activeTextEditor);
    assert.strictEqual(JSON.parse(editor.document.getText()).node_id, DEMO_NODE_A_ID);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('creates a VM from arguments, then deletes it after the modal confirmation', async () => {
    const spec = {
      image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 1, cpu_cores: 4, mem_size: 8, disk_size: 50,
      ssh_port: await closedPort(), vnc_port: 5910, desc: 'it-create',
    };
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID, spec });
    assert.ok(created?.taskId, 'the create returned the new task');
    await waitForVm(DEMO_NODE_B_ID, created.taskId, (r) => r?.description === 'Running', 'the new VM to run');
    const prompter = new ScriptedPrompter().then({ confirm: true });
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId: created.taskId });
    assert.strictEqual(prompter.pending, 0);
    assert.match(prompter.asked[0]!, /Delete the VM it-create/);
    await waitForVm(DEMO_NODE_B_ID, created.taskId, (r) => r === undefined, 'the deleted VM to disappear');
  });

  it('creates a VM through the prompts, with free ports proposed and every answer validated', async () => {
    const proposed = (o: { value?: string }) => o.value ?? '';
    const prompter = new ScriptedPrompter().then(
      { pick: (items) => items.find((i) => i.label === 'ubuntu.qcow2')!.value },
      { pick: (items) => items.find((i) => i.label === 'Linux')!.value },
      { pick: (items) => items.find((i) => i.label === '1')!.value },
      { input: '2' }, { input: '4' }, { input: '20' },
      { input: proposed }, { input: proposed }, { input: '' },
      { pick: (items) => items.find((i) => i.label === 'No network')!.value }, { input: 'it-prompts' },
      { pick: (items) => items.find((i) => i.label.endsWith(' Create'))!.value },
    );
    api.setPrompter(prompter);
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID });
    assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
    assert.ok(created?.taskId);
    await waitForVm(DEMO_NODE_B_ID, created.taskId, (r) => r?.description === 'Running', 'the prompted VM to run');
    api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId: created.taskId });
    await waitForVm(DEMO_NODE_B_ID, created.taskId, (r) => r === undefined, 'the prompted VM to be deleted');
  });

  it('does nothing when the delete confirmation is declined', async () => {
    api.setPrompter(new ScriptedPrompter().then({ confirm: false }));
    await vscode.commands.executeCommand('dbc.vm.delete', vm());
    await api.refresh();
    assert.ok(await vmRow(DEMO_NODE_A_ID, DEMO_TASK_ID), 'the VM is still there');
  });

  it('shows image servers, their images and the nodes\' images in the Images view', async () => {
    const root = await api.rows('images');
    assert.deepStrictEqual(root.map((r) => r.label), ['sim', 'down']);
    const under = await api.rows('images', `img:ep:${sim}`);
    assert.deepStrictEqual(under.slice(0, 2).map((r) => [r.label, r.contextValue]), [['ID_1', 'dbc.imageServer'], ['ID_2', 'dbc.imageServer']]);
    const images = await api.rows('images', `img:ep:${sim}/srv:ID_1`);
    assert.ok(images.some((r) => r.label === 'ubuntu.qcow2' && r.contextValue === 'dbc.image;scope=server'), JSON.stringify(images));
    const nodeImages = await api.rows('images', `img:node:${sim}|${DEMO_NODE_A_ID}`);
    assert.ok(nodeImages.some((r) => r.contextValue === 'dbc.image;scope=node'), JSON.stringify(nodeImages));
  });

  it('stops and starts several VMs at once (multi-selection)', async () => {
    const spec = { image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 1, cpu_cores: 2, mem_size: 4, disk_size: 20, ssh_port: await closedPort(), vnc_port: 5920, desc: 'it-multi' };
    const second = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_A_ID, spec });
    assert.ok(second?.taskId);
    await waitForVm(DEMO_NODE_A_ID, second.taskId, (r) => r?.description === 'Running', 'the second VM to run');
    const both = [vm(), { endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: second.taskId }];
    await vscode.commands.executeCommand('dbc.vm.stop', both);
    await waitForVm(DEMO_NODE_A_ID, DEMO_TASK_ID, (r) => r?.description === 'Stopped', 'the first VM to stop');
    await waitForVm(DEMO_NODE_A_ID, second.taskId, (r) => r?.description === 'Stopped', 'the second VM to stop');
    await vscode.commands.executeCommand('dbc.vm.start', [vm()]);
    await waitForVm(DEMO_NODE_A_ID, DEMO_TASK_ID, (r) => r?.description === 'Running', 'the first VM to run again');
    api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: second.taskId });
    await waitForVm(DEMO_NODE_A_ID, second.taskId, (r) => r === undefined, 'the second VM to be deleted');
  });

  it('reports a refused action once, through the error wrapper', async () => {
    await vscode.commands.executeCommand('dbc.vm.stop', { endpoint: sim, nodeId: DEMO_NODE_ONLINE_ID, taskId: 'NoSuchTask0000000000001' });
    const errors = api.takeErrors();
    assert.strictEqual(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!, /^dbc\.vm\.stop: Stopping NoSuchTask0000000000001 failed: This machine is not rented\./);
  });

  it('shares access after a warning, and the bundle imports as shared access', async () => {
    const prompter = new ScriptedPrompter().then({ confirm: true });
    api.setPrompter(prompter);
    const bundle = await vscode.commands.executeCommand<string>('dbc.node.shareAccess', { endpoint: sim, nodeId: DEMO_NODE_A_ID });
    assert.match(bundle ?? '', /^dbc-session:/);
    assert.match(prompter.asked[0]!, /full control/);
    const meta = await vscode.commands.executeCommand<{ kind: string; nodeId: string }>('dbc.session.import', { bundle, label: 'from renter' });
    assert.strictEqual(meta?.kind, 'session');
    assert.strictEqual(meta?.nodeId, DEMO_NODE_A_ID);
  });

  it('imports a multisig account from the dbc CLI\'s multisig file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-it-'));
    const file = path.join(dir, 'team.json');
    process.env.DBC_IT_OTHER_SEED = DEMO_OTHER_SEED;
    fs.writeFileSync(file, JSON.stringify({
      wallets: [DEMO_RENTER_ADDRESS, DEMO_OTHER_ADDRESS], threshold: 2, signers: [{ seed: DEMO_RENTER_SEED }, { seed_env: 'DBC_IT_OTHER_SEED' }],
    }));
    try {
      const meta = await vscode.commands.executeCommand<{ kind: string; threshold: number; signerIds: string[] }>('dbc.multisig.import', { file, label: 'team' });
      assert.strictEqual(meta?.kind, 'multisig');
      assert.strictEqual(meta?.threshold, 2);
      assert.strictEqual(meta?.signerIds.length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      delete process.env.DBC_IT_OTHER_SEED;
    }
  });

  it('polls through the shared session once the node uses it', async () => {
    // The session is derived after a read has shown the node's rows (access/access.ts afterRead), and
    // only once no task list of the client node is still being read: a refresh may still be the wallet's.
    await waitFor('node A polled through its derived session', async () => {
      await api.refresh();
      return /^dbc\.node;cred=session;/.test((await rows(`ep:${sim}`))[0]!.contextValue);
    });
    assert.ok(await vmRow(DEMO_NODE_A_ID, DEMO_TASK_ID), 'the VM is listed through the session');
  });
});
