// Bundles the extension, the `dbc` CLI and the `dbc-sim` simulator into dist/ (CommonJS, node).
// Usage: node esbuild.js [--production] [--watch] [--outdir DIR]   (DIR: default dist; the bench builds aside)
//
// The extension is split so that activation parses only what it runs:
// - dist/extension.js and the chunks it requires at load (dist/chunk-*.js) are what VS Code loads at
//   activation: services, trees, registration. Their sum must stay ≤ 250 KB (ACTIVATION_LIMIT_BYTES;
//   test/unit/build/bundles.test.ts fails above it, and a production build says so).
// - Our own code that activation does not need is imported with `import()` and becomes a bundle of its
//   own: `lazyEntries` (dist/commands.js: every command handler and the flows they use), and any other
//   module imported with `import()` (a chunk). Modules used on both sides exist once, in a shared chunk,
//   so classes (instanceof) and module state are never duplicated.
// - Third-party libraries that activation never needs are bundles of their own required on first use:
//   `lazyBundles` (the polkadot crypto, ssh2, node-fetch). The build fails if one of their packages
//   reaches any other file of the extension.
// esbuild splits only ES modules, so the extension is built as ESM with splitting (pass 1, in memory) and
// each file is then turned into CommonJS (pass 2): `import()` of a file becomes a `require` on first use.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

/** Issue 13: what activation loads (extension.js and the chunks it requires at load), minified. */
const ACTIVATION_LIMIT_BYTES = 250_000;

// ssh2 loads these optional native speed-ups inside try/catch; it falls back to pure JS without them.
const optionalNative = ['cpu-features', './crypto/build/Release/sshcrypto.node'];
// node-fetch 3 (fetch-blob) requires this polyfill only where globalThis.ReadableStream is missing: never
// on Node ≥ 18 (VS Code's, and engines.node), so it is left out of the bundles (60 KB).
const neverLoaded = ['web-streams-polyfill', 'web-streams-polyfill/*'];

/** Third-party libraries in bundles of their own, loaded on first use (src/auth/crypto.ts, src/ssh/core/ssh2Lib.ts, src/api/nodeFetch.ts). */
const lazyBundles = [
  { name: 'crypto', module: 'src/auth/cryptoBundle.ts' },
  { name: 'ssh', module: 'src/ssh/core/ssh2Bundle.ts' },
  { name: 'http', module: 'src/api/nodeFetchBundle.ts' },
];

/** Our own code that activation imports with `import()`, under a fixed name (src/commands/lazyCommands.ts). */
const lazyEntries = [
  { name: 'commands', module: 'src/commands/registerCommands.ts' },
];

/** Packages that must never be in the extension's own files (they are in a lazy bundle, or replaced). */
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

/** Each lazy bundle's module becomes the file ./<name>.js next to the extension's files at run time. */
const lazyBundlesPlugin = {
  name: 'dbc-lazy-bundles',
  setup(build) {
    const byPath = new Map(lazyBundles.map((b) => [path.resolve(b.module).replace(/\.ts$/, ''), b.name]));
    build.onResolve({ filter: /Bundle$/ }, (args) => {
      const name = byPath.get(path.resolve(args.resolveDir, args.path));
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
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

/** Pass 1 of the extension: ES modules split into entries and shared chunks, in memory. */
function splitOptions(options) {
  const dev = !options.production;
  return {
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: Object.fromEntries([['extension', 'src/extension.ts'], ...lazyEntries.map((e) => [e.name, e.module])]),
    outdir: options.outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    metafile: true,
    write: false,
    plugins: [lazyBundlesPlugin, ...(options.plugins ?? [])],
  };
}

/** Pass 2: each file of pass 1 as CommonJS; files it imports stay separate, `import()` of one becomes a require when it runs. */
async function toCommonJs(split, options) {
  const files = new Map(split.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [f.path, f.text]));
  const dir = path.resolve(options.outdir);
  const asFiles = {
    name: 'dbc-esm-to-cjs',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: args.path };
        if (args.kind === 'dynamic-import' && args.path.startsWith('./')) return { path: args.path, namespace: 'dbc-on-first-use' };
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'dbc-on-first-use' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: dir }));
      build.onLoad({ filter: /.*/ }, (args) => (files.has(args.path) ? { contents: files.get(args.path), loader: 'js', resolveDir: dir } : undefined));
    },
  };
  const dev = !options.production;
  const result = await esbuild.build({
    entryPoints: [...files.keys()], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outdir: dir, entryNames: '[name]',
    minify: !dev, sourcemap: dev, sourcesContent: false, logLevel: 'warning', write: false, allowOverwrite: true, plugins: [asFiles],
  });
  return result.outputFiles;
}

