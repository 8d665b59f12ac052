// Figures 1b and 7b: the real extension host of code-server (VS Code in the browser), through the e2e
// harness (scripts/e2e/lib.mjs). The production bundle is staged as an installed extension would lay it
// out, loaded as the extension under development, and host-probe.cjs runs in the host (see there).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageCryptoBundle } from './activation.mjs';
import { figure, NotFeasible } from './results.mjs';
import { repoRoot, tmpDir } from './lib/paths.mjs';
import { startSimProcess } from './lib/sim-process.mjs';
import { benchNodeIds, benchScenario, demo } from './lib/world.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FULL = { nodes: 50, pollSeconds: 60 };
const SMOKE = { nodes: 2, pollSeconds: 2 };
let NODES = FULL.nodes;
let POLL_SECONDS = FULL.pollSeconds;
const BACKGROUND_SECONDS = 5;
const MIB = 2 ** 20;

/** The files a VSIX holds, with the production bundles (extension.js and the ones it loads lazily) in dist/. */
function stageExtension(production) {
  const dir = tmpDir('host-extension');
  for (const f of ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n', 'media']) {
    fs.cpSync(path.join(repoRoot, f), path.join(dir, f), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const f of fs.readdirSync(production).filter((n) => n.endsWith('.js') && !['cli.js', 'sim.js'].includes(n))) {
    fs.copyFileSync(path.join(production, f), path.join(dir, 'dist', f));
  }
  return dir;
}

async function runProbe(e2e, { sim, extensionPath, cryptoBundle, outFile, scratch }) {
  const cs = await e2e.startCodeServer({
    userDataDir: e2e.subdir(scratch, 'user-data'), extensionsDir: e2e.subdir(scratch, 'extensions'),
    folder: e2e.makeWorkspace(e2e.subdir(scratch, 'workspace')), logFile: path.join(scratch, 'code-server.log'),
    settings: {
      'dbc.endpoints': [{ url: sim.url, name: 'bench', nodes: benchNodeIds(NODES) }],
      'dbc.chain.rpcUrl': `${sim.url}/`,
      'dbc.refresh.backgroundIntervalSeconds': BACKGROUND_SECONDS,
    },
    env: {
      DBC_BENCH_HOST_OUT: outFile, DBC_BENCH_SEED: demo.DEMO_RENTER_SEED, DBC_BENCH_CRYPTO: cryptoBundle, DBC_BENCH_POLL_SECONDS: String(POLL_SECONDS),
    },
  });
  const browser = await e2e.launchBrowser({ profileDir: e2e.subdir(scratch, 'chromium') });
  try {
    const { done } = await e2e.exposeAutomationHooks(browser.page, { onLog: () => {} });
    const url = await e2e.setupExtensionDevelopment(browser.page, cs, { extensionPath, testsPath: path.join(here, 'host-probe.cjs') });
    await browser.page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), (POLL_SECONDS + 180) * 1000).unref());
    const exit = await Promise.race([done, timeout]);
    if (exit.code !== 0) throw new Error(`the probe in the extension host ended with ${exit.code}; see ${scratch}/code-server.log`);
    return JSON.parse(fs.readFileSync(outFile, 'utf8'));
  } finally {
    await e2e.closeBrowser(browser);
    await cs.stop();
  }
}

function hostFigures(r, requests) {
  const mib = (b) => b / MIB;
  const eager = { unit: 'ms', baselineName: 'eager crypto at activation', detail: { crypto_ms: Math.round(r.cryptoMs), probe_started_ms: Math.round(r.probeStartMs) } };
  const mem = { unit: 'MiB', baselineName: 'same host, before activation' };
  const detail = {
    poll_seconds: POLL_SECONDS, background_interval_s: BACKGROUND_SECONDS, nodes: NODES, requests_while_polling: requests,
    heap_used_mib_after_activation: Math.round(mib(r.activated.heapUsed) * 10) / 10,
  };
  return {
    activation_host_since_start_ms: figure({
      ...eager, label: 'code-server extension host start → activate() done', value: r.sinceStartMs, baseline: r.sinceStartMs + r.cryptoMs,
    }),
    activation_host_activate_ms: figure({
      ...eager, label: 'ext.activate() in code-server (load + activate)', value: r.activateMs, baseline: r.activateMs + r.cryptoMs,
    }),
    memory_host_heap_used_mib: figure({
      ...mem, label: `Extension host heap after ${POLL_SECONDS} s of polling 50 nodes (after GC)`, value: mib(r.polled.heapUsed), baseline: mib(r.idle.heapUsed), detail,
    }),
    memory_host_rss_mib: figure({
      ...mem, label: `Extension host RSS after ${POLL_SECONDS} s of polling 50 nodes`, value: mib(r.polled.rss), baseline: mib(r.idle.rss),
    }),
  };
}

export async function measureHost({ built, smoke }) {
  ({ nodes: NODES, pollSeconds: POLL_SECONDS } = smoke ? SMOKE : FULL);
  const e2e = await import('../e2e/lib.mjs');
  if (!e2e.codeServerInstalled()) throw new NotFeasible('code-server is not installed (scripts/e2e/install-code-server.sh)');
  const cryptoBundle = stageCryptoBundle();
  const scratch = e2e.scratchDir('bench');
  const sim = await startSimProcess({ scenario: benchScenario({ nodes: NODES }), speed: 1000 });
  const unregister = e2e.onInterrupt(() => sim.stop());
  try {
    const extensionPath = stageExtension(built.production);
    const r = await runProbe(e2e, { sim, extensionPath, cryptoBundle, outFile: path.join(scratch, 'probe.json'), scratch });
    if (r.wasActive) throw new Error('DBC was already active before the probe: the activation time would be wrong');
    if (r.errors.length) throw new Error(`the extension reported errors: ${r.errors.join('; ')}`);
    return hostFigures(r, (await sim.counters()).total);
  } finally {
    unregister();
    await sim.stop();
    e2e.removeDir(scratch);
  }
}
