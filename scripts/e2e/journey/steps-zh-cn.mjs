// The journey's Chinese part: VS Code with the local zh-cn language pack and --locale zh-cn (lib/language-pack.mjs),
// so the extension reads package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json. Checks what a Chinese-reading
// user sees rendered: the tree, the wallet import's questions and notification, the create wizard's first step.
// Every expected text comes from the translation files, looked up by the English source text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  clickInlineAction, hideTooltip, openViewContainer, openWorkbench, quickInputState, repoRoot, runCommand,
  setSideBarWidth, viewNames, waitForActivityEntry, waitForNotificationSeen, waitForQuickInput, waitForRowState,
  waitForTreeRow, dismissTransientUi, notificationsSeen, recordNotifications, simAdmin,
} from '../lib.mjs';
import { answerQuestions, describeQuestion, waitForQuietTree } from './ui.mjs';

const NODE_A = 'sim-gpu-a';
const NODE_B = 'sim-gpu-b';
/** Rented per GPU by the demo renter: order 1042. */
const NODE_C = 'sim-gpu-c';

function zhStrings() {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  const bundle = read('l10n/bundle.l10n.zh-cn.json');
  const nls = read('package.nls.zh-cn.json');
  /** The translation of `en`, with {0}, {1}… filled in. */
  const t = (en, ...args) => {
    const zh = bundle[en];
    if (!zh) throw new Error(`no zh-cn translation of "${en}"`);
    return zh.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  };
  /** A RegExp of the translation of `en`: the placeholders given in `args` filled in, the others any text. */
  const like = (en, args = {}) => {
    const zh = bundle[en];
    if (!zh) throw new Error(`no zh-cn translation of "${en}"`);
    const escape = (text) => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const parts = zh.split(/(\{\d+\})/).map((p) => {
      const m = /^\{(\d+)\}$/.exec(p);
      return !m ? escape(p) : m[1] in args ? escape(args[m[1]]) : '.+?';
    });
    return new RegExp(`^${parts.join('')}`);
  };
  return { t, like, nls: (key) => nls[key] ?? assert.fail(`no zh-cn translation of ${key}`) };
}

const { t, like, nls } = zhStrings();
const VIEW = { view: nls('view.machines') };

export const zhSteps = [
  {
    name: 'zh-cn: the workbench, the DBC view and its tree are in Chinese',
    timeoutMs: 90000,
    async run({ page, stack }) {
      await openWorkbench(page, stack.url);
      await waitForActivityEntry(page, 'DBC');
      await recordNotifications(page);
      // The language pack is what switched VS Code: its own Explorer is 资源管理器 now.
      const entries = await page.locator('.part.activitybar a.action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert.ok(entries.some((l) => l?.startsWith('资源管理器')), `activity bar: ${entries.join(', ')}`);
      await openViewContainer(page, 'DBC');
      await setSideBarWidth(page, 460);
      assert.ok((await viewNames(page)).includes(nls('view.machines')), `views: ${(await viewNames(page)).join(', ')}`);
      await waitForTreeRow(page, t('Import a wallet to see your VMs…'), VIEW);
      await waitForRowState(page, NODE_A, { ...VIEW, description: t('{0}/{1} GPUs', 1, 8) });
    },
  },
  {
    name: 'zh-cn: importing the wallet asks in Chinese, and a Chinese notification confirms it',
    async run({ page, sim, shot }) {
      const since = (await notificationsSeen(page)).length;
      await runCommand(page, `DBC: ${nls('command.wallet.import')}`);
      const questions = await answerQuestions(page, (q) => {
        if (q.rows.some((r) => r.label === t('Secret seed'))) return { pick: t('Secret seed') };
        if (q.password) return { type: sim.demoRenter.seed };
        // VS Code appends its own (English: the pack leaves it) "(Press 'Enter' to confirm …)" to a prompt
        if (q.message.startsWith(t('A label for this wallet (optional)'))) return { type: 'demo renter' };
        throw new Error(`a question not in Chinese: ${describeQuestion(q)}`);
      }, { finished: async () => (await notificationsSeen(page)).slice(since).some((m) => m.includes('demo renter')) });
      assert.equal(questions.length, 3, questions.map(describeQuestion).join(' | '));
      assert.equal(questions[0].title, t('Import Wallet: what do you have?'));
      for (const q of questions.slice(1)) assert.equal(q.title, t('Import Wallet'), describeQuestion(q));
      const done = t("Wallet {0} imported ({1}). Its secret is kept in VS Code's secret storage.", 'demo renter', sim.demoRenter.address);
      await waitForNotificationSeen(page, done, { since });
      await shot('zh-cn wallet imported');
    },
  },
  {
    name: 'zh-cn: the create wizard asks its first question in Chinese',
    async run({ page, sim, shot, readme }) {
      // With the wallet the nodes load their VMs and rows move: wait until both nodes show theirs
      await waitForRowState(page, 'demo-vm', { ...VIEW, description: t('Running'), timeoutMs: 30000 });
      await waitForTreeRow(page, t('No VMs yet: create one…'), VIEW);
      await waitForQuietTree(sim);
      await hideTooltip(page);
      const node = await waitForTreeRow(page, NODE_B, VIEW);
      await clickInlineAction(page, node, nls('command.vm.create'));
      const q = await waitForQuickInput(page, { title: t('Create VM on {0}', NODE_B) });
      assert.match(q.title, /\(1\/\d+\)$/, q.title);
      const prompt = t('Which image should the VM boot from?');
      assert.ok([q.message, q.placeholder].includes(prompt), JSON.stringify(await quickInputState(page)));
      await shot('zh-cn create wizard');
      await readme?.('zh-cn');
      await dismissTransientUi(page);
    },
  },
  {
    name: 'zh-cn: a rental\'s time left on its node row, and the warning before it ends, are in Chinese',
    timeoutMs: 90000,
    async run({ page, sim, shot }) {
      // The whole-machine rental of sim-gpu-a (30 days from the start): "剩余 29 天 23 小时" leads its row.
      await waitForRowState(page, NODE_A, { ...VIEW, description: like('{0} left'), timeoutMs: 30000 });
      // Order 1042 on sim-gpu-c now ends 10 minutes (100 blocks) from now on the simulator's chain.
      const { block } = await simAdmin(sim, 'chain');
      const nodeC = sim.nodes.find((n) => n.name === NODE_C);
      await simAdmin(sim, `nodes/${nodeC.id}/rent_orders`, { id: '1042', rent_end: block + 100 });
      const since = (await notificationsSeen(page)).length;
      await runCommand(page, `DBC: ${nls('command.views.refresh')}`);
      const warning = like('{0} on {1} ends in {2}. The node then shuts its VMs off, and deletes them {3} days later.', {
        0: t('rent order {0}', '1042'), 1: NODE_C, 3: 3,
      });
      await waitForNotificationSeen(page, warning, { since, timeoutMs: 60000 });
      await shot('zh-cn lease warning');
      await dismissTransientUi(page);
    },
  },
];
