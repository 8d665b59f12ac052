#!/usr/bin/env node
// `npm run bench`: builds what it needs, runs every measurement once (each with its own warm-up and
// repetitions), writes bench/results.json, puts the table into docs/benchmarks.md and prints it.
// See docs/benchmarks.md.
// Options: --only a,b (names below)  --skip-host  --out FILE (default bench/results.json)
//          --smoke: every measurement at tiny sizes, figures meaningless (npm test runs it: a bench that
//                   crashes fails CI); writes bench/tmp/smoke/results.json unless --out says otherwise
//          --no-compile: use out/ as it is (npm test has just compiled it)
// Exit status: 1 when a measurement failed (host too, unless code-server is not installed), else 0.
// Missed targets are shown in the table, not in the exit status.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assertCompiled, buildOneBundleBaseline, buildProduction, compileOut } from './build.mjs';
import { runMeta, writeResults } from './results.mjs';
import { formatTable, updateDocsTable } from './table.mjs';
import { benchDir, resultsFile } from './lib/paths.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' }, 'skip-host': { type: 'boolean' }, out: { type: 'string' }, smoke: { type: 'boolean' },
    'no-compile': { type: 'boolean' },
  },
});
const smoke = Boolean(opts.smoke);
if (smoke) process.env.DBC_BENCH_TMP = path.join(benchDir, 'tmp', 'smoke');
const outFile = opts.out ?? (smoke ? path.join(benchDir, 'tmp', 'smoke', 'results.json') : resultsFile);

/** Name → module and function; imported only after out/ is compiled (their imports load out/). */
const measurements = [
  ['bundle', './bundle.mjs', 'measureBundle'],
  ['activation', './activation.mjs', 'measureActivation'],
  ['signing', './signing.mjs', 'measureSigning'],
  ['refresh', './refresh.mjs', 'measureRefresh'],
  ['rpm', './rpm.mjs', 'measureRequestsPerMinute'],
  ['logs', './log-follow.mjs', 'measureLogFollow'],
  ['memory', './memory.mjs', 'measureMemory'],
  ['profile', './profile.mjs', 'measureProfileCheck'],
  ['host', './host.mjs', 'measureHost'],
];

function wanted(name) {
  if (name === 'host' && opts['skip-host']) return false;
  return !opts.only || opts.only.split(',').includes(name);
}

async function build() {
  console.log(`[bench] building ${opts['no-compile'] ? '' : 'out/ (tsc) and '}the production bundles…`);
  if (opts['no-compile']) assertCompiled();
  else compileOut();
  return { production: buildProduction(), oneBundle: await buildOneBundleBaseline() };
}

/** Runs one measurement; a NotFeasible error (host without code-server) is skipped, anything else failed. */
async function runOne([name, file, fn], built) {
  const t0 = Date.now();
  process.stdout.write(`[bench] ${name}… `);
  try {
    // Lets the bench smoke test check that a crashing measurement fails the run.
    if (process.env.DBC_BENCH_INJECT_FAILURE === name) throw new Error(`failure injected into ${name} (DBC_BENCH_INJECT_FAILURE)`);
    const module = await import(file);
    const figures = await module[fn]({ built, smoke });
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { figures };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const notFeasible = err?.notFeasible === true;
    console.log(`${notFeasible ? 'SKIPPED' : 'FAILED'}: ${message}`);
    if (!notFeasible && err instanceof Error && err.stack) console.error(err.stack);
    return notFeasible ? { skipped: message } : { failed: message };
  }
}

async function main() {
  const started = Date.now();
  const built = await build();
  const figures = {};
  const skipped = {};
  const failed = {};
  for (const m of measurements.filter(([n]) => wanted(n))) {
    const r = await runOne(m, built);
    Object.assign(figures, r.figures);
    if (r.skipped) skipped[m[0]] = r.skipped;
    if (r.failed) failed[m[0]] = r.failed;
  }
  const meta = runMeta(started, Date.now() - started, { skipped, failed, smoke });
  const file = writeResults(figures, meta, outFile);
  console.log(`\n${formatTable(figures)}\n\nwrote ${path.relative(process.cwd(), file)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (file === resultsFile && !opts.only) {
    updateDocsTable(figures, meta);
    console.log('updated the table in docs/benchmarks.md');
    if (meta.dirty) console.warn('[bench] the checkout has uncommitted changes: commit first, then run the bench for results to keep');
  }
  if (Object.keys(failed).length) {
    console.error(`[bench] failed: ${Object.keys(failed).join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
