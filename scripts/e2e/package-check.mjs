#!/usr/bin/env node
// The package tier: what the marketplace and Open VSX get. `npm run package:vsix` must build a .vsix
// without prompts or warnings; it must install into code-server with `--install-extension` (a fresh
// profile, as a user's editor would) carrying exactly the files the extension needs, the 128×128 icon and
// the gallery fields; and the installed copy must work: its DBC view opens in a browser.
// Usage: node scripts/e2e/package-check.mjs   Writes $DBC_TEST_RESULTS, prints "N passed, M failed".
// Runs `vsce package`, whose prepublish step rebuilds dist/ in production mode (npm test runs it last).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  closeBrowser, crashResults, installSignalHandlers, installVsix, launchBrowser, makeWorkspace, onInterrupt, openViewContainer,
  openWorkbench, outputDir, removeDir, repoRoot, scratchDir, startCodeServer, subdir, summaryLine, waitForActivityEntry, writeResults,
} from './lib.mjs';

const out = outputDir('package');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`;

/** VS Code's allowed categories (vscode-vsce's validation list, as of VS Code 1.100). */
const ALLOWED_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters',
  'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization'];
/** What the installed extension must hold, and what must never ship. */
const REQUIRED = ['package.json', 'dist/extension.js', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json',
  'media/icon.png', 'media/dbc.svg', 'media/schemas/vm-profile.schema.json', 'readme.md', 'changelog.md', 'LICENSE.txt']; // vsce lowercases the first two
const FORBIDDEN = ['src', 'test', 'scripts', 'node_modules', 'out', '.vscode', '.test-output', 'dist/extension.js.map'];
const MAX_VSIX_BYTES = 5 * 1024 * 1024;

const results = { passes: 0, failures: 0, failed: [] };
function check(title, ok, error = '') {
  if (ok) results.passes += 1;
  else results.failed.push({ title: `package: ${title}`, error });
  results.failures = results.failed.length;
  console.log(`${ok ? '✔' : '✘'} ${title}${ok ? '' : `: ${error}`}`);
}

function packageVsix() {
  const vsix = path.join(out, `${pkg.name}-${pkg.version}.vsix`);
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package:vsix', '--', '--out', vsix], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout}${r.stderr}`;
  fs.writeFileSync(path.join(out, 'vsce.log'), output);
  const warnings = output.split('\n').filter((l) => /WARNING|ERROR/.test(l));
  check('npm run package:vsix builds the .vsix without warnings', r.status === 0 && fs.existsSync(vsix) && warnings.length === 0,
    `exit ${r.status}; ${warnings.join(' | ') || output.slice(-500)}`);
  if (fs.existsSync(vsix)) check(`the .vsix stays under ${MAX_VSIX_BYTES >> 20} MB`, fs.statSync(vsix).size < MAX_VSIX_BYTES, `${fs.statSync(vsix).size} bytes`);
  return fs.existsSync(vsix) ? vsix : null;
}

function pngSize(file) {
  const head = fs.readFileSync(file).subarray(0, 26);
  const isPng = head.subarray(1, 4).toString() === 'PNG';
  return isPng ? { width: head.readUInt32BE(16), height: head.readUInt32BE(20), rgba: head[25] === 6 } : null;
}

/** The files of `dist` that `name` requires, directly or through each other (missing ones included, not followed). */
function requiredFiles(dist, name) {
  const found = new Set();
  const visit = (file) => {
    const p = path.join(dist, file);
    const text = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
    for (const m of text.matchAll(/\("\.\/([\w-]+\.js)"\)/g)) {
      if (!found.has(m[1])) {
        found.add(m[1]);
        visit(m[1]);
      }
    }
  };
  visit(name);
  return [...found];
}

