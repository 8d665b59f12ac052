// The DBC simulator (dist/sim.js) as a child process on 127.0.0.1.
import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { simScript } from './paths.mjs';
import { spawnTracked, stopTracked } from './processes.mjs';

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)\S*/;
const NODE = /^node ([0-9a-f]{64}) (\S+) \((\S+)\)/;
const DEMO_WALLET = /^demo renter wallet: (\S+)/;
const DEMO_SEED = /^demo renter secret seed: (\S+)/;

/** What the banner tells: the GPU nodes (`node <id> <name> (<status>)`) and the demo renter, if any. */
function parseBanner(lines) {
  const nodes = lines.map((l) => l.match(NODE)).filter(Boolean).map(([, id, name, status]) => ({ id, name, status }));
  const address = lines.map((l) => l.match(DEMO_WALLET)?.[1]).find(Boolean);
  const seed = lines.map((l) => l.match(DEMO_SEED)?.[1]).find(Boolean);
  return { nodes, demoRenter: address ? { address, seed } : null };
}

function simArgs({ port, speed, dataDir, scenario, freeSshPorts, extraArgs }) {
  const args = [simScript, '--port', String(port), '--speed', String(speed)];
  if (dataDir) args.push('--data-dir', dataDir);
  if (freeSshPorts) args.push('--free-ssh-ports');
  if (scenario) args.push('--scenario', scenario);
  return [...args, ...extraArgs];
}

/**
 * Starts `node dist/sim.js --port 0 --speed X [--data-dir D] [--scenario F] [--free-ssh-ports]` and resolves once it prints
 * `listening on http://127.0.0.1:PORT`. `banner` holds its stdout up to then (plus a short grace period),
 * e.g. the demo credentials; `nodes` and `demoRenter` are read from it. `adminUrl` is the base of its admin
 * API (docs/simulator.md). `onLine(line, stream)` sees every line it prints, for as long as it runs.
 * `freeSshPorts`: the scenario's VMs listen on ports the OS has free, not on the scenario's (e.g. the
 * demo VM's 20022), so a test never takes a port that a running demo or another program wants.
 */
export async function startSimulator({
  port = 0, speed = 1000, dataDir, scenario, freeSshPorts = false, extraArgs = [], logFile, onLine = () => {}, timeoutMs = 20000,
} = {}) {
  if (!fs.existsSync(simScript)) throw new Error(`${simScript} is missing: run "node esbuild.js" first`);
  const banner = [];
  const output = []; // stdout and stderr, for the error message when it does not start
  let url = null;
  let bannerOpen = true;
  const proc = spawnTracked(process.execPath, simArgs({ port, speed, dataDir, scenario, freeSshPorts, extraArgs }), {
    logFile,
    onLine: (line, stream) => {
      if (bannerOpen && stream === 'stdout') banner.push(line);
      if (bannerOpen) output.push(line);
      url ??= line.match(LISTENING)?.[1] ?? null;
      onLine(line, stream);
    },
  });
  await waitForListening(proc, () => url, output, timeoutMs);
  await delay(300); // lets the lines printed right after "listening on" (credentials…) join the banner
  bannerOpen = false;
  return {
    url, adminUrl: `${url}/__sim`, banner, ...parseBanner(banner), pid: proc.pid, exited: proc.exited,
    stop: () => stopTracked(proc, { graceMs: 3000 }),
  };
}

async function waitForListening(proc, getUrl, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!getUrl()) {
    const tail = () => output.slice(-10).map((l) => `  | ${l}`).join('\n');
    if (proc.exit) {
      throw new Error(`the simulator exited (${JSON.stringify(proc.exit)}) without printing `
        + `"listening on http://127.0.0.1:PORT"; its output:\n${tail()}`);
    }
    if (Date.now() > deadline) {
      await stopTracked(proc, { graceMs: 1000 });
      throw new Error(`the simulator did not print "listening on http://127.0.0.1:PORT" within ${timeoutMs} ms `
        + `(is src/sim/main.ts still a placeholder?); its output:\n${tail()}`);
    }
    await delay(50);
  }
}

/** Calls the simulator's admin API (`/__sim/<route>`): GET without a body, POST with one. Resolves with the JSON. */
export async function simAdmin(sim, route, body) {
  const res = await fetch(`${sim.adminUrl}/${route.replace(/^\/+/, '')}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** Every task of every node, from `GET /__sim/state`, each with `node` (the node's name) and `nodeId`. */
export async function simTasks(sim) {
  const state = await simAdmin(sim, 'state');
  return state.nodes.flatMap((n) => (n.tasks ?? []).map((t) => ({ ...t, node: n.name, nodeId: n.node_id })));
}
