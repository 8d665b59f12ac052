#!/usr/bin/env node
// The Playwright tier: the user journey through the extension in code-server, driven by chromium.
// Starts the simulator and code-server with this repo as the extension under development (no packaging),
// runs the steps of journey/steps.mjs, screenshots each into .test-output/e2e/.
// At the default speed (100) creating a VM takes about 4 s, a snapshot about 2 s. code-server runs with
// HOME = a scratch folder, so connecting writes ssh files there and never into the real ~/.ssh.
// Then the Chinese part (journey/steps-zh-cn.mjs) on a second stack with a local zh-cn language pack.
// Builds nothing: run `node esbuild.js` first.
// Usage: node scripts/e2e/journey.mjs [--speed N] [--only SUBSTRING] [--out DIR]   (DIR under .test-output/, default e2e)
// Writes the results to $DBC_TEST_RESULTS and prints "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSteps, stepResults } from './journey/run-steps.mjs';
import { journeySettings, steps } from './journey/steps.mjs';
import { zhSteps } from './journey/steps-zh-cn.mjs';
import {
  crashResults, installSignalHandlers, outputDir, repoRoot, screenshotter, startStack, subdir, summaryLine, writeResults, ZH_CN,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    speed: { type: 'string', default: '100' },
    only: { type: 'string', default: '' },
    out: { type: 'string', default: 'e2e' },
  },
});
const out = outputDir(...opts.out.split('/'));

function clearOldScreenshots() {
  for (const dir of [out, path.join(out, 'zh-cn')]) {
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (f.endsWith('.png')) fs.rmSync(path.join(dir, f));
  }
}

async function runJourney() {
  const selected = steps.filter((s) => s.name.includes(opts.only));
  if (selected.length === 0) return [];
  const speed = Number(opts.speed);
  const stack = await startStack({ out, speed, home: true, settings: journeySettings });
  try {
    console.log(`simulator ${stack.sim.url}, code-server ${stack.cs.base}, HOME ${stack.home}`);
    const ctx = { page: stack.page, stack, sim: stack.sim, shot: screenshotter(stack.page, out), state: { speed } };
    return await runSteps(selected, ctx);
  } finally {
    await stack.stop();
  }
}

/** The Chinese part, on a stack of its own: code-server with the local zh-cn language pack and --locale zh-cn. */
async function runChinese() {
  const selected = zhSteps.filter((s) => s.name.includes(opts.only));
  if (selected.length === 0) return [];
  const zhOut = subdir(out, 'zh-cn');
  const stack = await startStack({ out: zhOut, speed: Number(opts.speed), home: true, settings: journeySettings, locale: ZH_CN });
  try {
    console.log(`zh-cn: simulator ${stack.sim.url}, code-server ${stack.cs.base} --locale zh-cn`);
    return await runSteps(selected, { page: stack.page, stack, sim: stack.sim, shot: screenshotter(stack.page, zhOut), state: {} });
  } finally {
    await stack.stop();
  }
}

async function main() {
  installSignalHandlers();
  clearOldScreenshots();
  const t0 = Date.now();
  const results = await runJourney().then(async (english) => stepResults([...english, ...await runChinese()])).catch((e) => {
    console.error(e);
    return crashResults('journey: harness', e);
  });
  writeResults(results);
  fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`journey took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(repoRoot, out)}`);
  if (results.pending) console.log(`${results.pending} not passed but not failed: skipped, or written ahead of a feature still in progress`);
  console.log(summaryLine(results));
  process.exit(results.failures ? 1 : 0);
}

await main();
