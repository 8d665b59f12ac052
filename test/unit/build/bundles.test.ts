// The extension's bundle layout (esbuild.js): what activation loads stays ≤ 250 KB; the command handlers
// are a bundle of their own (dist/commands.js) loaded on the first command; the crypto, ssh2 and the HTTP
// client are required on first use and their packages are in no other file; the VSIX ships every file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

interface ExtensionBuild {
  files: Map<string, Uint8Array>;
  activation: string[];
  activationBytes: number;
  metafile: esbuild.Metafile;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(repoRoot, 'esbuild.js')) as {
  common: esbuild.BuildOptions; lazyBundles: { name: string; module: string }[]; lazyEntries: { name: string; module: string }[];
  lazyBundlesPlugin: esbuild.Plugin; ACTIVATION_LIMIT_BYTES: number;
  buildExtension(options: { production: boolean; outdir: string; write?: boolean }): Promise<ExtensionBuild>;
};

const dist = path.join(repoRoot, 'dist');
const text = (b: ExtensionBuild, name: string): string => Buffer.from(b.files.get(path.join(dist, name))!).toString('utf8');

/** The source files each output of pass 1 holds, and their share of it (bytes before the CommonJS pass). */
function inputsOf(b: ExtensionBuild, name: string): [string, number][] {
  const output = Object.entries(b.metafile.outputs).find(([f]) => path.basename(f) === name)?.[1];
  return Object.entries(output?.inputs ?? {}).map(([f, i]) => [f, i.bytesInOutput]);
}

describe('bundles (esbuild.js)', function () {
  this.timeout(60_000);
  let production: ExtensionBuild;

  before(async () => {
    production = await config.buildExtension({ production: true, outdir: dist, write: false });
  });

  it(`activation loads at most ${config.ACTIVATION_LIMIT_BYTES.toLocaleString('en')} bytes (production, minified)`, () => {
    const names = production.activation.map((f) => path.basename(f));
    assert.ok(names.includes('extension.js'));
    const biggest = names.flatMap((n) => inputsOf(production, n)).sort((a, b) => b[1] - a[1]).slice(0, 12);
    assert.ok(production.activationBytes <= config.ACTIVATION_LIMIT_BYTES,
      `activation loads ${production.activationBytes} bytes (${names.join(' + ')}). Load what activation does not need with import() `
      + `(see esbuild.js). Largest modules: ${biggest.map(([f, n]) => `${f} ${n}`).join(', ')}`);
  });

  it('loads the command handlers and their flows from dist/commands.js, not at activation', () => {
    assert.deepEqual(config.lazyEntries.map((e) => e.name), ['commands']);
    const names = production.activation.map((f) => path.basename(f));
    assert.ok(!names.includes('commands.js'));
    const atActivation = names.flatMap((n) => inputsOf(production, n)).map(([f]) => f);
    for (const module of ['src/commands/registerCommands.ts', 'src/commands/vmCreate.ts', 'src/flows/create/submitCreate.ts', 'src/flows/connect/connect.ts']) {
      assert.ok(fs.existsSync(path.join(repoRoot, module)), `${module} moved: update this test`);
      assert.ok(!atActivation.includes(module), `${module} is loaded at activation`);
    }
    assert.match(text(production, 'extension.js'), /require\("\.\/commands\.js"\)/);
  });

  it('has each module once: what both sides use is in a chunk that both require', () => {
    const owners = new Map<string, string[]>();
    for (const [file, output] of Object.entries(production.metafile.outputs)) {
      for (const input of Object.keys(output.inputs)) owners.set(input, [...(owners.get(input) ?? []), path.basename(file)]);
    }
    const twice = [...owners].filter(([, files]) => files.length > 1);
    assert.deepEqual(twice, []);
    assert.ok(production.activation.some((f) => /chunk-\w+\.js$/.test(f)), 'no shared chunk');
  });

  it('requires crypto.js, ssh.js and http.js on first use and has none of their packages in its own files', () => {
    assert.deepEqual(config.lazyBundles.map((b) => b.name).sort(), ['crypto', 'http', 'ssh']);
    const all = [...production.files].filter(([f]) => f.endsWith('.js')).map(([, c]) => Buffer.from(c).toString('utf8')).join('\n');
    for (const { name } of config.lazyBundles) assert.match(all, new RegExp(`\\("\\./${name}\\.js"\\)`), `no require of ./${name}.js`);
    const packages = new Set(Object.keys(production.metafile.inputs).map((f) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]?.split('/')[0]).filter(Boolean));
    for (const p of ['ssh2', '@polkadot', 'node-fetch', 'whatwg-url', 'tr46']) assert.ok(!packages.has(p), `${p} is in the extension's files`);
  });

  it('fails the build when the extension imports a lazy bundle\'s package directly', async () => {
    await assert.rejects(
      esbuild.build({
        ...config.common, format: 'esm', absWorkingDir: repoRoot, write: false, metafile: true, logLevel: 'silent', outfile: path.join(dist, 'extension.js'),
        plugins: [config.lazyBundlesPlugin], stdin: { contents: "import { utils } from 'ssh2'; export const u = utils;", resolveDir: path.join(repoRoot, 'src'), loader: 'ts' },
      }),
      /would contain .*ssh2.*: import them only through/,
    );
  });

  it('the VSIX ships every file of the extension (.vscodeignore)', () => {
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const name of ['extension', ...config.lazyBundles.map((b) => b.name), ...config.lazyEntries.map((e) => e.name)]) {
      assert.ok(ignore.includes(`!dist/${name}.js`), `.vscodeignore leaves out dist/${name}.js`);
    }
    assert.ok(ignore.includes('!dist/chunk-*.js'), '.vscodeignore leaves out the shared chunks');
  });

  it('built as files, activates without loading a lazy file and loads dist/commands.js once, on the first command', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-bundles-'));
    try {
      await config.buildExtension({ production: true, outdir: dir });
      for (const { name, module } of config.lazyBundles) {
        await esbuild.build({ ...config.common, absWorkingDir: repoRoot, minify: true, sourcemap: false, logLevel: 'silent', entryPoints: [module], outfile: path.join(dir, `${name}.js`) });
      }
      const script = path.join(repoRoot, 'test', 'unit', 'build', 'support', 'firstCommand.mjs');
      const report = JSON.parse(execFileSync(process.execPath, [script, repoRoot, dir], { encoding: 'utf8' })) as Record<string, string[]>;
      assert.deepEqual(report.lazyAtActivation, []);
      assert.deepEqual(report.lazyAfterFirstCommand, ['commands.js']);
      assert.deepEqual(report.evaluatedTwice, []);
      assert.deepEqual(report.errors, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
