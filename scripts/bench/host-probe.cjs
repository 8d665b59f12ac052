// Runs inside code-server's extension host as the "extension tests" module (host.mjs), so it is CommonJS.
// Measures: the host's memory before DBC activates, ext.activate() (VS Code loads and activates the
// production bundle), then, with the renter wallet imported and the DBC view shown, memory after
// polling for DBC_BENCH_POLL_SECONDS; last, loading the bundled crypto in this host. Writes JSON.
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');
const vscode = require('vscode');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

function memory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function run() {
  const env = process.env;
  const out = { probeStartMs: performance.now() };
  const ext = vscode.extensions.getExtension('dbc-vscode.dbc-vscode');
  if (!ext) throw new Error('the DBC extension is not loaded');
  out.wasActive = ext.isActive;
  out.idle = memory();
  const a0 = performance.now();
  const api = await ext.activate();
  out.activateMs = performance.now() - a0;
  out.sinceStartMs = performance.now();
  out.activated = memory();
  await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: env.DBC_BENCH_SEED, label: 'bench renter' });
  await vscode.commands.executeCommand('workbench.view.extension.dbc');
  await sleep(Number(env.DBC_BENCH_POLL_SECONDS) * 1000);
  out.polled = memory();
  out.rows = (await api.rows('machines')).length;
  const c0 = performance.now();
  await require(env.DBC_BENCH_CRYPTO).cryptoWaitReady();
  out.cryptoMs = performance.now() - c0;
  out.errors = api.takeErrors();
  fs.writeFileSync(env.DBC_BENCH_HOST_OUT, JSON.stringify(out));
}

module.exports = { run };
