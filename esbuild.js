// Bundles the extension, the `dbc` CLI and the `dbc-sim` simulator into dist/ (CommonJS, node).
// Usage: node esbuild.js [--production] [--watch] [--outdir DIR]   (DIR: default dist; the bench builds aside)
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

// ssh2 loads these optional native speed-ups inside try/catch; it falls back to pure JS without them.
const optionalNative = ['cpu-features', './crypto/build/Release/sshcrypto.node'];

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  external: ['vscode', ...optionalNative],
  plugins: watch ? [problemMatcher] : [],
};

const shebang = { js: '#!/usr/bin/env node' };
const targets = [
  { entryPoints: ['src/extension.ts'], outfile: path.join(outdir, 'extension.js') },
  { entryPoints: ['src/cli/main.ts'], outfile: path.join(outdir, 'cli.js'), banner: shebang },
  { entryPoints: ['src/sim/main.ts'], outfile: path.join(outdir, 'sim.js'), banner: shebang },
];

async function main() {
  // A production build must not ship source maps left over from a development build.
  if (production) fs.rmSync(outdir, { recursive: true, force: true });
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...common, ...t })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
