// Figure 1a: activation cost of the production bundle in plain Node (a vscode stub module; the real-host
// figure is in host.mjs). Each sample is a fresh process: process start → activate() returned, module
// load, and activate() itself. Baseline: the same with @polkadot/util-crypto (bundled and minified like
// the extension) loaded eagerly and cryptoWaitReady() awaited in activate(), i.e. without lazy crypto.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure } from './results.mjs';
import { repoRoot, tmpDir } from './lib/paths.mjs';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'activation-child.mjs');
const esbuild = createRequire(path.join(repoRoot, 'package.json'))('esbuild');

/** @polkadot/util-crypto bundled and minified like the extension (the eager-crypto baseline). */
export function stageCryptoBundle() {
  const crypto = path.join(tmpDir('util-crypto'), 'util-crypto.js');
  esbuild.buildSync({
    stdin: { contents: "module.exports = require('@polkadot/util-crypto');", resolveDir: repoRoot },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile: crypto, logLevel: 'warning',
  });
  return crypto;
}

async function sample(args) {
  const { stdout } = await promisify(execFile)(process.execPath, [child, ...args]);
  return JSON.parse(stdout.trim());
}

export async function measureActivation({ built, smoke }) {
  const reps = smoke ? 1 : 7;
  const bundles = { extension: path.join(built.production, 'extension.js'), crypto: stageCryptoBundle() };
  const lazy = [];
  const eager = [];
  await sample([bundles.extension]); // warm the file cache
  await sample([bundles.extension, bundles.crypto]);
  for (let i = 0; i < reps; i++) {
    lazy.push(await sample([bundles.extension]));
    eager.push(await sample([bundles.extension, bundles.crypto]));
  }
  const pick = (list, key) => list.map((s) => s[key]);
  const name = 'eager crypto at activation';
  const common = { unit: 'ms', baselineName: name, digits: 1 };
  return {
    activation_node_since_start_ms: figure({
      ...common, label: 'Node process start → activate() returned (production bundle, vscode stub)', samples: pick(lazy, 'sinceStartMs'), baselineSamples: pick(eager, 'sinceStartMs'),
      detail: { stub_stood_in_for: lazy[0].autoStubbed },
    }),
    activation_node_module_load_ms: figure({ ...common, label: 'require(dist/extension.js)', samples: pick(lazy, 'loadMs'), baselineSamples: pick(eager, 'loadMs') }),
    activation_node_activate_ms: figure({ ...common, label: 'activate() itself', samples: pick(lazy, 'activateMs'), baselineSamples: pick(eager, 'activateMs') }),
  };
}
