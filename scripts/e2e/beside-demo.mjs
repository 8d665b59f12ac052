#!/usr/bin/env node
// The journey while the demo runs, as a newcomer would have it: `npm start` (on other ports) open in a
// browser, with a VM of its own on the first SSH port the create wizard proposes, then the whole
// journey (journey.mjs) on its own simulator and code-server. Proves that nothing a test uses collides
// with a demo: both simulators put VM SSH endpoints on 127.0.0.1, and they used to share 5600.
// Checks, besides the journey's steps: the demo opens; its VM on that port runs; after the journey the
// demo's VM still answers SSH with the demo's password (the test never took its port). CI runs this once.
// Builds nothing (npm test has built dist/ and out/). Usage: node scripts/e2e/beside-demo.mjs
// Writes the results to $DBC_TEST_RESULTS, prints "N passed, M failed"; logs in .test-output/beside-demo/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import ssh2 from 'ssh2';
import {
  closeBrowser, crashResults, freePort, installSignalHandlers, launchBrowser, onInterrupt, openViewContainer, openWorkbench,
  outputDir, readResults, repoRoot, simAdmin, spawnTracked, stopTracked, subdir, summaryLine, waitForActivityEntry,
  waitForTreeRow, waitUntil, writeResults,
} from './lib.mjs';

const out = outputDir('beside-demo');
const demoDir = path.join(out, 'demo');
const NODE_B = 'sim-gpu-b';

/** The first SSH port the create wizard proposes on a node without VMs (core/portPlanner). */
function wizardFirstSshPort() {
  const planner = path.join(repoRoot, 'out', 'src', 'core', 'portPlanner.js');
  if (!fs.existsSync(planner)) throw new Error(`${planner} is missing: run "npx tsc -p tsconfig.test.json"`);
  return createRequire(import.meta.url)(planner).DEFAULT_PORT_RANGES.login[0].from;
}

/** `npm start` on free ports, in its own folder; resolves with its URLs once it says it is running. */
async function startDemo() {
  const [port, simPort] = [await freePort(), await freePort()];
  const lines = [];
  const demo = spawnTracked(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), '--port', String(port),
    '--sim-port', String(simPort), '--speed', '200', '--fresh', '--dir', demoDir], {
    cwd: repoRoot, logFile: path.join(out, 'npm-start.log'), onLine: (line) => lines.push(line),
  });
  onInterrupt(() => stopDemo(demo));
  const deadline = Date.now() + 240000; // packaging the .vsix takes most of it
  while (!lines.some((l) => l.startsWith('DBC demo is running'))) {
    const tail = lines.slice(-15).join('\n');
    if (demo.exit) throw new Error(`npm start exited (${JSON.stringify(demo.exit)}):\n${tail}`);
    if (Date.now() > deadline) throw new Error(`npm start did not say "DBC demo is running" within 240 s:\n${tail}`);
    await delay(250);
  }
  const field = (re) => lines.map((l) => l.match(re)?.[1]).find(Boolean);
  return {
    proc: demo, url: field(/^\s+Open\s+(\S+)/), simUrl: field(/^\s+Simulator\s+(\S+)/),
    seed: field(/^\s+(0x[0-9a-f]{64})$/), nodeB: field(new RegExp(`node ([0-9a-f]{64}) ${NODE_B} `)),
  };
}

async function stopDemo(demo) {
  await stopTracked(demo, { signal: 'SIGINT', graceMs: 10000 });
}

/** `dbc …` (dist/cli.js) against the demo's simulator as the demo renter. */
function dbc(demo, args) {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: subdir(out, 'cli-home'), DBC_ENDPOINT: demo.simUrl, DBC_NODE: demo.nodeB, DBC_SEED: demo.seed };
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Logs in to 127.0.0.1:`port` as `user` with `password` (ssh2); resolves true or the error text. */
function sshLogin(port, user, password) {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    client.on('ready', () => { client.end(); resolve(true); })
      .on('error', (e) => resolve(e.message))
      .connect({ host: '127.0.0.1', port, username: user, password, readyTimeout: 15000 });
  });
}

