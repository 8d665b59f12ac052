#!/usr/bin/env node
// In-host integration tests: runs out/test/integration (mocha, see test/integration/index.ts) inside the
// real extension host of code-server, with the repo loaded as the extension under development and a
// simulator to talk to. Builds nothing: run `node esbuild.js && npx tsc -p tsconfig.test.json` first.
// Usage: node scripts/e2e/run-host-tests.mjs [--timeout-ms N] [--grep PATTERN] [--speed N]
// Writes the results to $DBC_TEST_RESULTS, logs to .test-output/host/, prints "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  crashResults, inHostResults, installSignalHandlers, outputDir, repoRoot, startStack, summaryLine, writeResults,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'timeout-ms': { type: 'string', default: process.env.DBC_HOST_TEST_TIMEOUT_MS || String(10 * 60 * 1000) },
    grep: { type: 'string', default: process.env.DBC_TEST_GREP || '' },
    speed: { type: 'string', default: '1000' },
  },
});
const testsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index');
const out = outputDir('host');
const inHostResultsFile = path.join(out, 'in-host-results.json');

// mocha's spec output arrives as 'info'; warnings and errors keep a prefix
function printExtHostLine(type, line) {
  console.log(type === 'info' || type === 'log' ? line : `[exthost:${type}] ${line}`);
}

function timeout(ms) {
  return new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout', logs: [] }), ms).unref());
}

function saveVsCodeLogs(logs) {
  for (const { relativePath, contents } of logs) {
    const file = path.join(out, 'vscode-logs', relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}

async function runInHost() {
  if (!fs.existsSync(`${testsPath}.js`)) throw new Error(`${testsPath}.js is missing: run "npx tsc -p tsconfig.test.json"`);
  const env = { DBC_TEST_RESULTS: inHostResultsFile, DBC_TEST_GREP: opts.grep };
  const stack = await startStack({ out, speed: Number(opts.speed), env, testsPath, onExtHostLog: printExtHostLine });
  try {
    console.log(`simulator ${stack.sim.url}, code-server ${stack.cs.base}, tests ${path.relative(repoRoot, testsPath)}`);
    await stack.page.goto(stack.url);
    const exit = await Promise.race([stack.testsDone, timeout(Number(opts['timeout-ms']))]);
    if (exit.code === 'timeout') console.log(`no result within ${opts['timeout-ms']} ms`);
    saveVsCodeLogs(exit.logs);
    return inHostResults(inHostResultsFile, exit.code);
  } finally {
    await stack.stop();
  }
}

async function main() {
  installSignalHandlers();
  fs.rmSync(inHostResultsFile, { force: true });
  const t0 = Date.now();
  const results = await runInHost().catch((e) => {
    console.error(e);
    return crashResults('in-host tests: harness', e);
  });
  writeResults(results);
  for (const f of results.failed ?? []) console.log(`✘ ${f.title}: ${f.error}`);
  console.log(`in-host tests took ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${path.relative(repoRoot, out)}`);
  console.log(summaryLine(results));
  process.exit(results.failures ? 1 : 0);
}

await main();
