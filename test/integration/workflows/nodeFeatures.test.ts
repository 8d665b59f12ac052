// Issue 10 inside a real VS Code, against dbc-sim: a per-GPU rental used without ever typing its rent
// order (the node row shows it; create proposes the leased GPUs and share; list, follow logs, stop,
// resize a disk and connect all carry it), the picker when a wallet rents several orders (the choice
// kept per node in settings, ids only), the disks of a VM, virtual LANs (Networks rows, Create/Delete
// Network…, the network step of Create VM, the LAN address in the VM tooltip), Free Node Memory and
// Set Monitor Servers….
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConnectResult } from '../../../src/flows/connect/connect';
import type { DbcTestApi } from '../../../src/services';
import {
  DEMO_LAN_CIDR, DEMO_LAN_NAME, DEMO_LEASE_ORDER, DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_NODE_C_ID, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED, DEMO_TASK_ID,
} from '../../../src/sim/demo';
import type { InputOptions, PickItem } from '../../../src/ui/model/prompter';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, tcpOpen, waitFor } from '../extension/dbcTestKit';
import { simAdminUrl } from '../support/harness';
import { cryptoWaitReady, pairFromSeed, walletAuth } from '../../support/simAuth';
import { post, raw } from '../../support/simHttp';

type Row = Awaited<ReturnType<DbcTestApi['rows']>>[number];

const labelled = (label: string) => ({ pick: (items: PickItem<unknown>[]) => items.find((i) => i.label === label || i.label.endsWith(` ${label}`))?.value });
const proposed = { input: (o: InputOptions) => o.value ?? '' };
const YEAR_OF_BLOCKS = 600 * 24 * 365;

async function admin(method: string, route: string, body?: unknown): Promise<any> {
  const u = new URL(simAdminUrl());
  const r = await raw(u.origin, method, `${u.pathname.replace(/\/$/, '')}/${route}`, body === undefined ? undefined : JSON.stringify(body));
  assert.strictEqual(r.status, 200, r.text);
  return r.json;
}

async function simTask(nodeId: string, taskId: string): Promise<any> {
  const state = await admin('GET', 'state');
  return state.nodes.find((n: any) => n.node_id === nodeId)?.tasks.find((t: any) => t.task_id === taskId);
}