/** The files activation loads: extension.js and, transitively, what it imports statically (not `import()`, not lazy bundles). */
function activationFiles(metafile, dir) {
  const outputs = new Map(Object.entries(metafile.outputs).map(([f, o]) => [path.basename(f), o]));
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !outputs.has(name)) return;
    seen.add(name);
    for (const i of outputs.get(name).imports) if (i.kind === 'import-statement' && !i.external) visit(path.basename(i.path));
  };
  visit('extension.js');
  return [...seen].map((name) => path.join(dir, name));
}

/**
 * Builds the split extension into `outdir`. Returns its files (path → text), the files activation loads and
 * their size. `write: false` builds in memory only (tests).
 */
async function buildExtension(options) {
  const split = await esbuild.build(splitOptions(options));
  return finishExtension(split, options);
}

async function finishExtension(split, options) {
  const dir = path.resolve(options.outdir);
  const outputs = await toCommonJs(split, options);
  const files = new Map(outputs.map((f) => [f.path, f.contents]));
  const activation = activationFiles(split.metafile, dir);
  const activationBytes = activation.reduce((sum, f) => sum + files.get(f).length, 0);
  if (options.write !== false) writeFiles(dir, files);
  return { files, activation, activationBytes, metafile: split.metafile };
}

/** Writes the extension's files and removes chunks of earlier builds. */
function writeFiles(dir, files) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, contents] of files) fs.writeFileSync(file, contents);
  for (const name of fs.readdirSync(dir)) {
    if (/^chunk-\w+\.js(\.map)?$/.test(name) && !files.has(path.join(dir, name))) fs.rmSync(path.join(dir, name));
  }
}

function reportActivationSize({ activation, activationBytes }) {
  if (activationBytes <= ACTIVATION_LIMIT_BYTES) return;
  console.warn(`✘ activation loads ${activationBytes} bytes (${activation.map((f) => path.basename(f)).join(' + ')}), over the limit of `
    + `${ACTIVATION_LIMIT_BYTES}: load what activation does not need with import() (see esbuild.js and docs/benchmarks.md)`);
}

const shebang = { js: '#!/usr/bin/env node' };
const out = (name) => path.join(outdir, `${name}.js`);
const targets = [
  ...lazyBundles.map((b) => ({ entryPoints: [b.module], outfile: out(b.name) })),
  { entryPoints: ['src/cli/main.ts'], outfile: out('cli'), banner: shebang },
  { entryPoints: ['src/sim/main.ts'], outfile: out('sim'), banner: shebang },
];

/** In watch mode: pass 2 runs after every rebuild of pass 1, before the problem matcher's 'build finished'. */
function watchExtension(options) {
  const finish = {
    name: 'dbc-finish-extension',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length === 0) await finishExtension(result, options);
      });
    },
  };
  return esbuild.context({ ...splitOptions(options), plugins: [lazyBundlesPlugin, finish, problemMatcher] });
}

async function main() {
  // A production build must not ship source maps left over from a development build.
  if (production) fs.rmSync(outdir, { recursive: true, force: true });
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...common, ...t })));
  if (watch) {
    const extension = await watchExtension({ production, outdir });
    await Promise.all([extension, ...contexts].map((c) => c.watch()));
    return;
  }
  const [extension] = await Promise.all([buildExtension({ production, outdir }), ...contexts.map((c) => c.rebuild())]);
  if (production) reportActivationSize(extension);
  await Promise.all(contexts.map((c) => c.dispose()));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}

module.exports = { common, lazyBundles, lazyEntries, lazyBundlesPlugin, buildExtension, ACTIVATION_LIMIT_BYTES };
