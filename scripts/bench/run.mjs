#!/usr/bin/env node
// `npm run bench`: builds what it needs, runs every measurement once (each with its own warm-up and
// repetitions), writes bench/results.json and prints the table. See docs/benchmarks.md.
// Options: --only a,b (names below)  --skip-host  --out FILE (default bench/results.json)
import { parseArgs } from 'node:util';
import { measureActivation, stageBundles } from './activation.mjs';
import { buildDevelopment, buildProduction, compileOut } from './build.mjs';
import { measureBundle } from './bundle.mjs';
import { measureHost } from './host.mjs';
import { measureLogFollow } from './log-follow.mjs';
import { measureMemory } from './memory.mjs';
import { measureRefresh } from './refresh.mjs';
import { runMeta, writeResults } from './results.mjs';
import { measureRequestsPerMinute } from './rpm.mjs';
import { measureSigning } from './signing.mjs';
import { formatTable } from './table.mjs';
import { resultsFile } from './lib/paths.mjs';

const { values: opts } = parseArgs({
  options: { only: { type: 'string' }, 'skip-host': { type: 'boolean' }, out: { type: 'string', default: resultsFile } },
});

const measurements = [
  ['bundle', (b) => b.bundleFigures],
  ['activation', (b) => measureActivation(b)],
  ['signing', () => measureSigning()],
  ['refresh', () => measureRefresh()],
  ['rpm', () => measureRequestsPerMinute()],
  ['logs', () => measureLogFollow()],
  ['memory', () => measureMemory()],
  ['host', (b) => measureHost({ extensionBundle: b.extension, cryptoBundle: b.crypto })],
];

function wanted(name) {
  if (name === 'host' && opts['skip-host']) return false;
  return !opts.only || opts.only.split(',').includes(name);
}

function build() {
  console.log('[bench] building out/ (tsc) and the production bundle…');
  compileOut();
  buildProduction();
  const bundleFigures = measureBundle(); // sizes of the production dist/extension.js
  const bundles = stageBundles();
  buildDevelopment();
  return { ...bundles, bundleFigures };
}

async function main() {
  const started = Date.now();
  const built = build();
  const figures = {};
  const skipped = {};
  for (const [name, measure] of measurements.filter(([n]) => wanted(n))) {
    const t0 = Date.now();
    process.stdout.write(`[bench] ${name}… `);
    try {
      Object.assign(figures, await measure(built));
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      skipped[name] = err instanceof Error ? err.message : String(err);
      console.log(`FAILED: ${skipped[name]}`);
    }
  }
  const file = writeResults(figures, runMeta(started, Date.now() - started, skipped), opts.out);
  console.log(`\n${formatTable(figures)}\n\nwrote ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // The real host is measured when feasible; any other failure fails the run.
  if (Object.keys(skipped).some((n) => n !== 'host')) process.exitCode = 1;
}

await main();
