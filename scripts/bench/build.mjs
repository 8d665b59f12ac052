// What the bench needs built: out/ (tsc, for the layers it drives) and the production bundles, built
// aside into the scratch folder so that dist/ (the development build others run) is never touched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot, tmpDir } from './lib/paths.mjs';

function node(args) {
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
}

/** The compiled modules the measurements load; missing ones make the run fail before measuring. */
const NEEDED = ['src/tree/model/refreshScheduler.js', 'src/cli/main.js', 'src/sim/index.js', 'src/sim/demo.js', 'src/core/logFollower.js'];

/** tsc emits even with type errors (another layer's work in progress); only missing output is fatal. */
export function compileOut() {
  try {
    node([path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
  } catch {
    console.warn('[bench] tsc reported errors; measuring what it emitted');
  }
  assertCompiled();
}

export function assertCompiled() {
  for (const f of NEEDED) {
    if (!fs.existsSync(path.join(repoRoot, 'out', f))) throw new Error(`out/${f} is missing: run "npx tsc -p tsconfig.test.json"`);
  }
}

/** `node esbuild.js --production` into a scratch folder; returns that folder (extension.js and its lazy bundles). */
export function buildProduction() {
  const dir = tmpDir('production');
  node(['esbuild.js', '--production', '--outdir', dir]);
  return dir;
}

/**
 * The baseline of the activation figures: the extension as one bundle, laid out as at 0f7cd57 (before
 * issue 13) but from this commit's source — the polkadot crypto bundled behind a lazy wrapper (parsed at
 * load, evaluated on first use), ssh2 and node-fetch 2 (with whatwg-url and tr46; the devDependency
 * `node-fetch-v2`) evaluated at load. Returns the file.
 */
export async function buildOneBundleBaseline() {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const esbuild = require('esbuild');
  const { common } = require(path.join(repoRoot, 'esbuild.js'));
  const outfile = path.join(tmpDir('one-bundle'), 'extension.js');
  const nodeFetch2 = {
    name: 'node-fetch-2',
    setup(build) {
      build.onResolve({ filter: /^node-fetch$/ }, () => ({ path: require.resolve('node-fetch-v2') }));
    },
  };
  await esbuild.build({
    ...common, minify: true, sourcemap: false, outfile, plugins: [nodeFetch2],
    stdin: {
      contents: "require('ssh2'); require('node-fetch'); module.exports = require('./src/extension.ts');",
      resolveDir: repoRoot, loader: 'js',
    },
  });
  return outfile;
}
