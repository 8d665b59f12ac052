// Figure 2: what the VSIX ships for the extension. Ours: the production bundle dist/extension.js
// (`node esbuild.js --production`), raw and gzip -9, and what activation loads: extension.js with the
// shared chunks it requires at load (esbuild.js's buildExtension says which). Baseline: an unbundled VSIX ships the runtime
// dependency closure from node_modules (package.json `dependencies`, recursively, optional ones when
// installed): its on-disk bytes, and the sum of its files gzipped one by one (a VSIX is a zip of files).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { figure } from './results.mjs';
import { repoRoot } from './lib/paths.mjs';

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/** Where `name` resolves from package directory `from` (node_modules lookup up the tree). */
function resolvePackage(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return undefined;
  }
}

function dependencyClosure(root) {
  const seen = new Set();
  const visit = (dir, optional) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const deps = [...Object.keys(pkg.dependencies ?? {}).map((n) => [n, false]), ...Object.keys(pkg.optionalDependencies ?? {}).map((n) => [n, true])];
    for (const [name, isOptional] of deps) {
      const found = resolvePackage(name, dir);
      if (!found && !(optional || isOptional)) throw new Error(`dependency ${name} of ${dir} is not installed`);
      if (found && !seen.has(found)) {
        seen.add(found);
        visit(found, isOptional);
      }
    }
  };
  visit(root, false);
  return [...seen];
}

/** Files of a package, without its nested node_modules (those are packages of their own). */
function packageFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((f) => !path.relative(dir, f).split(path.sep).includes('node_modules'));
}

function closureSize() {
  const packages = dependencyClosure(repoRoot);
  let bytes = 0;
  let gzip = 0;
  let files = 0;
  for (const dir of packages) {
    for (const file of packageFiles(dir)) {
      const buf = fs.readFileSync(file);
      bytes += buf.length;
      gzip += gzipSize(buf);
      files++;
    }
  }
  return { bytes, gzip, files, packages: packages.length };
}

const esbuildConfig = createRequire(path.join(repoRoot, 'package.json'))(path.join(repoRoot, 'esbuild.js'));

/** 250 KB: issue 13's target for the activation bundle (esbuild.js and test/unit/build/bundles.test.ts hold to it too). */
export const BUNDLE_TARGET_BYTES = esbuildConfig.ACTIVATION_LIMIT_BYTES;

/** The files of the production build that activation loads, with their sizes on disk. */
async function activationFiles(dir) {
  const { activation } = await esbuildConfig.buildExtension({ production: true, outdir: dir, write: false });
  return Object.fromEntries(activation.map((f) => [path.basename(f), fs.statSync(path.join(dir, path.basename(f))).size]));
}

export async function measureBundle({ built }) {
  const bundle = fs.readFileSync(path.join(built.production, 'extension.js'));
  const lazyNames = [...esbuildConfig.lazyEntries, ...esbuildConfig.lazyBundles].map((b) => b.name);
  const lazy = Object.fromEntries(lazyNames.map((n) => [`${n}.js`, fs.statSync(path.join(built.production, `${n}.js`)).size]));
  const atActivation = await activationFiles(built.production);
  const activationGzip = Object.keys(atActivation).reduce((sum, f) => sum + gzipSize(fs.readFileSync(path.join(built.production, f))), 0);
  const oneBundle = fs.statSync(built.oneBundle).size;
  const closure = closureSize();
  const name = `unbundled: ${closure.packages} runtime packages from node_modules`;
  const common = { unit: 'bytes', digits: 0, detail: { packages: closure.packages, files: closure.files } };
  return {
    bundle_extension_bytes: figure({
      ...common, detail: { ...common.detail, lazy_bundles_bytes: lazy, one_bundle_as_before_issue_13_bytes: oneBundle }, label: 'dist/extension.js (production)', value: bundle.length, baseline: closure.bytes, baselineName: name, target: { max: BUNDLE_TARGET_BYTES },
    }),
    bundle_activation_bytes: figure({
      ...common, label: 'What activation loads: extension.js and the chunks it requires (production)', value: Object.values(atActivation).reduce((a, b) => a + b, 0),
      baseline: closure.bytes, baselineName: name, target: { max: BUNDLE_TARGET_BYTES },
      detail: { ...common.detail, files_bytes: atActivation, gzip_bytes: activationGzip },
    }),
    bundle_extension_gzip_bytes: figure({
      ...common, label: 'dist/extension.js gzip -9', value: gzipSize(bundle), baseline: closure.gzip, baselineName: `${name}, per-file gzip -9`,
    }),
  };
}
