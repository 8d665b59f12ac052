// Bundles the extension, the `dbc` CLI and the `dbc-sim` simulator into dist/ (CommonJS, node).
// Usage: node esbuild.js [--production] [--watch] [--outdir DIR]   (DIR: default dist; the bench builds aside)
//
// The extension is split: dist/extension.js is what VS Code loads at activation; the polkadot crypto
// (dist/crypto.js), ssh2 (dist/ssh.js) and node-fetch (dist/http.js) are bundles of their own that it
// requires on first use (the first signature, the first SSH key operation or login, the first request). In extension.js the modules named in
// `lazyBundles` are replaced by `module.exports = require('./<name>.js')`, evaluated when first imported.
// The build fails if a package that belongs in a lazy bundle reaches extension.js anyway.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

// ssh2 loads these optional native speed-ups inside try/catch; it falls back to pure JS without them.
const optionalNative = ['cpu-features', './crypto/build/Release/sshcrypto.node'];
// node-fetch 3 (fetch-blob) requires this polyfill only where globalThis.ReadableStream is missing: never
// on Node ≥ 18 (VS Code's, and engines.node), so it is left out of the bundles (60 KB).
const neverLoaded = ['web-streams-polyfill', 'web-streams-polyfill/*'];

/** Modules of the extension that are bundles of their own, loaded on first use. */
const lazyBundles = [
  { name: 'crypto', module: 'src/auth/cryptoBundle.ts' },
  { name: 'ssh', module: 'src/ssh/core/ssh2Bundle.ts' },
  { name: 'http', module: 'src/api/nodeFetchBundle.ts' },
];

/** Packages that must never be in dist/extension.js (they are in a lazy bundle, or replaced). */
const notAtActivation = /(?:^|\/)node_modules\/(ssh2|@polkadot|@noble|@scure|tweetnacl|bn\.js|bcrypt-pbkdf|node-fetch|fetch-blob|whatwg-url|tr46|webidl-conversions)\//;

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

/** In extension.js: each lazy module becomes a require of its bundle, next to extension.js at run time. */
const lazyBundlesPlugin = {
  name: 'dbc-lazy-bundles',
  setup(build) {
    const byPath = new Map(lazyBundles.map((b) => [path.resolve(b.module).replace(/\.ts$/, ''), b.name]));
    build.onResolve({ filter: /Bundle$/ }, (args) => {
      const name = byPath.get(path.resolve(args.resolveDir, args.path));
      return name ? { path: name, namespace: 'dbc-lazy' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'dbc-lazy' }, (args) => ({ contents: `module.exports = require('./${args.path}.js');`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/\w+\.js$/, namespace: 'dbc-lazy' }, (args) => ({ path: args.path, external: true }));
    build.onEnd((result) => {
      if (!result.metafile) return;
      const leaked = new Set(Object.keys(result.metafile.inputs).map((f) => notAtActivation.exec(f)?.[1]).filter(Boolean));
      if (leaked.size > 0) {
        throw new Error(`dist/extension.js would contain ${[...leaked].join(', ')}: import them only through src/auth/crypto.ts, `
          + 'src/ssh/core/ssh2Lib.ts or src/api/nodeFetch.ts (lazy bundles)');
      }
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
  external: ['vscode', ...optionalNative, ...neverLoaded],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ES build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  plugins: watch ? [problemMatcher] : [],
};

const shebang = { js: '#!/usr/bin/env node' };
const out = (name) => path.join(outdir, `${name}.js`);
const targets = [
  { entryPoints: ['src/extension.ts'], outfile: out('extension'), metafile: true, plugins: [...common.plugins, lazyBundlesPlugin] },
  ...lazyBundles.map((b) => ({ entryPoints: [b.module], outfile: out(b.name) })),
  { entryPoints: ['src/cli/main.ts'], outfile: out('cli'), banner: shebang },
  { entryPoints: ['src/sim/main.ts'], outfile: out('sim'), banner: shebang },
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

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}

module.exports = { common, lazyBundles, lazyBundlesPlugin };
