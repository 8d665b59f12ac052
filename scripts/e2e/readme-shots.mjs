#!/usr/bin/env node
// README screenshots, regenerated from the journey: runs journey/steps.mjs at 1280×800 and keeps the
// moments the steps mark with ctx.readme(name), cropped where that reads better; then one short pass
// with code-server's --locale zh-cn for the Chinese UI (`--zh`). Writes media/readme/*.png.
// Run by hand (not in CI), after `node esbuild.js`:  node scripts/e2e/readme-shots.mjs [--zh | --only-zh]
// The zh-cn pass needs the Chinese language pack in code-server: without it VS Code runs in English and
// so does the extension (package.nls.zh-cn.json and the l10n bundle follow VS Code's display language).
// The pack comes from the marketplace, which this machine cannot reach, so the pass is off by default.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSteps } from './journey/run-steps.mjs';
import { journeySettings, steps } from './journey/steps.mjs';
import { answerQuestions } from './journey/ui.mjs';
import {
  collapseView, highlightMenuItem, installSignalHandlers, openContextMenu, openViewContainer, openWorkbench,
  outputDir, repoRoot, runCommand, screenshotter, setSideBarWidth, startStack, waitForActivityEntry, waitForTreeRow,
  waitForTreeRowGone,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'only-zh': { type: 'boolean', default: false },
    zh: { type: 'boolean', default: false },
    speed: { type: 'string', default: '100' },
  },
});
const VIEWPORT = { width: 1280, height: 800 };
const MARGIN = 16;
const mediaDir = path.join(repoRoot, 'media', 'readme');
const out = outputDir('readme');

async function box(page, selector) {
  const loc = page.locator(selector).filter({ visible: true }).first();
  return (await loc.count()) ? loc.boundingBox() : null;
}

/** The top-left region holding the side bar and `selector` (a hover, the quick input), with a margin. */
function topLeftWith(selector, minHeight = 320) {
  return async (page) => {
    const side = await box(page, '.part.sidebar');
    const extra = await box(page, selector);
    const right = Math.max(side ? side.x + side.width : 0, extra ? extra.x + extra.width : 0) + MARGIN;
    const bottom = Math.max(minHeight, extra ? extra.y + extra.height : 0) + MARGIN;
    return { x: 0, y: 0, width: Math.min(VIEWPORT.width, right), height: Math.min(VIEWPORT.height, bottom) };
  };
}

const whole = async () => ({ x: 0, y: 0, ...VIEWPORT });

/**
 * Moments marked by the steps → how to frame them. The files written are the `files` below: each takes
 * the first of its moments that was captured.
 */
const FRAMES = {
  'tree-tooltip': topLeftWith('.monaco-hover, .workbench-hover'),
  'create-wizard': topLeftWith('.quick-input-widget'),
  'create-summary': topLeftWith('.quick-input-widget'),
  creating: topLeftWith('.part.sidebar .monaco-list-row[aria-label*="journey-vm"]', 260),
  'ready-notification': whole,
  logs: whole,
  'logs-follow': whole,
  'snapshot-stop-first': whole,
  'snapshot-progress': whole,
  snapshot: whole,
  connect: whole,
  'gpu-monitor': whole,
  'port-forward': whole,
};
const FILES = {
  'tree.png': ['tree-tooltip'],
  'create-wizard.png': ['create-summary', 'create-wizard'],
  'create-progress.png': ['creating'],
  'logs.png': ['logs-follow', 'logs'],
  'snapshot.png': ['snapshot', 'snapshot-progress'],
  'connect.png': ['ready-notification', 'connect'],
  'gpu-monitor.png': ['gpu-monitor'],
  'port-forward.png': ['port-forward'],
};

function capturer(page) {
  const taken = new Map();
  const readme = async (name) => {
    const frame = FRAMES[name];
    if (!frame || taken.has(name)) return;
    const file = path.join(out, `${name}.png`);
    await page.screenshot({ path: file, clip: await frame(page) });
    taken.set(name, file);
  };
  return { readme, taken };
}

