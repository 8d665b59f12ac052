#!/usr/bin/env node
// The simulator behind F5 (.vscode/launch.json): starts dbc-sim on a free port and prepares what the
// Extension Development Host opens — a user-data folder whose settings point the extension at it, a
// workspace folder, and sim.env (DBC_SIM_URL, DBC_SIM_ADMIN_URL) for the in-host tests' envFile.
// Runs until the task is terminated (the launch configurations' postDebugTask does it).
// Usage: node scripts/dev/f5-sim.mjs --profile run|tests [--speed N] [--dir DIR]   (default .test-output/f5/<profile>)
//   run    the extension as a user sees it; wallet and settings are kept between launches
//   tests  the in-host suite; a fresh profile every time (tests assume nothing is stored)
// Prints "F5 simulator ready: <url>" once everything is in place (the tasks' background endsPattern).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  envForSimulator, installSignalHandlers, makeWorkspace, onInterrupt, outputDir, settingsForSimulator, startSimulator,
  subdir, writeUserSettings,
} from '../e2e/lib.mjs';

const { values: opts } = parseArgs({
  options: {
    profile: { type: 'string', default: 'run' },
    speed: { type: 'string' },
    dir: { type: 'string' },
  },
});
if (!['run', 'tests'].includes(opts.profile)) throw new Error(`--profile must be run or tests, not ${opts.profile}`);

async function main() {
  installSignalHandlers();
  const dir = opts.dir ? path.resolve(opts.dir) : outputDir('f5', opts.profile);
  const tests = opts.profile === 'tests';
  console.log(`F5 simulator: starting (${opts.profile})`);
  if (tests) fs.rmSync(path.join(dir, 'user-data'), { recursive: true, force: true });
  const sim = await startSimulator({
    speed: Number(opts.speed ?? (tests ? 1000 : 20)), freeSshPorts: true,
    dataDir: subdir(dir, 'sim-data'), logFile: path.join(dir, 'sim.log'),
  });
  onInterrupt(sim.stop);
  writeUserSettings(subdir(dir, 'user-data'), settingsForSimulator(sim));
  makeWorkspace(subdir(dir, 'workspace'));
  const env = { ...envForSimulator(sim), DBC_TEST_RESULTS: path.join(dir, 'results.json') };
  fs.writeFileSync(path.join(dir, 'sim.env'), Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
  if (sim.demoRenter && !tests) console.log(`demo renter secret seed (DBC: Import Wallet…): ${sim.demoRenter.seed}`);
  console.log(`F5 simulator ready: ${sim.url} (log: ${path.join(dir, 'sim.log')})`);
  const exit = await sim.exited;
  console.error(`the simulator stopped (${JSON.stringify(exit)}); see ${path.join(dir, 'sim.log')}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(`F5 simulator: ${e.message}`);
  process.exit(1);
});