/** The demo's VM on `port`, from its simulator's admin API. */
async function demoVmOn(demo, port) {
  const state = await simAdmin({ adminUrl: `${demo.simUrl}/__sim` }, 'state');
  return state.nodes.flatMap((n) => n.tasks ?? []).find((t) => t.ssh_port === String(port));
}

function check(results, title, ok, error) {
  if (ok) results.passes += 1;
  else results.failed.push({ title: `beside the demo: ${title}`, error });
  results.failures = results.failed.length;
  console.log(`${ok ? '✔' : '✘'} ${title}${ok ? '' : `: ${error}`}`);
}

/** The demo opened as its user would: the workbench, the DBC view with the simulator's nodes. */
async function openDemo(demo) {
  const browser = await launchBrowser({ profileDir: fs.mkdtempSync(path.join(out, 'chromium-')) });
  await openWorkbench(browser.page, demo.url);
  await waitForActivityEntry(browser.page, 'DBC');
  await openViewContainer(browser.page, 'DBC');
  await waitForTreeRow(browser.page, NODE_B);
  return browser;
}

/** A VM of the demo on `port`, created through the CLI; '' or why not. */
async function demoVm(demo, port) {
  const r = await dbc(demo, ['vm', 'create', '--image', 'ubuntu.qcow2', '--ssh-port', String(port), '--vnc-port', '5900',
    '--gpus', '1', '--cpus', '2', '--mem', '4', '--disk', '20', '--desc', 'demo-user-vm', '--wait', '--wait-timeout', '60']);
  if (r.code === 0) return '';
  if (/port conflict/.test(r.stderr)) return `port ${port} is already taken on this machine (the journey meets a taken port anyway)`;
  throw new Error(`dbc vm create exited ${r.code}: ${r.stderr.trim()}`);
}

function runJourney() {
  const file = path.join(out, 'journey-results.json');
  fs.rmSync(file, { force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'e2e', 'journey.mjs'), '--out', 'beside-demo/journey'], {
      cwd: repoRoot, stdio: 'inherit', env: { ...process.env, DBC_TEST_RESULTS: file },
    });
    child.on('close', (code) => resolve(readResults(file) ?? crashResults('beside the demo: journey', `exited ${code} without results`)));
  });
}

async function besideDemo() {
  const results = { passes: 0, failures: 0, failed: [] };
  const port = wizardFirstSshPort();
  const demo = await startDemo();
  let browser;
  try {
    console.log(`demo: ${demo.url} (simulator ${demo.simUrl}); its VM takes SSH port ${port}, the wizard's first proposal`);
    browser = await openDemo(demo);
    check(results, 'npm start serves the extension (DBC view lists the nodes)', true);
    const skipped = await demoVm(demo, port);
    const vm = skipped ? undefined : await demoVmOn(demo, port);
    if (skipped) console.log(`  (${skipped})`);
    else {
      const login = vm && await waitUntil('the demo VM to take its password', () => sshLogin(port, vm.user_name, vm.login_password)
        .then((r) => r === true), { timeoutMs: 15000, everyMs: 300 }).catch((e) => e.message);
      check(results, `the demo's VM runs with its SSH endpoint on ${port}`, vm?.status === 'running' && login === true, `${login}; ${JSON.stringify(vm)}`);
    }
    const journey = await runJourney();
    results.passes += journey.passes;
    results.failed.push(...(journey.failed ?? []));
    results.failures = results.failed.length + Math.max(0, journey.failures - (journey.failed?.length ?? 0));
    if (vm) {
      const login = await sshLogin(port, vm.user_name, vm.login_password);
      check(results, `after the journey the demo's VM on ${port} still takes the demo's password`, login === true, String(login));
    }
  } finally {
    await closeBrowser(browser);
    await stopDemo(demo.proc);
  }
  return results;
}

async function main() {
  installSignalHandlers();
  const t0 = Date.now();
  const results = await besideDemo().catch((e) => {
    console.error(e);
    return crashResults('beside the demo: harness', e);
  });
  writeResults(results);
  console.log(`beside-demo took ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${path.relative(repoRoot, out)}`);
  console.log(summaryLine(results));
  process.exit(results.failures ? 1 : 0);
}

await main();