function checkInstalled(extensionsDir) {
  const dir = path.join(extensionsDir, `${extensionId}-${pkg.version}`);
  const installed = fs.existsSync(dir) ? JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) : null;
  check(`installs as ${extensionId}-${pkg.version}`, installed?.version === pkg.version, `${dir} missing`);
  if (!installed) return;
  // plus every file dist/extension.js requires, at load or on first use, and what those require ("./chunk-….js", "./crypto.js" …, see esbuild.js)
  const lazy = requiredFiles(path.join(dir, 'dist'), 'extension.js').map((f) => `dist/${f}`);
  const missing = [...REQUIRED, ...lazy].filter((f) => !fs.existsSync(path.join(dir, f)));
  check(`carries what the extension needs (with ${lazy.length} bundles and chunks it requires)`, missing.length === 0, `missing ${missing.join(', ')}`);
  const shipped = FORBIDDEN.filter((f) => fs.existsSync(path.join(dir, f)));
  check('ships no sources, tests, scripts, node_modules or source maps', shipped.length === 0, `shipped ${shipped.join(', ')}`);
  const icon = installed.icon && pngSize(path.join(dir, installed.icon));
  check('has a 128×128 PNG icon with transparency', icon?.width === 128 && icon?.height === 128 && icon.rgba, JSON.stringify(icon));
  const badCategories = (installed.categories ?? []).filter((c) => !ALLOWED_CATEGORIES.includes(c));
  check('uses allowed categories only, not just "Other"', badCategories.length === 0 && installed.categories.some((c) => c !== 'Other'),
    JSON.stringify(installed.categories));
  const gallery = [installed.qna === false, /^#[0-9a-f]{6}$/i.test(installed.galleryBanner?.color ?? ''),
    ['dark', 'light'].includes(installed.galleryBanner?.theme), /^https:\/\//.test(installed.bugs?.url ?? ''), /^https:\/\//.test(installed.homepage ?? '')];
  check('has bugs, homepage, galleryBanner and qna: false', gallery.every(Boolean), JSON.stringify({
    qna: installed.qna, galleryBanner: installed.galleryBanner, bugs: installed.bugs, homepage: installed.homepage,
  }));
}

/** The installed .vsix (no development path) in a real workbench: the DBC view opens and asks for GPU nodes. */
async function openInstalled(scratch, userDataDir, extensionsDir) {
  const cs = await startCodeServer({
    userDataDir, extensionsDir, folder: makeWorkspace(subdir(scratch, 'workspace')), logFile: path.join(out, 'code-server.log'),
  });
  onInterrupt(cs.stop);
  let browser;
  try {
    browser = await launchBrowser({ profileDir: subdir(scratch, 'chromium') });
    await openWorkbench(browser.page, cs.folderUrl);
    await waitForActivityEntry(browser.page, 'DBC');
    await openViewContainer(browser.page, 'DBC');
    await browser.page.locator('.part.sidebar .welcome-view-content', { hasText: 'Add the GPU nodes you rent' }).first().waitFor();
    await browser.page.screenshot({ path: path.join(out, 'installed.png') });
    check('the installed extension opens its DBC view in code-server', true);
  } catch (e) {
    await browser?.page.screenshot({ path: path.join(out, 'installed-failed.png') }).catch(() => {});
    check('the installed extension opens its DBC view in code-server', false, e.message.split('\n')[0]);
  } finally {
    await closeBrowser(browser);
    await cs.stop();
  }
}

/** media/icon.png is drawn from media/dbc.svg by scripts/icon.mjs: the script must still produce it. */
function renderIcon() {
  const file = path.join(out, 'icon.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'icon.mjs'), '--out', file], { encoding: 'utf8' });
  const size = fs.existsSync(file) ? pngSize(file) : null;
  check('scripts/icon.mjs renders the 128×128 icon from media/dbc.svg', r.status === 0 && size?.width === 128 && size?.height === 128,
    `exit ${r.status}; ${JSON.stringify(size)} ${r.stderr.slice(-300)}`);
}

async function main() {
  installSignalHandlers();
  const scratch = scratchDir('package');
  try {
    renderIcon();
    const vsix = packageVsix();
    if (vsix) {
      const userDataDir = subdir(scratch, 'user-data');
      const extensionsDir = subdir(scratch, 'extensions');
      let output = '';
      try {
        output = installVsix(vsix, { userDataDir, extensionsDir });
      } catch (e) {
        output = `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`;
      }
      check('code-server --install-extension accepts it', /was successfully installed/.test(output), output.trim().slice(-300));
      checkInstalled(extensionsDir);
      await openInstalled(scratch, userDataDir, extensionsDir);
    }
  } catch (e) {
    console.error(e);
    Object.assign(results, crashResults('package: harness', e));
  } finally {
    removeDir(scratch);
  }
  writeResults(results);
  console.log(summaryLine(results));
  process.exit(results.failures ? 1 : 0);
}

await main();
