#!/usr/bin/env node
// `npm run start:desktop`: the simulator plus your desktop VS Code (`code` on PATH) with this repo loaded as
// the extension under development, in a separate user-data folder (its own settings and secrets) but with
// your installed extensions, so that Remote-SSH is there for "Connect".
// Usage: node scripts/start-desktop.mjs [--sim-port 5002] [--speed 20] [--scenario FILE]
// Closing the VS Code window or Ctrl+C stops the simulator.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  installSignalHandlers, isPortFree, makeWorkspace, onInterrupt, repoRoot, settingsForSimulator, spawnTracked,
  startSimulator, subdir, writeUserSettings,
} from './e2e/lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'sim-port': { type: 'string', default: '5002' },
    speed: { type: 'string', default: '20' },
    scenario: { type: 'string' },
  },
});
// Short on purpose: VS Code puts unix sockets under its user-data-dir (about 104 characters at most).
const demoDir = path.join(os.homedir(), '.cache', 'dbc-vscode', 'desktop');

function assertCodeOnPath() {
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error('the desktop VS Code command `code` is not on PATH. Install VS Code and run "Shell Command: '
      + 'Install \'code\' command in PATH", or use `npm start` (VS Code in the browser).');
  }
}

function build() {
  console.log('» building (node esbuild.js)');
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the build failed');
}

async function startSim() {
  const wanted = Number(opts['sim-port']);
  const sim = await startSimulator({
    port: (await isPortFree(wanted)) ? wanted : 0, speed: Number(opts.speed), scenario: opts.scenario,
    dataDir: subdir(demoDir, 'sim-data'), logFile: path.join(demoDir, 'sim.log'),
    extraArgs: ['--state', path.join(demoDir, 'sim-state.json')],
  });
  onInterrupt(sim.stop);
  console.log(sim.banner.map((l) => `  | ${l}`).join('\n'));
  return sim;
}

/** `code --wait` returns when the window closes. */
async function runCode(sim) {
  const userDataDir = subdir(demoDir, 'user-data');
  writeUserSettings(userDataDir, settingsForSimulator(sim));
  const args = ['--wait', `--extensionDevelopmentPath=${repoRoot}`, '--user-data-dir', userDataDir,
    makeWorkspace(subdir(demoDir, 'workspace'))];
  console.log(`» code ${args.join(' ')}`);
  const code = spawnTracked('code', args, { onLine: (line) => console.log(`  [code] ${line}`) });
  onInterrupt(() => code.child.kill('SIGTERM'));
  return code.exited;
}

async function main() {
  installSignalHandlers();
  assertCodeOnPath();
  build();
  const sim = await startSim();
  if (sim.demoRenter) console.log(`\nIn VS Code: DBC → "Import Wallet", demo renter secret seed: ${sim.demoRenter.seed}\n`);
  await runCode(sim);
  await sim.stop();
}

main().catch((e) => {
  console.error(`npm run start:desktop: ${e.message}`);
  process.exit(1);
});