describe('Rent orders, disks, LANs and node services (in a real VS Code, against dbc-sim)', function () {
  this.timeout(180_000);
  let api: DbcTestApi;
  let sim: string;
  const nodeRef = (nodeId: string) => ({ endpoint: sim, nodeId });
  const rows = (parent?: string) => api.rows('machines', parent);

  async function nodeRow(nodeId: string): Promise<Row | undefined> {
    await rows();
    return (await rows(`ep:${sim}`)).find((r) => r.id === `node:${sim}|${nodeId}`);
  }

  async function vmRow(nodeId: string, taskId: string): Promise<Row | undefined> {
    await nodeRow(nodeId);
    return (await rows(`node:${sim}|${nodeId}`)).find((r) => r.id === `vm:${sim}|${nodeId}|${taskId}`);
  }

  async function waitForVm(nodeId: string, taskId: string, test: (row: Row | undefined) => boolean, what: string): Promise<Row | undefined> {
    const found = await waitFor(what, async () => {
      await api.refresh();
      const row = await vmRow(nodeId, taskId);
      return test(row) ? row ?? 'gone' : undefined;
    }, 60_000, 300);
    return found === 'gone' ? undefined : found;
  }

  async function remove(nodeId: string, taskId: string): Promise<void> {
    api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId, taskId });
    await waitForVm(nodeId, taskId, (r) => r === undefined, 'the VM to be deleted');
    api.setPrompter(undefined);
  }

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    // The demo rental of node C ends an hour into the demo (minutes here): make it a long one again.
    const block = (await admin('GET', 'chain')).block as number;
    await admin('POST', `nodes/${DEMO_NODE_C_ID}/rent_orders`, { id: DEMO_LEASE_ORDER, rent_status: 'renting', rent_end: block + YEAR_OF_BLOCKS });
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', 'never', vscode.ConfigurationTarget.Global);
    await setEndpoints([{ url: sim, name: 'sim', nodes: [DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_NODE_C_ID] }]);
    if (!api.contextKey('dbc.credentialConfigured')) await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    await waitFor('the nodes to be configured', async () => api.contextKey('dbc.nodeConfigured'));
    await api.refresh();
    api.takeErrors();
  });

  afterEach(() => {
    api.setPrompter(undefined);
    assert.deepStrictEqual(api.takeErrors(), [], 'no command reported an error');
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', undefined, vscode.ConfigurationTarget.Global);
  });

  describe('a per-GPU rental, without typing its rent order', () => {
    let vm: { endpoint: string; nodeId: string; taskId: string };
    let sshPort: number;
    const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-it-gpu-')));

    after(async () => {
      api.setRemoteHooks(undefined);
      if (vm) await remove(DEMO_NODE_C_ID, vm.taskId);
      fs.rmSync(home, { recursive: true, force: true });
    });

    it('finds the wallet\'s only order on the node and shows it with its GPUs on the node row', async () => {
      const row = await waitFor('the order on the node row', async () => {
        await api.refresh();
        const r = await nodeRow(DEMO_NODE_C_ID);
        return /order 1042 · GPUs 2,3/.test(r?.description ?? '') && r;
      });
      assert.match(row.contextValue, /^dbc\.node;cred=wallet;(rental=[a-z]+;)?status=ok$/, 'the task list was read: it carried the order');
      const stored = vscode.workspace.getConfiguration().get<unknown[]>('dbc.endpoints');
      assert.doesNotMatch(JSON.stringify(stored), /rentOrder/, 'a found order is not written to settings');
    });

    it('creates a VM that proposes exactly the leased GPUs and the leased share of CPU cores and memory', async () => {
      sshPort = await closedPort();
      const vnc = await closedPort();
      let gpuItems: string[] = [];
      let cpu = '';
      let mem = '';
      const prompter = new ScriptedPrompter().then(
        labelled('ubuntu.qcow2'), labelled('Linux'),
        { pick: (items) => ((gpuItems = items.map((i) => i.label)), items[0]!.value) },
        { input: (o: InputOptions) => ((cpu = o.value ?? ''), cpu) }, { input: (o: InputOptions) => ((mem = o.value ?? ''), mem) }, { input: '20' },
        { input: String(sshPort) }, { input: String(vnc) }, { input: '' }, labelled('No network'), { input: 'it-per-gpu' },
        labelled('Create'),
      );
      api.setPrompter(prompter);
      const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', nodeRef(DEMO_NODE_C_ID));
      assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
      assert.deepStrictEqual(gpuItems, ['2'], 'only the two leased GPUs');
      assert.deepStrictEqual([cpu, mem], ['16', '64'], '64 cores and 256 GB, two of eight GPUs');
      assert.ok(created?.taskId);
      vm = { endpoint: sim, nodeId: DEMO_NODE_C_ID, taskId: created.taskId };
      await waitForVm(DEMO_NODE_C_ID, vm.taskId, (r) => r?.label === 'it-per-gpu' && r.description === 'Running', 'the VM to run');
      const task = await simTask(DEMO_NODE_C_ID, vm.taskId);
      assert.strictEqual(task.rent_order, DEMO_LEASE_ORDER);
      assert.deepStrictEqual(task.gpu_indexes, [2, 3]);
      await vscode.commands.executeCommand('dbc.vm.info', vm);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const row = await waitFor('the rent order in the VM tooltip', async () => {
        const r = await vmRow(DEMO_NODE_C_ID, vm.taskId);
        return /Rent order/.test(r?.tooltip ?? '') && r;
      });
      assert.match(row.tooltip!, new RegExp(`\\| Rent order ${DEMO_LEASE_ORDER} \\| GPUs 2, 3 · ends at block `));
    });

    it('follows its log, stops it, and resizes its data disk (the node reports the new size)', async () => {
      await vscode.commands.executeCommand('dbc.vm.followLogs', vm);
      await waitFor('the followed log', async () => /CreateDomain/.test(api.logText(vm) ?? ''), 30_000);
      await vscode.commands.executeCommand('dbc.vm.stopFollowingLogs', vm);
      await vscode.commands.executeCommand('dbc.vm.stop', vm);
      await waitForVm(DEMO_NODE_C_ID, vm.taskId, (r) => r?.description === 'Stopped', 'the VM to stop');
      const outcome = await vscode.commands.executeCommand<{ state: string; disk?: { name: string; size: string } }>('dbc.vm.resizeDisk', { ...vm, disk: 'vdb', sizeGb: 10 });
      assert.deepStrictEqual([outcome?.state, outcome?.disk?.name, outcome?.disk?.size], ['done', 'vdb', '30G']);
      assert.match(api.logText(vm) ?? '', /process_resize_disk/, 'the VM log was followed until the node reported');
      await vscode.commands.executeCommand('dbc.vm.start', vm);
      await waitForVm(DEMO_NODE_C_ID, vm.taskId, (r) => r?.description === 'Running', 'the VM to run again');
    });

    it('connects to it through SSH', async () => {
      const calls: unknown[] = [];
      api.setRemoteHooks({ sshHome: home, installedExtensions: ['ms-vscode-remote.remote-ssh'], record: (c) => calls.push(c) });
      await waitFor('the VM\'s SSH port', () => tcpOpen(sshPort), 60_000, 500);
      // Whether the Include into ~/.ssh/config is asked depends on what an earlier test answered.
      api.setPrompter(new ScriptedPrompter().then({ choose: 'notNow' }));
      const result = await vscode.commands.executeCommand<ConnectResult>('dbc.vm.connect', vm);
      assert.ok(result?.alias, JSON.stringify(api.takeErrors()));
      assert.ok(calls.length > 0, 'a window or terminal was opened');
      assert.match(fs.readFileSync(path.join(home, '.ssh', 'dbc', 'config'), 'utf8'), new RegExp(`^ {2}Port ${sshPort}$`, 'm'));
    });
  });

  describe('a wallet that rents several orders on the node', () => {
    after(async () => {
      await admin('POST', `nodes/${DEMO_NODE_C_ID}/rent_orders`, { id: '1050', rent_status: 'rentExpired' });
      const endpoints = vscode.workspace.getConfiguration().get<any[]>('dbc.endpoints') ?? [];
      await setEndpoints(endpoints.map((e) => ({ ...e, nodes: (e.nodes ?? []).map((n: any) => (typeof n === 'string' ? n : { id: n.id })) })));
    });

    it('asks to choose (node row, error row), then keeps the chosen id in settings', async () => {
      await admin('POST', `nodes/${DEMO_NODE_C_ID}/rent_orders`, { id: '1050', renter: DEMO_RENTER_ADDRESS, gpu_index: [6] });
      await admin('POST', 'prune'); // the node's next cycle fetches the new order from the chain
      await vscode.commands.executeCommand('dbc.views.refresh');
      api.takeErrors();
      const rowsUnder = await waitFor('the choose row', async () => {
        await nodeRow(DEMO_NODE_C_ID);
        const r = await rows(`node:${sim}|${DEMO_NODE_C_ID}`);
        return r[0]?.contextValue === 'dbc.message;action=rentOrder' && r;
      });
      assert.match(rowsUnder[0]!.label, /rents 2 orders on this GPU node/);
      assert.match((await nodeRow(DEMO_NODE_C_ID))!.description ?? '', /(^|· )(refresh failed|choose a rent order)/, 'after the time left on the rental, if any');
      const prompter = new ScriptedPrompter().then({
        pick: (items) => (assert.deepStrictEqual(items.map((i) => i.label), ['1042', '1050', 'Automatic', 'Enter a rent order id…']), items[1]!.value),
      });
      api.setPrompter(prompter);
      const chosen = await vscode.commands.executeCommand<string>('dbc.node.chooseRentOrder', nodeRef(DEMO_NODE_C_ID));
      assert.strictEqual(chosen, '1050');
      const stored = vscode.workspace.getConfiguration().get<any[]>('dbc.endpoints')!;
      const node = stored.flatMap((e) => e.nodes).find((n: any) => n.id === DEMO_NODE_C_ID);
      assert.deepStrictEqual(node, { id: DEMO_NODE_C_ID, rentOrder: '1050' }, 'the id only');
      const row = await waitFor('the chosen order on the row', async () => {
        await api.refresh();
        const r = await nodeRow(DEMO_NODE_C_ID);
        return /order 1050 · GPUs 6/.test(r?.description ?? '') && r;
      });
      assert.match(row.contextValue, /status=ok/);
    });
  });

  describe('disks', () => {
    it('lists a VM\'s disks, adds one after offering to stop the VM, and deletes it', async () => {
      const vm = { endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: DEMO_TASK_ID };
      api.setPrompter(new ScriptedPrompter().then({
        pick: (items) => (assert.deepStrictEqual(items.map((i) => i.label), ['vda', 'vdb', '$(add) Add Disk…']), undefined),
      }));
      const listed = await vscode.commands.executeCommand<{ name: string }[]>('dbc.vm.disks', vm);
      assert.deepStrictEqual(listed?.map((d) => d.name), ['vda', 'vdb']);
      const add = new ScriptedPrompter().then({ input: '5' }, { input: (o: InputOptions) => (assert.strictEqual(o.value, '/data'), '/data') }, { confirm: true });
      api.setPrompter(add);
      const added = await vscode.commands.executeCommand<{ state: string; disk?: { name: string } }>('dbc.vm.addDisk', vm);
      assert.match(add.asked[2]!, /^confirm: demo-vm is running\./, 'offers to stop the VM first');
      assert.deepStrictEqual([added?.state, added?.disk?.name], ['done', 'vdc']);
      const del = new ScriptedPrompter().then(labelled('vdc'), { confirm: true });
      api.setPrompter(del);
      const deleted = await vscode.commands.executeCommand<{ state: string }>('dbc.vm.deleteDisk', vm);
      assert.strictEqual(deleted?.state, 'done');
      assert.strictEqual(del.pending, 0, 'no stop asked: the VM is already shut off');
      await vscode.commands.executeCommand('dbc.vm.start', vm);
      const row = await waitForVm(DEMO_NODE_A_ID, DEMO_TASK_ID, (r) => r?.description === 'Running', 'the demo VM to run again');
      assert.ok(row);
    });
  });

  describe('virtual LANs', () => {
    let taskId = '';

    after(async () => {
      if (!taskId) return;
      await remove(DEMO_NODE_B_ID, taskId);
      api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
      await vscode.commands.executeCommand('dbc.lan.delete', { endpoint: sim, name: 'itlan01' });
      api.setPrompter(undefined);
      api.takeErrors();
    });

    it('shows the client node\'s networks with cidr and members, and the LAN address in the VM tooltip', async () => {
      const under = await rows(`ep:${sim}`);
      const networks = under.at(-1)!;
      assert.deepStrictEqual([networks.label, networks.contextValue], ['Networks', 'dbc.networks']);
      const list = await waitFor('the networks', async () => {
        const r = await rows(networks.id);
        return r.some((x) => x.label === DEMO_LAN_NAME) && r;
      });
      assert.strictEqual(list.find((x) => x.label === DEMO_LAN_NAME)?.description, `${DEMO_LAN_CIDR} · 1 VMs`);
      const demoVm = { endpoint: sim, nodeId: DEMO_NODE_A_ID, taskId: DEMO_TASK_ID };
      await vscode.commands.executeCommand('dbc.vm.info', demoVm); // the details the tooltip shows
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const row = await waitFor('the LAN in the VM tooltip', async () => {
        const r = await vmRow(DEMO_NODE_A_ID, DEMO_TASK_ID);
        return /LAN address/.test(r?.tooltip ?? '') && r;
      });
      assert.match(row.tooltip!, new RegExp(`Network \\| ${DEMO_LAN_NAME}`));
      assert.match(row.tooltip!, new RegExp(`LAN address \\|.*${DEMO_LAN_CIDR.replace(/\.0\/24$/, '').replace(/\./g, '\\.')}\\.\\d+`));
      assert.match(row.tooltip!, /Disks \| vda \d+G · vdb \d+G/);
    });

    it('Create Network… checks the name (6 to 10 letters or digits) and the range before sending, and proposes a free range', async () => {
      let names: (string | undefined)[] = [];
      let cidrs: (string | undefined)[] = [];
      let proposedCidr = '';
      const prompter = new ScriptedPrompter().then(
        labelled('sim-gpu-b'),
        { input: (o: InputOptions) => ((names = ['abc12', 'abc-def1', 'abcdef12345', DEMO_LAN_NAME, 'itlan02'].map((v) => o.validate?.(v))), 'itlan02') },
        { input: (o: InputOptions) => ((proposedCidr = o.value ?? ''), (cidrs = ['10.1.0.0', '10.1.0.0/33', '192.168.122.0/24', '10.79.0.0/24'].map((v) => o.validate?.(v))), '10.79.0.0/24') },
      );
      api.setPrompter(prompter);
      assert.strictEqual(await vscode.commands.executeCommand<string>('dbc.lan.create', { endpoint: sim }), 'itlan02');
      assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
      assert.match(names[0] ?? '', /6 to 10 letters or digits/);
      assert.match(names[1] ?? '', /6 to 10 letters or digits/);
      assert.match(names[2] ?? '', /6 to 10 letters or digits/);
      assert.match(names[3] ?? '', /exists already/);
      assert.strictEqual(names[4], undefined);
      assert.notStrictEqual(proposedCidr.split('.').slice(0, 2).join('.'), DEMO_LAN_CIDR.split('.').slice(0, 2).join('.'), 'a range no listed network uses');
      assert.ok(cidrs.slice(0, 3).every((c) => typeof c === 'string' && c.length > 0), JSON.stringify(cidrs));
      assert.match(cidrs[2]!, /192\.168\.122/);
      assert.strictEqual(cidrs[3], undefined);
      api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
      await vscode.commands.executeCommand('dbc.lan.delete', { endpoint: sim, name: 'itlan02' });
      const names2 = (await rows(`ep:${sim}/networks`)).map((r) => r.label);
      assert.ok(!names2.includes('itlan02'), names2.join(', '));
    });

    it('creates a network, and a VM joins it in the create wizard', async () => {
      const created = new ScriptedPrompter().then(labelled('sim-gpu-b'));
      api.setPrompter(created);
      const name = await vscode.commands.executeCommand<string>('dbc.lan.create', { endpoint: sim, name: 'itlan01', cidr: '10.77.0.0/24' });
      assert.strictEqual(name, 'itlan01');
      const sshPort = await closedPort();
      const prompter = new ScriptedPrompter().then(
        labelled('ubuntu.qcow2'), labelled('Linux'), labelled('1'), { input: '2' }, { input: '4' }, { input: '20' },
        { input: String(sshPort) }, proposed, { input: '' },
        { pick: (items) => (assert.ok(items.some((i) => i.label === DEMO_LAN_NAME)), items.find((i) => i.label === 'itlan01')!.value) },
        { input: 'it-lan' }, labelled('Create'),
      );
      api.setPrompter(prompter);
      const vm = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', nodeRef(DEMO_NODE_B_ID));
      assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
      taskId = vm!.taskId;
      assert.match(prompter.asked[9]!, /^pick: 10\/12 /, 'the network step comes after the extra ports');
      await waitForVm(DEMO_NODE_B_ID, taskId, (r) => r?.description === 'Running', 'the LAN VM to run');
      await vscode.commands.executeCommand('dbc.vm.info', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId });
      const info = JSON.parse(vscode.window.activeTextEditor!.document.getText()) as Record<string, unknown>;
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.strictEqual(info['network_name'], 'itlan01');
      assert.deepStrictEqual((info['local_address'] as string[])[1], '10.77.0.1');
    });

    it('refuses to delete a network with VMs in it, and deletes it once they are gone', async () => {
      await vscode.commands.executeCommand('dbc.lan.delete', { endpoint: sim, name: 'itlan01' });
      assert.match(api.takeErrors().join('\n'), /Network itlan01 still has 1 VMs in it/);
      await remove(DEMO_NODE_B_ID, taskId);
      taskId = '';
      api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
      await vscode.commands.executeCommand('dbc.lan.delete', { endpoint: sim, name: 'itlan01' });
      const names = (await rows(`ep:${sim}/networks`)).map((r) => r.label);
      assert.ok(!names.includes('itlan01') && names.includes(DEMO_LAN_NAME), names.join(', '));
    });
  });

  describe('modify', () => {
    let taskId = '';
    after(async () => {
      if (taskId) await remove(DEMO_NODE_B_ID, taskId);
    });

    it('sends the VM\'s own public IP again when another field changes (the node would clear it)', async () => {
      const spec = {
        image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 0, cpu_cores: 2, mem_size: 4, disk_size: 20, public_ip: '203.0.113.50',
        ssh_port: String(await closedPort()), vnc_port: String(await closedPort()), desc: 'it-public-ip',
      };
      const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID, spec });
      taskId = created!.taskId;
      await waitForVm(DEMO_NODE_B_ID, taskId, (r) => r?.description === 'Running', 'the VM with a public IP to run');
      const field = (label: string) => (items: PickItem<unknown>[]) => items.find((i) => i.label === label);
      const prompter = new ScriptedPrompter().then(
        { pick: (items) => (assert.strictEqual(field('Public IP (empty: none)')(items)?.description, 'now 203.0.113.50'), field('CPU cores')(items)!.value) },
        { input: '3' }, { pick: (items) => items[0]!.value }, labelled('Modify while it runs'),
      );
      api.setPrompter(prompter);
      await vscode.commands.executeCommand('dbc.vm.modify', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId });
      assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
      const task = await simTask(DEMO_NODE_B_ID, taskId);
      assert.deepStrictEqual([task.public_ip, task.cpu_cores], ['203.0.113.50', 3]);
    });
  });

  describe('image uploads', () => {
    it('asks progress and stop by the path the upload was started with', async () => {
      const speed = (await admin('GET', 'state')).speed as number;
      // Real time, so the upload is still running when it is stopped (a frozen clock would hold every reply).
      await admin('POST', 'speed', { speed: 1 });
      const uploads = async () => (await admin('GET', 'state')).nodes.find((n: any) => n.node_id === DEMO_NODE_B_ID).transfers
        .filter((t: any) => t.kind === 'upload' && !t.done).map((t: any) => t.key);
      try {
        await vscode.commands.executeCommand('dbc.image.upload', { endpoint: sim, nodeId: DEMO_NODE_B_ID, filename: 'ubuntu.qcow2', imageServer: 'ID_2', watch: false });
        assert.deepStrictEqual(await uploads(), ['/data/ubuntu.qcow2']);
        await vscode.commands.executeCommand('dbc.image.stopTransfer', { endpoint: sim, nodeId: DEMO_NODE_B_ID, filename: 'ubuntu.qcow2', direction: 'upload' });
        assert.deepStrictEqual(await uploads(), [], 'the stop named the same path, so the node stopped it');
      } finally {
        await admin('POST', 'speed', { speed });
      }
    });
  });

  describe('a VM description the node cannot encode', () => {
    const QUOTED = 'ItQuoteDescTask0000001';

    async function gpuCall(path: string, additional: Record<string, unknown>): Promise<any> {
      await cryptoWaitReady();
      const body = { peer_nodes_list: [DEMO_NODE_B_ID], additional, ...walletAuth(pairFromSeed(DEMO_RENTER_SEED)) };
      return (await post(sim, `/api/v1${path}`, body)).json;
    }

    after(async () => {
      await waitFor('the VM to be gone', async () => {
        if ((await simTask(DEMO_NODE_B_ID, QUOTED)) === undefined) return true;
        await gpuCall(`/tasks/delete/${QUOTED}`, {});
        return false;
      }, 60_000, 500);
    });

    it('names the cause on the node row when a desc with a quote breaks the task list', async () => {
      // Made outside the extension, which refuses such a desc: the node copies desc into its replies unescaped.
      const spec = {
        task_id: QUOTED, image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: '0', cpu_cores: '1', mem_size: '2', disk_size: '10',
        ssh_port: String(await closedPort()), vnc_port: String(await closedPort()), desc: 'my "best" vm',
      };
      await gpuCall('/tasks/start', spec);
      assert.ok(await simTask(DEMO_NODE_B_ID, QUOTED), 'the node created the VM although its reply could not be read');
      const row = await waitFor('the error row under the node', async () => {
        await api.refresh();
        await nodeRow(DEMO_NODE_B_ID);
        const under = await rows(`node:${sim}|${DEMO_NODE_B_ID}`);
        return under[0]?.contextValue.startsWith('dbc.message') && /double quote/.test(under[0].label) && under[0];
      }, 30_000, 300);
      assert.match(row.label, /VM description on it holds a double quote \("\) or a backslash/);
      await waitFor('the delete to be accepted', async () => (await gpuCall(`/tasks/delete/${QUOTED}`, {}))?.errcode === 0, 60_000, 500);
      await waitFor('the VM list to be readable again', async () => {
        await api.refresh();
        await nodeRow(DEMO_NODE_B_ID);
        const under = await rows(`node:${sim}|${DEMO_NODE_B_ID}`);
        return !under.some((r) => /double quote/.test(r.label));
      }, 60_000, 500);
      const shown = api.takeErrors();
      assert.ok(shown.every((e) => /double quote/.test(e)), shown.join('\n'));
    });
  });

  describe('node services', () => {
    it('frees the node\'s memory and sets its monitor servers', async () => {
      const reply = await vscode.commands.executeCommand<string>('dbc.node.freeMemory', nodeRef(DEMO_NODE_A_ID));
      assert.strictEqual(reply, 'ok');
      const prompter = new ScriptedPrompter().then({ input: (o: InputOptions) => (assert.strictEqual(o.value, ''), 'zbx.example.com:10051 10.0.0.9:10051') });
      api.setPrompter(prompter);
      const set = await vscode.commands.executeCommand<string[]>('dbc.node.setMonitors', nodeRef(DEMO_NODE_A_ID));
      assert.deepStrictEqual(set, ['zbx.example.com:10051', '10.0.0.9:10051']);
      const again = new ScriptedPrompter().then({ input: (o: InputOptions) => (assert.strictEqual(o.value, 'zbx.example.com:10051 10.0.0.9:10051'), '') });
      api.setPrompter(again);
      assert.deepStrictEqual(await vscode.commands.executeCommand<string[]>('dbc.node.setMonitors', nodeRef(DEMO_NODE_A_ID)), []);
    });
  });
});