function publish(taken, files) {
  fs.mkdirSync(mediaDir, { recursive: true });
  for (const [target, moments] of Object.entries(files)) {
    const source = moments.map((m) => taken.get(m)).find(Boolean);
    if (!source) {
      console.log(`  - ${target}: none of ${moments.join(', ')} was captured`);
      continue;
    }
    fs.copyFileSync(source, path.join(mediaDir, target));
    console.log(`  ✔ media/readme/${target} (${Math.round(fs.statSync(source).size / 1024)} KB, from ${path.basename(source)})`);
  }
}

async function englishPass() {
  // freeSshPorts: false keeps the demo VM on 20022, the port the README's text and screenshots show
  const stack = await startStack({ out, speed: Number(opts.speed), home: true, settings: journeySettings, viewport: VIEWPORT, freeSshPorts: false });
  try {
    const { readme, taken } = capturer(stack.page);
    const ctx = { page: stack.page, stack, sim: stack.sim, shot: screenshotter(stack.page, out), state: { speed: Number(opts.speed) }, readme };
    const records = await runSteps(steps, ctx);
    const failed = records.filter((r) => r.status !== 'passed').map((r) => r.name);
    if (failed.length) console.log(`  (steps not passed: ${failed.join('; ')})`);
    publish(taken, FILES);
  } finally {
    await stack.stop();
  }
}

/** The extension's own zh-cn strings: l10n bundle (source text → translation) and package.nls. */
function zhStrings() {
  const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8'));
  const t = (en) => {
    const zh = bundle[en];
    if (!zh) throw new Error(`no zh-cn translation of "${en}"`);
    return zh;
  };
  return { t, nls: (key) => nls[key] };
}

/** The Chinese UI: import the demo wallet through the localized prompts, open a VM's context menu. */
async function chinesePass() {
  const { t, nls } = zhStrings();
  const stack = await startStack({
    out, speed: Number(opts.speed), home: true, settings: journeySettings, viewport: VIEWPORT, codeServerArgs: ['--locale', 'zh-cn'],
    freeSshPorts: false,
  });
  try {
    const { page } = stack;
    const { readme, taken } = capturer(page);
    await openWorkbench(page, stack.url);
    await waitForActivityEntry(page, 'DBC');
    await openViewContainer(page, 'DBC');
    await setSideBarWidth(page, 460);
    await collapseView(page, nls('view.images'));
    await waitForTreeRow(page, 'sim-gpu-a', { view: nls('view.machines') });
    await runCommand(page, `DBC: ${nls('command.wallet.import')}`);
    const seed = stack.sim.demoRenter.seed;
    await answerQuestions(page, (q) => {
      if (q.rows.some((r) => r.label === t('Secret seed'))) return { pick: t('Secret seed') };
      if (q.password) return { type: seed };
      return { type: 'demo renter' };
    }, { nextTimeoutMs: (q) => (q.password || q.rows.length ? 15000 : 2000) });
    const view = { view: nls('view.machines') };
    await waitForTreeRowGone(page, t('Import a wallet to see your VMs…'), { ...view, timeoutMs: 30000 });
    const vm = await waitForTreeRow(page, 'demo-vm', { ...view, timeoutMs: 30000 });
    const item = await openContextMenu(page, vm, nls('command.vm.showLogs'));
    await highlightMenuItem(page, item);
    FRAMES['zh-cn-menu'] = topLeftWith('.context-view .monaco-menu, .monaco-menu-container', 400);
    await readme('zh-cn-menu');
    publish(taken, { 'zh-cn.png': ['zh-cn-menu'] });
  } finally {
    await stack.stop();
  }
}

async function main() {
  installSignalHandlers();
  const t0 = Date.now();
  if (!opts['only-zh']) await englishPass();
  if (opts.zh || opts['only-zh']) await chinesePass();
  console.log(`readme shots took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
