// The user journey through the DBC extension in a real VS Code, one named step at a time, through the UI
// only (palette, tree clicks, context menus, inline buttons, quick picks, input boxes, dialogs,
// notifications), against the simulator. Each step asserts what the user would see (row text, state icon,
// notification, panel text) and, where it matters, what the simulator says (admin API).
// Add steps at the end: each gets ctx = { page, stack, sim, shot, state, readme? } (state carries values
// between steps, e.g. the VM's task id) and is followed by a screenshot. Mark a step `critical: false`
// when later steps do not build on it, or while the feature it exercises is still being built.
// `ctx.readme?.(name)` marks a moment worth a README screenshot (scripts/e2e/readme-shots.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chooseMenuItem, answerDialog, answerInputBox, freePort, isPortFree, clickInlineAction, collapseView, hideTooltip, contextMenuLabels, openViewContainer, openWorkbench,
  panelLines, pickQuickItem, dismissTransientUi, quickInputState, rowState, runCommand, runRowMenu, setSideBarWidth, showTooltip, sideBarTitle, simAdmin,
  simTasks, treeLabels, treeRows, viewNames, waitForActivityEntry, notificationsSeen, recordNotifications, waitForNotificationSeen, waitForPanelText, waitForQuickInput,
  waitForRowState, waitForTreeRow, waitForTreeRowGone, waitUntil, sel,
} from '../lib.mjs';
import {
  answerQuestions, describeQuestion, setSimSpeed, simTaskByName, waitForSimTask,
} from './ui.mjs';

const VIEW = { view: 'Machines' };
const VM = 'journey-vm';
const NODE_A = 'sim-gpu-a';
const NODE_B = 'sim-gpu-b';
/** Rented per GPU: the demo renter's order 1042 ends an hour into the demo (the simulator's block clock). */
const NODE_C = 'sim-gpu-c';
const LEASE_ROW = /^(\d+ (d|h|min)( \d+ (h|min))? left|less than a minute left|lease ended — VM will be deleted in \d+ d \d+ h)/;
const SNAPSHOT = 'journey-snap';
/** While a VM is being created the simulator runs this slowly, so the spinner can be seen for sure. */
const CREATING_SPEED = 10;
/** While logs are followed the simulator runs in real time (the node writes log lines only when something happens). */
const LOG_SPEED = 1;

/**
 * User settings of the journey's VS Code: state changes show within 2 s (the fastest poll allowed), and
 * code-server does not offer to forward the ports the simulated VMs' SSH endpoints listen on.
 */
export const journeySettings = {
  'dbc.refresh.transitionalIntervalSeconds': 2,
  'remote.autoForwardPorts': false,
  'terminal.integrated.gpuAcceleration': 'off', // DOM rendering: the terminal's text can be read
  'dbc.gpu.sampleIntervalSeconds': 2, // the GPU monitor's charts fill within seconds
};

const notificationCount = async (page) => (await notificationsSeen(page)).length;
/** Whether a notification matching `text` showed since message `since`. */
const seen = async (page, since, text) => (await notificationsSeen(page)).slice(since).some((m) => text.test(m));

const readme = (ctx, name) => ctx.readme?.(name);
const baseSpeed = (ctx) => ctx.state.speed ?? 100;

async function vmRow(page, name = VM) {
  return waitForTreeRow(page, name, VIEW);
}

/** Starts the VM through its inline Start button unless it already runs. */
async function ensureRunning(ctx) {
  const row = await vmRow(ctx.page);
  if ((await rowState(row)).icon === 'vm-running') return;
  await clickInlineAction(ctx.page, row, 'Start VM');
  await waitForRowState(ctx.page, VM, { ...VIEW, description: 'Running', icon: 'vm-running', timeoutMs: 30000 });
}

/** `proposed` when nothing on this machine listens on it, else a port the OS has free (as a string). */
async function hostFreePort(proposed) {
  return await isPortFree(Number(proposed)) ? proposed : String(await freePort());
}

function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Files under ~/.ssh of the real home that a connect could touch, with their mtimes. */
function realSshSnapshot() {
  const dir = path.join(os.homedir(), '.ssh');
  const files = ['config', 'known_hosts', path.join('dbc', 'config'), path.join('dbc', 'known_hosts')];
  return Object.fromEntries(files.map((f) => {
    const p = path.join(dir, f);
    return [p, fs.existsSync(p) ? fs.statSync(p).mtimeMs : null];
  }));
}

