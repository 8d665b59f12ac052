#!/usr/bin/env node
// README screenshots, regenerated from the journey: runs journey/steps.mjs at 1280×800 and keeps the
// moments the steps mark with ctx.readme(name), cropped where that reads better; then one short pass
// with the local zh-cn language pack and --locale zh-cn for the Chinese UI (journey/steps-zh-cn.mjs; skip it
// with --no-zh, or run only it with --only-zh). Writes media/readme/*.png.
// Run by hand (not in CI), after `node esbuild.js`:  node scripts/e2e/readme-shots.mjs [--no-zh | --only-zh]
// Chinese text needs a CJK font for chromium (Debian: fonts-wqy-zenhei), or it shows as boxes.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSteps } from './journey/run-steps.mjs';
import { journeySettings, steps } from './journey/steps.mjs';
import { zhSteps } from './journey/steps-zh-cn.mjs';
import { installSignalHandlers, outputDir, repoRoot, screenshotter, startStack, ZH_CN } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'only-zh': { type: 'boolean', default: false },
    'no-zh': { type: 'boolean', default: false },
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
  'lease-warning': whole,
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
  'lease.png': ['lease-warning'],
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

/** The Chinese UI (local zh-cn language pack, --locale zh-cn): the journey's Chinese steps, framed whole. */
async function chinesePass() {
  const stack = await startStack({
    out, speed: Number(opts.speed), home: true, settings: journeySettings, viewport: VIEWPORT, locale: ZH_CN, freeSshPorts: false,
  });
  try {
    const { readme, taken } = capturer(stack.page);
    FRAMES['zh-cn'] = whole;
    const ctx = { page: stack.page, stack, sim: stack.sim, shot: screenshotter(stack.page, out), state: {}, readme };
    const records = await runSteps(zhSteps, ctx);
    const failed = records.filter((r) => r.status !== 'passed').map((r) => r.name);
    if (failed.length) console.log(`  (steps not passed: ${failed.join('; ')})`);
    publish(taken, { 'zh-cn.png': ['zh-cn'] });
  } finally {
    await stack.stop();
  }
}

async function main() {
  installSignalHandlers();
  const t0 = Date.now();
  if (!opts['only-zh']) await englishPass();
  if (!opts['no-zh']) await chinesePass();
  console.log(`readme shots took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
