#!/usr/bin/env node
// `npm test`: sets up what the machine lacks (scripts/lib/prerequisites.mjs), builds, type-checks and lints,
// then runs every test tier and ends with one summary line.
// Usage: node scripts/test.mjs [tier ...] [--beside-demo] [--setup-dry-run]
//   tiers: unit contract host e2e package (default: all five; package = the .vsix installed into code-server), beside-demo (the journey again while `npm start` runs
//   on other ports: nothing a test uses may collide with a demo; CI adds it with --beside-demo)
//   --setup-dry-run  only print what the set-up would install, then stop
// A tier that crashes or reports nothing counts as one failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrerequisites, needsOf } from './lib/prerequisites.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.test-output');
fs.mkdirSync(outDir, { recursive: true });

const mocha = (globs, timeout) => ['node_modules/.bin/mocha', '--reporter', 'test/support/counting-reporter.js',
  '--timeout', String(timeout), '--exit', ...globs];
const tiers = {
  // test/scripts: the scripts' own tests, in their language (ES modules, not compiled)
  unit: { cmd: mocha(['out/test/unit/**/*.test.js', 'test/scripts/**/*.test.mjs'], 20000) },
  contract: { cmd: mocha(['out/test/contract/**/*.test.js'], 60000) },
  host: { cmd: ['node', 'scripts/e2e/run-host-tests.mjs'] },
  e2e: { cmd: ['node', 'scripts/e2e/journey.mjs'] },
  // last: vsce's prepublish step rebuilds dist/ in production mode
  package: { cmd: ['node', 'scripts/e2e/package-check.mjs'] },
  'beside-demo': { cmd: ['node', 'scripts/e2e/beside-demo.mjs'], optional: true },
};

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('-'));
const selected = wanted.length ? wanted : Object.keys(tiers).filter((t) => !tiers[t].optional);
if (args.includes('--beside-demo') && !selected.includes('beside-demo')) selected.push('beside-demo');
for (const t of selected) {
  if (!tiers[t]) {
    console.error(`unknown tier '${t}' (known: ${Object.keys(tiers).join(', ')})`);
    process.exit(2);
  }
}

function run(label, cmd, env = {}) {
  console.log(`\n=== ${label}: ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

const results = [];

// Before anything is built: a missing Chromium as a non-root user stops here, with the command to run.
console.log(`\n=== setup: what ${selected.join(', ')} need${args.includes('--setup-dry-run') ? ' (dry run)' : ''}`);
const setup = ensurePrerequisites(needsOf(selected), { dryRun: args.includes('--setup-dry-run') });
if (setup.ok) console.log(setup.did.length ? `set up: ${setup.did.join(', ')}` : 'nothing to set up');
else console.error(`\nnpm test cannot run the ${selected.join(', ')} tests yet.\n${setup.message}`);
results.push({ tier: 'setup', passes: 0, failures: setup.ok ? 0 : 1, step: true });
if (!setup.ok || args.includes('--setup-dry-run')) summarize();

const prep = [
  ['build', ['node', 'esbuild.js']],
  ['compile tests', ['node_modules/.bin/tsc', '-p', 'tsconfig.test.json']],
  ['lint', ['node_modules/.bin/eslint', '--max-warnings', '0', 'src', 'test', 'scripts', 'esbuild.js']],
];
for (const [label, cmd] of prep) {
  // out/ from an earlier compile may hold the tests of a source deleted since: mocha would still run them
  if (label === 'compile tests') fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
  const ok = run(label, cmd);
  results.push({ tier: label, passes: 0, failures: ok ? 0 : 1, step: true });
  if (!ok && label !== 'lint') {
    summarize();
  }
}

for (const t of selected) {
  const file = path.join(outDir, `results-${t}.json`);
  fs.rmSync(file, { force: true });
  const ok = run(t, tiers[t].cmd, { DBC_TEST_RESULTS: file, TMPDIR: process.env.TMPDIR || os.tmpdir() });
  let counts = { passes: 0, failures: 1 };
  if (fs.existsSync(file)) counts = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!ok && counts.failures === 0) counts.failures = 1; // crashed after reporting
  results.push({ tier: t, passes: counts.passes, failures: counts.failures, failed: counts.failed || [] });
}
summarize();

function summarize() {
  console.log('\n=== summary');
  for (const r of results) {
    const counts = r.step ? (r.failures ? 'FAILED' : 'ok') : `${String(r.passes).padStart(4)} passed, ${r.failures} failed`;
    console.log(`${r.tier.padEnd(14)} ${counts}`);
    for (const f of r.failed || []) console.log(`    ✘ ${f.title}: ${f.error}`);
  }
  const passed = results.reduce((n, r) => n + r.passes, 0);
  const failed = results.reduce((n, r) => n + r.failures, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
