// The full workflows inside a real VS Code, against dbc-sim: Create VM through the wizard (with Back),
// Modify with a "next boot" reply, a snapshot of a running VM (stop first), following a VM log while the
// simulator appends lines, an image download with progress, and Create VM from a workspace profile.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DbcTestApi } from '../../../src/services';
import { DEMO_NODE_B_ID, DEMO_RENTER_SEED } from '../../../src/sim/demo';
import type { InputOptions, PickItem } from '../../../src/ui/model/prompter';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, waitFor } from '../extension/dbcTestKit';
import { simAdminUrl } from '../support/harness';

type Row = Awaited<ReturnType<DbcTestApi['rows']>>[number];

const labelled = (label: string) => ({ pick: (items: PickItem<unknown>[]) => items.find((i) => i.label === label || i.label.endsWith(` ${label}`))?.value });
const proposed = { input: (o: InputOptions) => o.value ?? '' };

async function appendLog(taskId: string, lines: string[]): Promise<void> {
  const res = await fetch(`${simAdminUrl()}/tasks/${taskId}/log`, { method: 'POST', body: JSON.stringify({ lines }) });
  assert.strictEqual(res.status, 200, await res.text());
}

describe('Create, modify, logs, snapshots, images and profiles (in a real VS Code, against dbc-sim)', function () {
  this.timeout(120_000);
  let api: DbcTestApi;
  let sim: string;
  let taskId = '';
  const vm = () => ({ endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId });
  const nodeRows = () => api.rows('machines', `node:${sim}|${DEMO_NODE_B_ID}`);

  async function vmRow(id: string): Promise<Row | undefined> {
    await api.rows('machines');
    await api.rows('machines', `ep:${sim}`);
    return (await nodeRows()).find((r) => r.id === `vm:${sim}|${DEMO_NODE_B_ID}|${id}`);
  }

  async function waitForVm(id: string, test: (row: Row | undefined) => boolean, what: string): Promise<Row | undefined> {
    const found = await waitFor(what, async () => {
      await api.refresh();
      const row = await vmRow(id);
      return test(row) ? row ?? 'gone' : undefined;
    }, 30_000, 300);
    return found === 'gone' ? undefined : found;
  }

  async function remove(id: string): Promise<void> {
    api.setPrompter(new ScriptedPrompter().then({ confirm: true }));
    await vscode.commands.executeCommand('dbc.vm.delete', { endpoint: sim, nodeId: DEMO_NODE_B_ID, taskId: id });
    await waitForVm(id, (r) => r === undefined, 'the VM to be deleted');
  }

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    await setEndpoints([{ url: sim, name: 'sim', nodes: [DEMO_NODE_B_ID] }]);
    await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    await waitFor('node B to be listed', async () => (await api.refresh(), (await api.rows('machines')).length === 1));
    api.takeErrors();
  });

  afterEach(() => {
    api.setPrompter(undefined);
    assert.deepStrictEqual(api.takeErrors(), [], 'no command reported an error');
  });

  it('creates a VM through the wizard: step counter, Back to the previous step, proposed ports, summary', async () => {
    // The wizard knows the node's VMs, not this machine, where a demo may listen on its proposal: the SSH
    // endpoint goes to a port that is free here (the proposal is checked below).
    const sshPort = String(await closedPort());
    let proposedSsh = '';
    const sshAnswer = { input: (o: InputOptions) => ((proposedSsh = o.value ?? ''), sshPort) };
    const prompter = new ScriptedPrompter().then(
      labelled('ubuntu.qcow2'), labelled('Linux'), labelled('1'), { input: '2' },
      { back: true }, { input: '3' },
      { input: '4' }, { input: '20' }, sshAnswer, proposed, { input: '8888' }, labelled('No network'), { input: 'it-wizard' },
      labelled('Create'),
    );
    api.setPrompter(prompter);
    const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.vm.create', { endpoint: sim, nodeId: DEMO_NODE_B_ID });
    assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
    const steps = prompter.asked.map((a) => /^\w+: (\d+\/\d+) /.exec(a)?.[1]);
    // Eleven questions and the summary: the demo world has a virtual LAN, so Create VM asks whether to join it.
    assert.deepStrictEqual(steps.slice(0, 7), ['1/12', '2/12', '3/12', '4/12', '5/12', '4/12', '5/12'], prompter.asked.join('\n'));
    assert.match(prompter.asked.at(-1)!, /^pick: 12\/12 /);
    assert.ok(created?.taskId, 'the create returned the new task');
    taskId = created.taskId;
    const row = await waitForVm(taskId, (r) => r?.description === 'Running', 'the new VM to run');
    assert.strictEqual(row?.label, 'it-wizard');
    await vscode.commands.executeCommand('dbc.vm.info', vm());
    const doc = vscode.window.activeTextEditor!.document;
    const shown = JSON.parse(doc.getText()) as Record<string, unknown>;
    assert.strictEqual(shown['cpu_cores'], 3, 'the answer given after Back is the one sent');
    assert.match(proposedSsh, /^\d+$/, 'an SSH port was proposed');
    assert.notStrictEqual(proposedSsh, '20022', 'the proposed SSH port avoids the other VMs');
    assert.strictEqual(shown['ssh_port'], sshPort);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('modifies a running VM (current values shown) and passes on the "next boot" reply', async () => {
    const prompter = new ScriptedPrompter().then(
      { pick: (items) => (assert.match(items.find((i) => i.label === 'CPU cores')!.description ?? '', /now 3/), items.find((i) => i.label === 'CPU cores')!.value) },
      { input: '4' },
      { pick: (items) => items[0]!.value },
      labelled('Modify while it runs'),
    );
    api.setPrompter(prompter);
    const reply = await vscode.commands.executeCommand<string>('dbc.vm.modify', vm());
    assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
    assert.match(reply ?? '', /next boot/);
  });

  it('snapshots a running VM: asks to stop it first, then follows the snapshot until it is uploaded', async () => {
    const prompter = new ScriptedPrompter().then(
      { confirm: true }, labelled('ID_1'),
      // No disk question: the node always snapshots vda, and the name prompt says so.
      { input: (o: InputOptions) => (assert.match(o.prompt ?? '', /system disk vda only/), o.value ?? '') }, { input: 'from the in-host test' },
    );
    api.setPrompter(prompter);
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('dbc.snapshot.create', vm());
    assert.strictEqual(prompter.pending, 0, prompter.asked.join('\n'));
    assert.match(prompter.asked[0]!, /^confirm: it-wizard is running\./);
    assert.strictEqual(outcome?.kind, 'done');
    const row = await waitForVm(taskId, (r) => r?.description === 'Stopped', 'the VM to be listed as stopped');
    assert.match(row!.contextValue, /;state=stopped$/);
    const snaps = await api.rows('machines', `vm:${sim}|${DEMO_NODE_B_ID}|${taskId}`);
    assert.strictEqual(snaps.length, 1, JSON.stringify(snaps));
    assert.strictEqual(snaps[0]!.contextValue, 'dbc.snapshot;status=done');
    assert.match(snaps[0]!.label, /^it-wizard-\d{4}-\d\d-\d\d$/);
    assert.match(snaps[0]!.tooltip ?? '', /from the in-host test/, 'the description was sent (as desc) and the node kept it');
  });

  it('follows the log of a VM: exactly the new lines, once each, in order, until stopped', async () => {
    await vscode.commands.executeCommand('dbc.vm.followLogs', vm());
    await waitFor('the follow header', async () => /following the node's log/.test(api.logText(vm()) ?? ''));
    await waitFor('the row to show it is followed', async () => /;follow=on;/.test((await vmRow(taskId))?.contextValue ?? ''));
    assert.strictEqual(api.contextKey('dbc.logsFollowing'), true);
    // A real node cannot deliver ESC or any control below 0x20 (its unescaped reply would not parse);
    // DEL and C1 controls pass through JSON unescaped, so those are what the follower must strip.
    const first = ['it-follow 1', 'it-follow 2 red\u007f\u0085'];
    await appendLog(taskId, first);
    await waitFor('the first lines', async () => (api.logText(vm()) ?? '').includes('it-follow 2'), 40_000);
    const more = ['it-follow 3', 'it-follow 4', 'it-follow 5'];
    await appendLog(taskId, more);
    await waitFor('the next lines', async () => (api.logText(vm()) ?? '').includes('it-follow 5'), 40_000);
    const lines = (api.logText(vm()) ?? '').split('\n').filter((l) => l.startsWith('it-follow'));
    assert.deepStrictEqual(lines, ['it-follow 1', 'it-follow 2 red', 'it-follow 3', 'it-follow 4', 'it-follow 5'], 'each new line once, in order, control characters stripped');
    await vscode.commands.executeCommand('dbc.vm.stopFollowingLogs', vm());
    await waitFor('following to stop', async () => !api.contextKey('dbc.logsFollowing'));
    assert.match(api.logText(vm()) ?? '', /stopped following/);
    await appendLog(taskId, ['it-follow after stop']);
    await new Promise((r) => setTimeout(r, 2500));
    assert.doesNotMatch(api.logText(vm()) ?? '', /after stop/);
  });

  it('downloads an image onto the node with progress, into the directory asked for', async () => {
    const prompter = new ScriptedPrompter().then({ input: (o: InputOptions) => (assert.strictEqual(o.value, '/data'), '/data') });
    api.setPrompter(prompter);
    const outcome = await vscode.commands.executeCommand<{ kind: string; last?: { progress: string } }>('dbc.image.download', {
      endpoint: sim, nodeId: DEMO_NODE_B_ID, imageServer: 'ID_1', filename: 'cuda12.2-ubuntu22.04.qcow2',
    });
    assert.strictEqual(prompter.pending, 0);
    assert.strictEqual(outcome?.kind, 'done');
    assert.strictEqual(outcome?.last?.progress, '100%');
    const images = await api.rows('images', `img:node:${sim}|${DEMO_NODE_B_ID}`);
    assert.ok(images.some((r) => r.label === 'cuda12.2-ubuntu22.04.qcow2'), JSON.stringify(images));
  });

  it('creates a VM from a workspace profile, and marks a broken profile with its line and column', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const good = vscode.Uri.joinPath(folder, '.dbc', 'vm.json');
    const bad = vscode.Uri.joinPath(folder, '.dbc', 'broken.vm.json');
    const sshPort = await closedPort(); // free on this machine; 'auto' picks what is free on the node only
    const profile = { node: DEMO_NODE_B_ID, image: 'ubuntu.qcow2', gpus: 1, cpus: 2, memoryGb: 4, diskGb: 20, sshPort, vncPort: 'auto', description: 'it-profile' };
    await vscode.workspace.fs.writeFile(good, Buffer.from(JSON.stringify(profile, null, 2)));
    await vscode.workspace.fs.writeFile(bad, Buffer.from('{\n  "image": "ubuntu.qcow2",\n  "gpus": 1,\n  "cpus": 0,\n  "memoryGb": 4,\n  "diskGb": 20\n}\n'));
    try {
      await vscode.commands.executeCommand('dbc.profile.createVm', bad);
      const errors = api.takeErrors();
      assert.strictEqual(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0]!, /broken\.vm\.json, line 4, column 11: .*cpus/);
      const marked = await waitFor('the diagnostics of the broken profile', async () => {
        const d = vscode.languages.getDiagnostics(bad).filter((x) => x.source === 'dbc');
        return d.length > 0 && d;
      });
      assert.strictEqual(marked[0]!.range.start.line, 3);
      const prompter = new ScriptedPrompter().then({ confirm: true });
      api.setPrompter(prompter);
      const created = await vscode.commands.executeCommand<{ taskId: string }>('dbc.profile.createVm', good);
      assert.match(prompter.asked[0]!, /from \.dbc\/vm\.json/);
      assert.ok(created?.taskId);
      await waitForVm(created.taskId, (r) => r?.label === 'it-profile' && r.description === 'Running', 'the profile VM to be listed and run');
      await remove(created.taskId);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.dbc'), { recursive: true });
    }
  });

  it('deletes the wizard VM and its snapshot row goes with it', async () => {
    await remove(taskId);
  });
});
