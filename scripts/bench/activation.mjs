// Figure 1a: activation cost of the production bundle in plain Node (a vscode stub module; the real-host
// figure is in host.mjs). Each sample is a fresh process: process start → activate() returned, module
// load, and activate() itself. Baseline: the extension as one bundle laid out as before issue 13 (crypto
// parsed at load, ssh2 and node-fetch 2 with its URL tables evaluated at load; build.mjs), alternating.
// Then what the first use of each lazy bundle costs (first-use-child.mjs): none loaded at activation,
// each evaluated once, the first wallet import and the first SSH key pair against the second ones.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure } from './results.mjs';
import { repoRoot, tmpDir } from './lib/paths.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const esbuild = createRequire(path.join(repoRoot, 'package.json'))('esbuild');

/** @polkadot/util-crypto bundled and minified like the extension (the host figure's eager-crypto baseline). */
export function stageCryptoBundle() {
  const crypto = path.join(tmpDir('util-crypto'), 'util-crypto.js');
  esbuild.buildSync({
    stdin: { contents: "module.exports = require('@polkadot/util-crypto');", resolveDir: repoRoot },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile: crypto, logLevel: 'warning',
  });
  return crypto;
}

/** No endpoint: activation and the wallet imports send nothing anywhere. */
const env = { ...process.env, DBC_BENCH_SETTINGS: JSON.stringify({ 'dbc.endpoints': [] }) };

async function child(script, args) {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(here, script), ...args], { env });
  return JSON.parse(stdout.trim());
}

async function loadTimes(production, oneBundle, reps) {
  const ours = [];
  const before = [];
  await child('activation-child.mjs', [production]); // warm the file cache
  await child('activation-child.mjs', [oneBundle]);
  for (let i = 0; i < reps; i++) {
    ours.push(await child('activation-child.mjs', [production]));
    before.push(await child('activation-child.mjs', [oneBundle]));
  }
  return { ours, before };
}

function activationFigures({ ours, before }) {
  const pick = (list, key) => list.map((s) => s[key]);
  const common = { unit: 'ms', baselineName: 'one bundle as before issue 13', digits: 1 };
  return {
    activation_node_since_start_ms: figure({
      ...common, label: 'Node process start → activate() returned (production bundle, vscode stub)', samples: pick(ours, 'sinceStartMs'), baselineSamples: pick(before, 'sinceStartMs'),
      detail: { stub_stood_in_for: ours[0].autoStubbed },
    }),
    activation_node_module_load_ms: figure({
      ...common, label: 'require(dist/extension.js)', samples: pick(ours, 'loadMs'), baselineSamples: pick(before, 'loadMs'), target: { ratio: 0.3 },
    }),
    activation_node_activate_ms: figure({ ...common, label: 'activate() itself', samples: pick(ours, 'activateMs'), baselineSamples: pick(before, 'activateMs') }),
  };
}

async function firstUse(production, reps) {
  const { demo } = await import('./lib/world.mjs');
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await child('first-use-child.mjs', [production, demo.DEMO_RENTER_SEED, demo.DEMO_OTHER_SEED]));
  const pick = (key) => runs.map((r) => r[key]);
  const evaluations = Math.max(...runs.flatMap((r) => Object.values(r.evaluated)));
  const atActivation = Math.max(...runs.map((r) => r.atActivation.length));
  return {
    activation_lazy_bundles_loaded: figure({
      label: 'Lazy bundles (commands, crypto, ssh, http) loaded by activation', value: atActivation, unit: 'bundles', digits: 0, target: { equals: 0 },
      detail: { loaded: runs[0].atActivation },
    }),
    lazy_bundle_evaluations: figure({
      label: 'Evaluations of each lazy bundle over two uses (most of any)', value: evaluations, unit: 'times', digits: 0, target: { equals: 1 },
      detail: { evaluated: runs[0].evaluated },
    }),
    first_command_ms: figure({
      label: 'First command, Show Log (loads dist/commands.js)', samples: pick('firstCommandMs'), baselineSamples: pick('secondCommandMs'),
      unit: 'ms', digits: 2, baselineName: 'the second command',
    }),
    first_wallet_import_ms: figure({
      label: 'First wallet import (loads dist/crypto.js, compiles sr25519)', samples: pick('firstCryptoMs'), baselineSamples: pick('secondCryptoMs'),
      unit: 'ms', digits: 1, baselineName: 'the second import',
    }),
    first_ssh_key_pair_ms: figure({
      label: 'First ed25519 key pair (loads dist/ssh.js)', samples: pick('firstSshMs'), baselineSamples: pick('secondSshMs'),
      unit: 'ms', digits: 2, baselineName: 'the second key pair',
    }),
  };
}

export async function measureActivation({ built, smoke }) {
  const reps = smoke ? 1 : 9;
  const production = path.join(built.production, 'extension.js');
  const figures = activationFigures(await loadTimes(production, built.oneBundle, reps));
  Object.assign(figures, await firstUse(built.production, smoke ? 1 : 5));
  return figures;
}