export const steps = [
  {
    name: 'workbench loads with the DBC activity-bar entry',
    timeoutMs: 90000,
    async run({ page, stack }) {
      await openWorkbench(page, stack.url);
      await waitForActivityEntry(page, 'DBC');
      await recordNotifications(page); // toasts hide themselves: keep every message for later steps
    },
  },
  {
    name: 'the palette offers DBC commands before the DBC view is opened',
    critical: false,
    async run(ctx) {
      const { page } = ctx;
      // Nothing has activated the extension yet: no context key is set, the DBC view was never shown.
      await page.keyboard.press('F1');
      const input = page.locator(sel.quickInput);
      for (const title of ['DBC: Create VM…', 'DBC: Start VM', 'DBC: Connect via Remote-SSH', 'DBC: Import Wallet…']) {
        await input.fill(`>${title}`);
        await page.locator(sel.quickRow, { hasText: title }).first().waitFor({ timeout: 10000 });
      }
      await ctx.shot('palette before the view is opened');
      await dismissTransientUi(page);
    },
  },
  {
    name: 'DBC side bar opens with its Machines view',
    async run({ page }) {
      await openViewContainer(page, 'DBC');
      assert.equal((await sideBarTitle(page)).toUpperCase(), 'DBC');
      const views = (await viewNames(page)).map((v) => v.toUpperCase());
      assert.ok(views.includes('MACHINES'), `views in the DBC side bar: ${views.join(', ')}`);
      // Room for the rows' descriptions, as a user would make it: drag the edge, fold the Images view.
      await setSideBarWidth(page, 460);
      await collapseView(page, 'Images');
    },
  },
  {
    name: 'Machines view lists the simulator and its GPU nodes',
    async run({ page, sim }) {
      await waitForTreeRow(page, 'dbc-sim', VIEW);
      for (const node of sim.nodes) await waitForTreeRow(page, node.name, VIEW);
      const labels = await treeLabels(page, VIEW);
      assert.ok(labels.length > sim.nodes.length, `Machines rows: ${labels.join(' | ')}`);
      // Without a credential the view asks for one instead of listing VMs.
      await waitForTreeRow(page, 'Import a wallet', VIEW);
      await waitForRowState(page, NODE_A, { ...VIEW, description: /\/8 GPUs/ });
    },
  },
  {
    name: 'imports the demo wallet from the palette',
    async run({ page, sim }) {
      assert.ok(sim.demoRenter?.seed, 'the simulator printed no demo seed');
      const since = await notificationCount(page);
      await runCommand(page, 'DBC: Import Wallet…');
      await waitForQuickInput(page, { title: 'Import Wallet' });
      const questions = await answerQuestions(page, (q) => {
        if (q.dialog) throw new Error(`unexpected dialog: ${q.dialog}`);
        if (q.rows.some((r) => r.label === 'Secret seed')) return { pick: 'Secret seed' };
        if (/secret seed/i.test(q.message)) {
          assert.ok(q.password, 'the seed box must mask what is typed');
          return { type: sim.demoRenter.seed };
        }
        if (/label/i.test(q.message)) return { type: 'demo renter' };
        throw new Error(`unexpected question: ${describeQuestion(q)}`);
      }, { finished: () => seen(page, since, /Checking the wallet|Wallet demo renter imported/) });
      assert.equal(questions.length, 3, questions.map(describeQuestion).join(' | '));
      const message = await waitForNotificationSeen(page, 'Wallet demo renter imported', { since });
      assert.ok(message.includes(sim.demoRenter.address), message);
    },
  },
  {
    name: 'shows the nodes and the demo VM running on sim-gpu-a',
    critical: false,
    async run(ctx) {
      const { page } = ctx;
      await waitForTreeRowGone(page, 'Import a wallet', VIEW);
      const demo = await waitForRowState(page, 'demo-vm', { ...VIEW, description: 'Running', icon: 'vm-running', timeoutMs: 30000 });
      assert.equal(demo.spinning, false);
      await waitForRowState(page, NODE_B, { ...VIEW, description: /0\/4 GPUs/ });
      await waitForTreeRow(page, 'No VMs yet', VIEW);
      // Nobody rents sim-gpu-online: a state of the node with its own icon and a hint, not a red error
      await waitForRowState(page, 'sim-gpu-online', { ...VIEW, description: 'not rented', icon: 'circle-slash' });
      await waitForTreeRow(page, 'Nobody rents it', VIEW);
      // Nodes first, each followed by its VMs.
      const labels = await treeLabels(page, VIEW);
      assert.ok(labels.indexOf('demo-vm') > labels.indexOf(NODE_A) && labels.indexOf('demo-vm') < labels.indexOf(NODE_B),
        `rows: ${labels.join(' | ')}`);
      const tooltip = await showTooltip(page, await vmRow(page, 'demo-vm'));
      assert.match(tooltip, /DemoVm1RunningTask0001/);
      const demoVm = (await simTasks(ctx.sim)).find((t) => t.task_id === 'DemoVm1RunningTask0001');
      assert.match(tooltip, new RegExp(`ssh -p ${demoVm.ssh_port} dbc@127\\.0\\.0\\.1`));
      await readme(ctx, 'tree-tooltip');
      await ctx.shot('demo VM tooltip');
      await hideTooltip(page);
    },
  },
  {
    name: 'shows the lease of sim-gpu-c on its row, and warns before it ends',
    critical: false,
    timeoutMs: 90000,
    async run(ctx) {
      const { page, sim } = ctx;
      await waitForRowState(page, NODE_C, { ...VIEW, description: LEASE_ROW, timeoutMs: 60000 });
      // Renew order 1042 so that it ends 10 minutes (100 blocks) from now on the simulator's chain: the
      // guard announces it at the next refresh, with its actions.
      const { block } = await simAdmin(sim, 'chain');
      const nodeC = sim.nodes.find((n) => n.name === NODE_C);
      await simAdmin(sim, `nodes/${nodeC.id}/rent_orders`, { id: '1042', rent_end: block + 100 });
      const since = await notificationCount(page);
      await runCommand(page, 'DBC: Refresh');
      const warning = await waitForNotificationSeen(page, /^Rent order 1042 on sim-gpu-c ends in/, { since, timeoutMs: 60000 });
      assert.match(warning, /deletes them 3 days later/);
      await waitForRowState(page, NODE_C, { ...VIEW, description: /^(\d min left|10 min left|less than a minute left|lease ended)/ });
      await readme(ctx, 'lease-warning');
      await ctx.shot('lease warning');
    },
  },
  {
    name: 'create wizard on sim-gpu-b proposes ports',
    timeoutMs: 90000,
    async run(ctx) {
      const { page, sim, state } = ctx;
      const node = await waitForTreeRow(page, NODE_B, VIEW);
      state.createSince = await notificationCount(page);
      await clickInlineAction(page, node, 'Create VM…');
      state.createQuestions = [];
      state.proposed = {};
      await answerQuestions(page, async (q) => {
        state.createQuestions.push(describeQuestion(q));
        if (q.dialog) throw new Error(`unexpected dialog: ${q.dialog}`);
        const create = q.rows.find((r) => r.label === 'Create');
        const blocked = q.rows.find((r) => /^Fix before creating/.test(r.label));
        if (blocked) throw new Error(`the summary refuses to create: ${blocked.label}`);
        if (create) {
          state.summary = q.rows.map((r) => [r.label, r.description, r.detail].filter(Boolean).join(' ')).join(' | ');
          await ctx.shot('create wizard summary');
          await readme(ctx, 'create-summary');
          await setSimSpeed(sim, CREATING_SPEED);
          return { pick: 'Create' };
        }
        const image = q.rows.find((r) => r.label === 'ubuntu.qcow2');
        if (image) return { pick: image.label };
        if (/name for the VM/i.test(q.message)) {
          if (!state.summary) await setSimSpeed(sim, CREATING_SPEED); // no summary yet: this is the last question
          return { type: VM };
        }
        if (/host port for ssh/i.test(q.message)) {
          state.proposed.ssh = q.value;
          await ctx.shot('create wizard proposes a free SSH port');
          await readme(ctx, 'create-wizard');
          // The wizard knows the node's VMs, not this machine: a demo may listen on the proposal.
          state.ssh = await hostFreePort(q.value);
          if (state.ssh !== q.value) return { type: state.ssh };
        }
        if (/host port for vnc/i.test(q.message)) state.proposed.vnc = q.value;
        if (/more guest ports/i.test(q.message)) return { type: '' };
        return { accept: true };
      }, { finished: () => seen(page, state.createSince, new RegExp(`Creating ${VM} on|${VM} is being created`)) });
      assert.match(state.proposed.ssh ?? '', /^\d+$/, `no SSH port was proposed; questions: ${state.createQuestions.join(' | ')}`);
      assert.match(state.ssh ?? '', /^\d+$/, 'no SSH port was chosen');
      assert.match(state.proposed.vnc ?? '', /^\d+$/, 'no VNC port was proposed');
      assert.ok(Number(state.proposed.vnc) >= 5900, `VNC port ${state.proposed.vnc}`);
      // Free on the node: no other VM of sim-gpu-b holds them.
      const others = (await simTasks(sim)).filter((t) => t.node === NODE_B && t.desc !== VM);
      assert.ok(!others.some((t) => t.ssh_port === state.proposed.ssh || t.vnc_port === state.proposed.vnc), JSON.stringify(others));
      await waitForNotificationSeen(page, `${VM} is being created on ${NODE_B}`, { since: state.createSince });
    },
  },
  {
    name: 'create wizard ends with a summary and Create',
    critical: false,
    async run({ state }) {
      assert.ok(state.summary, `no summary was shown; questions: ${(state.createQuestions ?? []).join(' | ')}`);
      // "Create" with the whole spec on its detail line, then "Edit field…" and "Save as profile…".
      for (const part of ['ubuntu.qcow2', 'Linux', `ssh ${state.ssh}`, `vnc ${state.proposed.vnc}`, 'Edit field…']) {
        assert.ok(state.summary.includes(part), `the summary lacks "${part}": ${state.summary}`);
      }
    },
  },
  {
    name: 'new VM row goes from creating (spinner) to running',
    timeoutMs: 90000,
    async run(ctx) {
      const { page, sim, state } = ctx;
      try {
        const creating = await waitForRowState(page, VM, { ...VIEW, description: 'Creating', icon: 'loading', spinning: true, timeoutMs: 30000 });
        assert.ok(creating);
        const task = await waitForSimTask(sim, VM, 'creating');
        state.taskId = task.task_id;
        assert.equal(task.node, NODE_B);
        assert.equal(task.ssh_port, state.ssh, 'the VM got the SSH port chosen in the wizard');
        await ctx.shot('new VM creating (spinner)');
        await readme(ctx, 'creating');
      } finally {
        await setSimSpeed(sim, baseSpeed(ctx));
      }
      await waitForRowState(page, VM, { ...VIEW, description: 'Running', icon: 'vm-running', spinning: false, timeoutMs: 60000 });
      await waitForSimTask(sim, VM, 'running');
      // The create watcher's notification, or connect-when-ready's ("… is ready: SSH answers on …").
      await waitForNotificationSeen(page, new RegExp(`${VM} (is running|is ready)`), { since: state.createSince });
      await readme(ctx, 'ready-notification');
    },
  },
  {
    name: 'shows the new VM logs',
    critical: false,
    async run(ctx) {
      const { page, sim, state } = ctx;
      await setSimSpeed(sim, LOG_SPEED);
      await runRowMenu(page, await vmRow(page), 'Show VM Logs');
      await waitForQuickInput(page, { title: 'Log of' });
      await pickQuickItem(page, 'Last 100 lines');
      await waitForPanelText(page, state.taskId, { timeoutMs: 30000 });
      const lines = await panelLines(page);
      assert.ok(lines.some((l) => l.includes(VM) || l.includes(state.taskId)), `panel: ${lines.join(' | ')}`);
      await readme(ctx, 'logs');
    },
  },
  {
    name: 'follows the logs: lines appended on the node appear',
    critical: false,
    async run(ctx) {
      const { page, sim, state } = ctx;
      try {
        await runRowMenu(page, await vmRow(page), 'Follow VM Logs');
        await waitForPanelText(page, 'following the node', { timeoutMs: 30000 });
        const marker = `journey marker ${Date.now().toString(36)}`;
        await simAdmin(sim, `tasks/${state.taskId}/log`, { lines: [`${marker} one`, `${marker} two`] });
        await waitForPanelText(page, `${marker} two`, { timeoutMs: 30000 });
        await readme(ctx, 'logs-follow');
        await runCommand(page, 'DBC: Stop Following VM Logs');
        await waitForPanelText(page, 'stopped following', { timeoutMs: 30000 });
      } finally {
        await setSimSpeed(sim, baseSpeed(ctx));
      }
    },
  },
  {
    name: 'stops the VM from its inline button',
    async run({ page, sim }) {
      await clickInlineAction(page, await vmRow(page), 'Stop VM');
      await waitForRowState(page, VM, { ...VIEW, description: 'Stopped', icon: 'vm-outline', timeoutMs: 30000 });
      await waitForSimTask(sim, VM, 'closed');
    },
  },
  {
    name: 'starts it again from its inline button',
    async run({ page, sim }) {
      await clickInlineAction(page, await vmRow(page), 'Start VM');
      await waitForRowState(page, VM, { ...VIEW, description: 'Running', icon: 'vm-running', timeoutMs: 30000 });
      await waitForSimTask(sim, VM, 'running');
    },
  },
  {
    name: 'snapshot of the running VM asks to stop it first',
    critical: false,
    timeoutMs: 90000,
    async run(ctx) {
      const { page, sim, state } = ctx;
      const labels = await contextMenuLabels(page, await vmRow(page));
      if (!labels.includes('Create Snapshot…')) {
        await page.keyboard.press('Escape');
        throw new Error(`the running VM's context menu has no "Create Snapshot…" (it has: ${labels.join(', ')})`);
      }
      state.snapshotSince = await notificationCount(page);
      await chooseMenuItem(page, page.locator(sel.menuItem, { hasText: 'Create Snapshot…' }).first());
      const questions = await snapshotQuestions(ctx);
      assert.ok(questions.some((q) => q.dialog && /stop/i.test(q.dialog)) || questions.some((q) => /stop/i.test(q.title ?? '')),
        `no question offered to stop the VM: ${questions.map(describeQuestion).join(' | ')}`);
      state.snapshotStarted = true;
      await waitForSimTask(sim, VM, 'closed');
    },
  },
  {
    name: 'snapshot row appears under the VM and becomes ready',
    critical: false,
    timeoutMs: 90000,
    async run(ctx) {
      const { page, sim, state } = ctx;
      if (!state.snapshotStarted) {
        // The flow of a stopped VM: stop it first through its inline button, then Create Snapshot….
        const row = await vmRow(page);
        if ((await rowState(row)).icon !== 'vm-outline') {
          await clickInlineAction(page, row, 'Stop VM');
          await waitForRowState(page, VM, { ...VIEW, description: 'Stopped', icon: 'vm-outline', timeoutMs: 30000 });
        }
        state.snapshotSince = await notificationCount(page);
        await runRowMenu(page, await vmRow(page), 'Create Snapshot…');
        await snapshotQuestions(ctx);
      }
      // Its row shows under the VM at once and follows the progress (Creating → Uploading → Ready).
      const vm = await vmRow(page);
      if ((await rowState(vm)).expanded === 'false') await vm.locator('.monaco-tl-twistie').click();
      await waitForTreeRow(page, SNAPSHOT, { ...VIEW, timeoutMs: 30000 });
      await readme(ctx, 'snapshot-progress');
      await waitForNotificationSeen(page, `Snapshot ${SNAPSHOT} of ${VM} is ready on image server ID_1`, { since: state.snapshotSince, timeoutMs: 60000 });
      await waitForRowState(page, SNAPSHOT, { ...VIEW, description: /Ready/, icon: 'device-camera', timeoutMs: 30000 });
      const task = await simTaskByName(sim, VM);
      assert.ok(task.snapshots.some((s) => s.name === SNAPSHOT && s.status === 'none' && s.image_server === 'ID_1'), JSON.stringify(task.snapshots));
      await readme(ctx, 'snapshot');
    },
  },
  {
    name: 'connect: ssh config under the temp HOME, ssh in a terminal',
    timeoutMs: 120000,
    async run(ctx) {
      const { page, stack, sim, state } = ctx;
      assert.ok(stack.home && stack.home !== os.homedir(), 'code-server must run with a temporary HOME');
      const realBefore = realSshSnapshot();
      await ensureRunning(ctx);
      const task = await simTaskByName(sim, VM);
      const since = await notificationCount(page);
      await clickInlineAction(page, await vmRow(page), 'Connect via Remote-SSH');
      // Asked once: may DBC add the Include line to ~/.ssh/config (here: the temp HOME's).
      const consent = await answerDialog(page, 'Add the Lines', { message: 'Let Remote-SSH find your DBC VMs?', timeoutMs: 30000 });
      assert.match(consent, new RegExp(escapeRe(path.join(stack.home, '.ssh', 'dbc', 'config'))), consent);
      // The key goes in with the VM password (progress), then, without Remote-SSH, ssh runs in a terminal.
      const notice = await waitForNotificationSeen(page, `${VM} opened in a terminal because no Remote-SSH extension is installed`, { since, timeoutMs: 60000 });
      assert.match(notice, /Install/);
      await readme(ctx, 'connect');
      const sshDir = path.join(stack.home, '.ssh');
      const config = fs.readFileSync(path.join(sshDir, 'dbc', 'config'), 'utf8');
      const block = config.match(/^Host\s+(\S+)[\s\S]*?(?=^Host\s|(?![\s\S]))/m);
      assert.ok(block, `no Host block in ${config}`);
      state.sshAlias = block[1];
      assert.equal(state.sshAlias, `dbc-${VM}`, 'the readable alias: dbc-<VM name>');
      assert.match(block[0], /HostName\s+127\.0\.0\.1/);
      assert.match(block[0], new RegExp(`Port\\s+${task.ssh_port}\\b`));
      assert.match(block[0], /IdentityFile\s+\S+/);
      assert.match(fs.readFileSync(path.join(sshDir, 'config'), 'utf8'), /^Include\s+.*dbc[\\/]config/m);
      // The key went in with the VM password: it is in the simulated VM's authorized_keys.
      const identity = block[0].match(/IdentityFile\s+"?([^"\n]+?)"?\s*$/m)[1];
      assert.ok(identity.startsWith(stack.home), `the key ${identity} is not under the temp HOME`);
      const publicKey = fs.readFileSync(`${identity}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
      const authorized = path.join(stack.scratch, 'sim-data', task.task_id, 'home', '.ssh', 'authorized_keys');
      assert.ok(fs.readFileSync(authorized, 'utf8').includes(publicKey), `${authorized} lacks ${publicKey}`);
      // The issued command: VS Code names the terminal's process when it ends. (ssh reads the passwd
      // entry's home, not $HOME, so here it cannot resolve the alias and exits 255 at once.)
      await waitForNotificationSeen(page, new RegExp(`"ssh '?${escapeRe(state.sshAlias)}'?"`), { since });
      assert.deepEqual(realSshSnapshot(), realBefore, 'the real ~/.ssh was touched');
    },
  },
  {
    name: 'GPU monitor: the row figure, live charts per GPU, and Jupyter\'s port forwarded in one step',
    critical: false,
    timeoutMs: 120000,
    async run(ctx) {
      const { page, sim } = ctx;
      await ensureRunning(ctx);
      await setSimSpeed(sim, 1); // readings follow simulated time: real time makes smooth charts
      try {
        // After the connect the key is installed: the row shows the GPUs at work.
        await waitForRowState(page, VM, { ...VIEW, description: /Running · GPU \d+ % · [\d.]+\/\d+ GiB/, timeoutMs: 30000 });
        await runCommand(page, 'Notifications: Clear All Notifications');
        await runRowMenu(page, await vmRow(page), 'Show GPU Monitor');
        const view = page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
        await view.locator('h1', { hasText: `GPU Monitor · ${VM}` }).waitFor({ timeout: 30000 });
        await view.locator('article.gpu h2', { hasText: /^GPU 0 · / }).waitFor({ timeout: 30000 });
        // A few readings make a line: every 2 s (dbc.gpu.sampleIntervalSeconds in the journey's settings).
        await waitUntil('the utilization chart to draw a line', async () => {
          const points = await view.locator('svg.chart polyline.util').first().getAttribute('points');
          return (points ?? '').trim().split(/\s+/).length >= 8;
        }, { timeoutMs: 40000, everyMs: 500 });
        const processes = await view.locator('table td').allInnerTexts();
        assert.ok(processes.some((c) => /python3/.test(c)), `process table: ${processes.join(' | ')}`);
        await readme(ctx, 'gpu-monitor');
        await page.keyboard.press('Escape');
        // Forward Port…: Jupyter's 8888 inside the VM on a free local port, listed under the VM.
        const since = await notificationCount(page);
        await runRowMenu(page, await vmRow(page), 'Forward Port…');
        await waitForQuickInput(page, { timeoutMs: 15000 });
        await answerInputBox(page, '8888');
        const notice = await waitForNotificationSeen(page, /Port 8888 of journey-vm is forwarded to http:\/\/127\.0\.0\.1:\d+\//, { since, timeoutMs: 30000 });
        const url = notice.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
        const page8888 = await (await fetch(url)).text();
        assert.match(page8888, /Guest port 8888 of /, 'the forwarded port reaches the VM\'s service');
        const vm = await vmRow(page);
        if ((await rowState(vm)).expanded === 'false') await vm.locator('.monaco-tl-twistie').click();
        const forwardRow = await waitForTreeRow(page, 'Port 8888', { ...VIEW, timeoutMs: 15000 });
        await readme(ctx, 'port-forward');
        await clickInlineAction(page, forwardRow, 'Stop Forwarding');
        await waitForTreeRowGone(page, 'Port 8888', { ...VIEW, timeoutMs: 15000 });
        await runCommand(page, 'View: Close All Editors');
      } finally {
        await setSimSpeed(sim, baseSpeed(ctx));
      }
    },
  },
  {
    name: 'deletes the VM after a modal confirmation',
    timeoutMs: 90000,
    async run({ page, sim }) {
      await runRowMenu(page, await vmRow(page), 'Delete VM…');
      const questions = await answerQuestions(page, (q) => {
        if (q.dialog && q.dialog.includes(`Delete the VM ${VM}?`)) return { button: 'Delete' };
        throw new Error(`unexpected question: ${describeQuestion(q)}`);
      }, { nextTimeoutMs: () => 500 });
      assert.equal(questions.length, 1);
      await waitForTreeRowGone(page, VM, { ...VIEW, timeoutMs: 30000 });
      await waitUntil(`the simulator to forget ${VM}`, async () => !(await simTaskByName(sim, VM)), { timeoutMs: 30000, everyMs: 250 });
      const rows = await treeRows(page, VIEW).locator(sel.treeLabel).allInnerTexts();
      assert.ok(rows.some((r) => r.includes('No VMs yet')) || !rows.includes(VM), rows.join(' | '));
      assert.equal((await quickInputState(page)).visible, false);
    },
  },
];

/** The questions of Create Snapshot: stop first (when asked), image server ID_1, name, description. */
async function snapshotQuestions(ctx) {
  const { page } = ctx;
  return answerQuestions(page, async (q) => {
    if (q.dialog) {
      if (/stop/i.test(q.dialog)) {
        await readme(ctx, 'snapshot-stop-first');
        const button = await page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: /stop/i }).first().innerText();
        return { button: button.trim() };
      }
      throw new Error(`unexpected dialog: ${q.dialog}`);
    }
    if (q.rows.some((r) => r.label === 'ID_1')) return { pick: 'ID_1' };
    if (/Snapshot which disks/i.test(q.title)) {
      assert.ok(q.rows.length > 1 && q.rows.every((r) => r.checked), `disks: ${JSON.stringify(q.rows)}`);
      return { accept: true }; // every disk, as proposed
    }
    if (/snapshot name/i.test(q.message)) return { type: SNAPSHOT };
    if (/description/i.test(q.message)) {
      await readme(ctx, 'snapshot-wizard');
      return { type: 'made by the journey' };
    }
    throw new Error(`unexpected question: ${describeQuestion(q)}`);
  }, { finished: () => seen(page, ctx.state.snapshotSince, new RegExp(`Creating snapshot ${SNAPSHOT}|Snapshot ${SNAPSHOT}`)) });
}
