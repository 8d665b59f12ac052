#!/usr/bin/env node
// `npm start`: the demo. A simulated DBC client node plus a real VS Code (code-server) in your browser,
// with the extension installed from a freshly packaged .vsix, pointed at the simulator.
// Usage: node scripts/start.mjs [--port 8080] [--sim-port 5002] [--speed 20] [--scenario FILE] [--fresh] [--dir DIR]
//   --speed  simulator time scale: at 20 a VM create takes about 18 s (at 1 it takes 6 minutes)
//   --fresh  forget the demo's VMs, wallet and settings from earlier runs
//   --dir    where the demo keeps its state and logs (default .test-output/demo/)
// Ctrl+C stops both servers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  installSignalHandlers, installVsix, isInterrupted, isPortFree, makeWorkspace, onInterrupt,
  outputDir, repoRoot, settingsForSimulator, startCodeServer, startSimulator, subdir,
} from './e2e/lib.mjs';
import { ensurePrerequisites, needsOf } from './lib/prerequisites.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'sim-port': { type: 'string', default: '5002' },
    speed: { type: 'string', default: '20' },
    scenario: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});

/** Runs a step; its output is shown only when it fails. */
function run(label, cmd, args) {
  console.log(`» ${label}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status === 0) return;
  console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  throw new Error(`${label} failed (${cmd} ${args.join(' ')})`);
}

function ensureCodeServer() {
  const setup = ensurePrerequisites(needsOf(['start']));
  if (!setup.ok) throw new Error(`the demo needs code-server.\n${setup.message}`);
}

/**
 * The .vsix is what users install, so the demo runs exactly that. vsce runs the `vscode:prepublish`
 * script first, which builds dist/ (extension, CLI and simulator) in production mode.
 */
function packageExtension(demoDir) {
  const vsix = path.join(demoDir, 'dbc-vscode.vsix');
  run('building and packaging the extension (vsce package)', path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--out', vsix]);
  return vsix;
}

/** Installs the .vsix into a fresh extensions folder, so no older version lingers. */
function installExtension(vsix, userDataDir, demoDir) {
  const extensionsDir = path.join(demoDir, 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  fs.mkdirSync(extensionsDir);
  console.log('» installing it into code-server');
  installVsix(vsix, { userDataDir, extensionsDir });
  return extensionsDir;
}

async function simPort() {
  const wanted = Number(opts['sim-port']);
  if (await isPortFree(wanted)) return wanted;
  console.log(`  (port ${wanted} is taken; the simulator takes a free one)`);
  return 0;
}

async function startServers(demoDir, vsix) {
  const port = Number(opts.port);
  if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use: pass --port N`);
  console.log(`» starting the simulator (speed ${opts.speed})`);
  const sim = await startSimulator({
    port: await simPort(), speed: Number(opts.speed), scenario: opts.scenario,
    dataDir: subdir(demoDir, 'sim-data'), logFile: path.join(demoDir, 'sim.log'),
    extraArgs: ['--state', path.join(demoDir, 'sim-state.json')],
  });
  onInterrupt(sim.stop);
  const userDataDir = subdir(demoDir, 'user-data');
  const extensionsDir = installExtension(vsix, userDataDir, demoDir);
  console.log(`» starting code-server on 127.0.0.1:${port}`);
  const cs = await startCodeServer({
    port, userDataDir, extensionsDir, folder: makeWorkspace(subdir(demoDir, 'workspace')),
    settings: settingsForSimulator(sim), logFile: path.join(demoDir, 'code-server.log'),
  });
  onInterrupt(cs.stop);
  return { sim, cs };
}

function printWelcome({ sim, cs }, demoDir) {
  const rel = path.relative(process.cwd(), demoDir) || '.';
  console.log(`
DBC demo is running.

  Open      ${cs.folderUrl}
  Simulator ${sim.url}  (speed ${opts.speed}: a VM create takes about ${Math.round(360 / Number(opts.speed))} s)
${sim.banner.map((l) => `  | ${l}`).join('\n')}
${sim.demoRenter ? `
  In VS Code: click DBC in the activity bar, then "Import Wallet" and paste the demo renter secret seed:
    ${sim.demoRenter.seed}
` : ''}
  Logs and state: ${rel}/  (sim.log, code-server.log; --fresh starts over)
  Press Ctrl+C to stop.
`);
}

async function main() {
  installSignalHandlers();
  const demoDir = opts.dir ? path.resolve(opts.dir) : outputDir('demo');
  if (opts.fresh) fs.rmSync(demoDir, { recursive: true, force: true });
  fs.mkdirSync(demoDir, { recursive: true });
  ensureCodeServer();
  const servers = await startServers(demoDir, packageExtension(demoDir));
  printWelcome(servers, demoDir);
  const gone = await Promise.race([
    servers.sim.exited.then(() => 'the simulator'),
    servers.cs.exited.then(() => 'code-server'),
  ]);
  if (isInterrupted()) return; // Ctrl+C: the signal handler is stopping everything
  console.error(`${gone} stopped unexpectedly; see the logs in ${demoDir}`);
  await servers.cs.stop();
  await servers.sim.stop();
  process.exit(1);
}

main().catch((e) => {
  console.error(`npm start: ${e.message}`);
  process.exit(1);
});
