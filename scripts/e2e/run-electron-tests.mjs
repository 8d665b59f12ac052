#!/usr/bin/env node
// The same in-host suite as run-host-tests.mjs, under @vscode/test-electron (desktop VS Code), for machines
// that can download VS Code (or have one: --vscode-executable). Needs a display on Linux (e.g. xvfb-run).
// Builds nothing: run `node esbuild.js && npx tsc -p tsconfig.test.json` first (npm run test:electron does).
// Usage: node scripts/e2e/run-electron-tests.mjs [--vscode-version stable|1.90.0] [--vscode-executable PATH]
//          [--grep PATTERN] [--speed N]
// Writes the results to $DBC_TEST_RESULTS, logs to .test-output/electron/, prints "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import {
  crashResults, envForSimulator, inHostResults, installSignalHandlers, makeWorkspace, onInterrupt, outputDir,
  removeDir, repoRoot, scratchDir, settingsForSimulator, startSimulator, subdir, summaryLine, writeResults,
  writeUserSettings,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'vscode-version': { type: 'string', default: process.env.DBC_VSCODE_VERSION || 'stable' },
    'vscode-executable': { type: 'string', default: process.env.DBC_VSCODE_EXECUTABLE || '' },
    grep: { type: 'string', default: process.env.DBC_TEST_GREP || '' },
    speed: { type: 'string', default: '1000' },
  },
});
const testsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index');
const out = outputDir('electron');
const inHostResultsFile = path.join(out, 'in-host-results.json');

/**
 * Desktop VS Code reads user settings from <user-data-dir>/User/settings.json, as code-server does.
 * (runTests itself adds --disable-updates, --skip-welcome, --skip-release-notes, --disable-workspace-trust.)
 */
function launchArgs(scratch, sim) {
  const userDataDir = subdir(scratch, 'user-data');
  writeUserSettings(userDataDir, settingsForSimulator(sim));
  return [makeWorkspace(subdir(scratch, 'workspace')),
    '--user-data-dir', userDataDir, '--extensions-dir', subdir(scratch, 'extensions'),
    '--disable-extensions', '--disable-telemetry'];
}

/** runTests resolves with the exit code, or rejects when it is not 0 (or VS Code could not be had). */
async function runElectron(scratch, sim) {
  const options = {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { ...envForSimulator(sim), DBC_TEST_RESULTS: inHostResultsFile, DBC_TEST_GREP: opts.grep },
    launchArgs: launchArgs(scratch, sim),
    ...(opts['vscode-executable'] ? { vscodeExecutablePath: opts['vscode-executable'] } : { version: opts['vscode-version'] }),
  };
  try {
    return await runTests(options);
  } catch (e) {
    if (!fs.existsSync(inHostResultsFile)) throw e; // VS Code never ran the suite (download, launch…)
    return 1;
  }
}

async function runSuite() {
  if (!fs.existsSync(`${testsPath}.js`)) throw new Error(`${testsPath}.js is missing: run "npx tsc -p tsconfig.test.json"`);
  const scratch = scratchDir('electron');
  const sim = await startSimulator({ speed: Number(opts.speed), freeSshPorts: true, dataDir: subdir(scratch, 'sim-data'), logFile: path.join(out, 'sim.log') });
  const stop = async () => {
    await sim.stop();
    removeDir(scratch);
  };
  const unregister = onInterrupt(stop);
  try {
    console.log(`simulator ${sim.url}, VS Code ${opts['vscode-executable'] || opts['vscode-version']}`);
    return inHostResults(inHostResultsFile, await runElectron(scratch, sim));
  } finally {
    unregister();
    await stop();
  }
}

async function main() {
  installSignalHandlers();
  fs.rmSync(inHostResultsFile, { force: true });
  const results = await runSuite().catch((e) => {
    console.error(e);
    return crashResults('in-host tests (electron): harness', e);
  });
  writeResults(results);
  for (const f of results.failed ?? []) console.log(`✘ ${f.title}: ${f.error}`);
  console.log(summaryLine(results));
  process.exit(results.failures ? 1 : 0);
}

await main();
