// GPU monitoring and VM ports inside a real VS Code, against dbc-sim's VMs (real SSH endpoints that
// answer nvidia-smi and serve HTTP on guest ports 8888 and 6006). The key is installed through the real
// Connect via Remote-SSH flow under a temp HOME (windows and browsers are recorded, not opened); then the
// row figure, the GPU monitor panel's messages (its webview runs in the test's browser and says `ready`),
// visibility-driven sampling, Forward Port… and Open Port in Browser… are checked end to end.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { OpenerCall } from '../../../src/remote/opener';
import type { DbcTestApi } from '../../../src/services';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_RENTER_SEED } from '../../../src/sim/demo';
import { raw } from '../../support/simHttp';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, tcpOpen, waitFor } from '../extension/dbcTestKit';

async function get(url: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const r = await raw(u.origin, 'GET', u.pathname);
  return { status: r.status, body: r.text };
}

async function admin(sim: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${sim}/__sim/${route}`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`admin ${route}: ${res.status} ${await res.text()}`);
}

describe('GPU monitor and ports (in a real VS Code, against dbc-sim)', function () {
  this.timeout(120_000);
  let api: DbcTestApi;
  let sim: string;
  let home: string;
  let calls: OpenerCall[];
  let vm: { endpoint: string; nodeId: string; taskId: string };
  let hostPort: number;
  let sshPort: number;
  const vmId = () => `vm:${sim}|${vm.nodeId}|${vm.taskId}`;

  async function vmRow() {
    await api.rows('machines');
    await api.rows('machines', `ep:${sim}`);
    return (await api.rows('machines', `node:${sim}|${DEMO_NODE_B_ID}`)).find((r) => r.id === vmId());
  }

  const messages = (direction: 'in' | 'out') => api.gpuMonitorMessages(vm).filter((m) => m.direction === direction).map((m) => m.message as any);

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    calls = [];
    home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-it-gpu-')));
    api.setRemoteHooks({ sshHome: home, installedExtensions: ['ms-vscode-remote.remote-ssh'], record: (c) => calls.push(c) });
    await vscode.workspace.getConfiguration().update('dbc.ssh.connectWhenReady', 'never', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration().update('dbc.gpu.sampleIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await setEndpoints([{ url: sim, name: 'sim', nodes: [DEMO_NODE_A_ID, DEMO_NODE_B_ID] }]);
    if (!api.contextKey('dbc.credentialConfigured')) await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    await waitFor('the nodes to be configured', async () => api.contextKey('dbc.nodeConfigured'));
    sshPort = await closedPort();
    hostPort = await closedPort();
    const spec = {
      image_name: 'ubuntu.qcow2', operation_system: 'linux', gpu_count: 2, cpu_cores: 2, mem_size: 4, disk_size: 20, ssh_port: sshPort,
      vnc_port: await closedPort(), desc: 'it-gpu', custom_port: [`tcp,${hostPort}:8888`],
    };
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID, spec });
    assert.ok(created?.taskId, 'the create returned the new task');
    vm = { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId: created.taskId };
    await waitFor('the VM\'s SSH endpoint', async () => (await api.refresh(), await tcpOpen(sshPort)), 60_000, 500);
    await vscode.commands.executeCommand('dbc.views.machines.focus');
  });

  afterEach(() => {
    api.setPrompter(undefined);
    assert.deepStrictEqual(api.takeErrors(), [], 'no command reported an error');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.setRemoteHooks(undefined);
    for (const key of ['dbc.ssh.connectWhenReady', 'dbc.gpu.sampleIntervalSeconds']) await vscode.workspace.getConfiguration().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (vm) {
      api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
      await vscode.commands.executeCommand('dbc.vm.delete', vm);
      api.setPrompter(undefined);
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('asks to connect once before GPU monitoring', async () => {
    await waitFor('the VM row', async () => (await api.refresh(), (await vmRow())?.description?.startsWith('Running')));
    assert.strictEqual(api.gpuSampling(vm), false, 'no key yet: nothing is read');
    await vscode.commands.executeCommand('dbc.vm.showGpuMonitor', vm);
    const errors = api.takeErrors();
    assert.strictEqual(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!, /Connect to it-gpu once \(Connect via Remote-SSH\) to enable GPU monitoring/);
  });

  it('shows the GPU figure in the row once the key is installed, and the ports and GPUs in its tooltip', async () => {
    api.setPrompter(new ScriptedPrompter().then({ choose: 'notNow' }));
    await vscode.commands.executeCommand('dbc.vm.connect', vm);
    await admin(sim, `tasks/${vm.taskId}/guest`, {
      gpus: [{ utilization: 87, memory_used_mib: 21504 }, { utilization: 40, memory_used_mib: 2048 }],
      processes: [{ gpu: 0, pid: 4242, name: 'python3 train.py', used_memory_mib: 20480 }],
    });
    const row = await waitFor('the GPU figure', async () => {
      const r = await vmRow();
      return r?.description?.includes('GPU') ? r : undefined;
    }, 30_000, 300);
    // Two A100 80GB: mean utilization 64 %, 23 of 160 GiB.
    assert.strictEqual(row.description, 'Running · GPU 64 % · 23/160 GiB');
    assert.strictEqual(api.gpuSampling(vm), true);
    assert.match(row.tooltip ?? '', new RegExp(`\\| Ports \\| \`ssh 22 → 127\\.0\\.0\\.1:${sshPort}\`<br>\`vnc → 127\\.0\\.0\\.1:\\d+\`<br>\`tcp 8888 → 127\\.0\\.0\\.1:${hostPort}\` \\|`));
    assert.match(row.tooltip ?? '', /\| GPUs \| 0: NVIDIA A100 80GB PCIe · 87 % · 21504 MiB \/ 81920 MiB · \d+ °C · \d+ W<br>1: /);
  });

  it('opens the GPU monitor: the webview says ready, gets the history, then live samples and processes', async () => {
    await vscode.commands.executeCommand('dbc.vm.showGpuMonitor', vm);
    const init = await waitFor('the init message', async () => messages('out').find((m) => m.type === 'init'), 30_000);
    assert.ok(messages('in').some((m) => m.type === 'ready'), 'the webview script ran and said ready');
    assert.strictEqual(init.vm, 'it-gpu');
    assert.strictEqual(init.strings.title, 'GPU Monitor · {0}');
    assert.strictEqual(init.historyMs, 600_000);
    assert.deepStrictEqual(init.status, { kind: 'sampling', text: 'Read every 2 s while visible' });
    const sample = await waitFor('a live sample', async () => messages('out').find((m) => m.type === 'sample')?.sample, 20_000);
    assert.strictEqual(sample.kind, 'ok');
    assert.deepStrictEqual(sample.gpus.map((g: any) => [g.index, g.name, g.utilization, g.memory_used_mib, g.memory_total_mib]), [
      [0, 'NVIDIA A100 80GB PCIe', 87, 21504, 81920], [1, 'NVIDIA A100 80GB PCIe', 40, 2048, 81920],
    ]);
    assert.deepStrictEqual(sample.processes.map((p: any) => [p.gpu_index, p.pid, p.name, p.used_memory_mib]), [[0, 4242, 'python3 train.py', 20480]]);
    assert.match(sample.processes[0].gpu_uuid, /^GPU-[0-9a-f-]{36}$/);
  });

  it('reads only while the view or the panel is visible', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('sampling to pause', async () => !api.gpuSampling(vm), 10_000);
    const before = messages('out').filter((m) => m.type === 'sample').length;
    await new Promise((r) => setTimeout(r, 5000));
    assert.strictEqual(messages('out').filter((m) => m.type === 'sample').length, before, 'no reading while nothing shows the VM');
    await vscode.commands.executeCommand('dbc.vm.showGpuMonitor', vm);
    await waitFor('sampling to resume for the panel', async () => api.gpuSampling(vm), 10_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('dbc.views.machines.focus');
  });

  it('forwards guest port 8888 to a free local port, listed under the VM until stopped', async () => {
    const fwd = await vscode.commands.executeCommand<{ url: string; localPort: number }>('dbc.vm.forwardPort', { ...vm, remotePort: 8888 });
    assert.match(fwd.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(fwd.url);
    assert.strictEqual(page.status, 200);
    assert.match(page.body, new RegExp(`Guest port 8888 of ${vm.taskId}`));
    await vmRow();
    const children = await api.rows('machines', vmId());
    const row = children.find((r) => r.id === `${vmId()}/fwd:8888`);
    assert.deepStrictEqual(row && [row.label, row.description, row.contextValue, row.icon], ['Port 8888', `→ 127.0.0.1:${fwd.localPort}`, 'dbc.forward', 'radio-tower']);
    assert.ok(api.contextKey('dbc.portsForwarded'));
    assert.strictEqual(await vscode.commands.executeCommand('dbc.forward.openInBrowser', { ...vm, remotePort: 8888 }), fwd.url);
    assert.deepStrictEqual(calls.at(-1), { kind: 'external', uri: fwd.url });
    await vscode.commands.executeCommand('dbc.forward.stop', { ...vm, remotePort: 8888 });
    await assert.rejects(get(fwd.url));
    assert.ok(!(await api.rows('machines', vmId())).some((r) => r.id.includes('/fwd:')), 'the row is gone');
    assert.ok(!api.contextKey('dbc.portsForwarded'));
  });

  it('opens a mapped custom port in the browser (recorded at create)', async () => {
    const url = await vscode.commands.executeCommand<string>('dbc.vm.openPort', { ...vm, guestPort: 8888 });
    assert.strictEqual(url, `http://127.0.0.1:${hostPort}`);
    assert.deepStrictEqual(calls.at(-1), { kind: 'external', uri: `${url}/` });
    assert.match((await get(url)).body, new RegExp(`Guest port 8888 of ${vm.taskId}`), 'the simulator publishes the mapped port');
  });

  it('stops reading when the VM stops', async () => {
    await vscode.commands.executeCommand('dbc.vm.stop', vm);
    await waitFor('the VM to stop', async () => (await api.refresh(), !(await vmRow())?.description?.includes('Running')), 30_000, 300);
    assert.strictEqual(api.gpuSampling(vm), false);
    assert.doesNotMatch((await vmRow())?.description ?? '', /GPU/);
  });
});
