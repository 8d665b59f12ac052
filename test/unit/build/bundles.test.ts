// The extension's bundle layout (esbuild.js): dist/extension.js holds no crypto, ssh2 or HTTP client and
// requires their bundles on first use; the build refuses an eager import of them; the VSIX ships them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(repoRoot, 'esbuild.js')) as {
  common: esbuild.BuildOptions; lazyBundles: { name: string; module: string }[]; lazyBundlesPlugin: esbuild.Plugin;
};

function build(options: esbuild.BuildOptions): Promise<esbuild.BuildResult & { metafile: esbuild.Metafile }> {
  return esbuild.build({
    ...config.common, absWorkingDir: repoRoot, minify: true, sourcemap: false, write: false, metafile: true, logLevel: 'silent',
    outfile: path.join(repoRoot, 'dist', 'extension.js'), plugins: [config.lazyBundlesPlugin], ...options,
  }) as Promise<esbuild.BuildResult & { metafile: esbuild.Metafile }>;
}

describe('bundles (esbuild.js)', function () {
  this.timeout(60_000);

  it('extension.js requires crypto.js, ssh.js and http.js at run time and contains none of their packages', async () => {
    const r = await build({ entryPoints: ['src/extension.ts'] });
    const text = r.outputFiles![0]!.text;
    assert.deepEqual(config.lazyBundles.map((b) => b.name).sort(), ['crypto', 'http', 'ssh']);
    for (const { name } of config.lazyBundles) assert.ok(text.includes(`require("./${name}.js")`), `no require of ./${name}.js`);
    const packages = new Set(Object.keys(r.metafile.inputs).map((f) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]?.split('/')[0]).filter(Boolean));
    for (const p of ['ssh2', '@polkadot', 'node-fetch', 'whatwg-url', 'tr46']) assert.ok(!packages.has(p), `${p} is in extension.js`);
  });

  it('fails the build when the extension imports a lazy bundle\'s package directly', async () => {
    await assert.rejects(
      build({ stdin: { contents: "import { utils } from 'ssh2'; export const u = utils;", resolveDir: path.join(repoRoot, 'src'), loader: 'ts' } }),
      /would contain .*ssh2.*: import them only through/,
    );
  });

  it('the VSIX ships every lazy bundle (.vscodeignore)', () => {
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const name of ['extension', ...config.lazyBundles.map((b) => b.name)]) assert.ok(ignore.includes(`!dist/${name}.js`), `.vscodeignore leaves out dist/${name}.js`);
  });
});
