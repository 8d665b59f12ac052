// A minimal zh-cn language pack, built here (no download). VS Code, and so code-server, switches its
// display language only to a locale an installed pack contributes (`contributes.localizations`); only
// then do extensions run with vscode.env.language = 'zh-cn' and read package.nls.zh-cn.json and
// l10n/bundle.l10n.zh-cn.json. The pack translates a few workbench strings (activity bar, panels) so a
// screenshot reads as a Chinese VS Code; everything else in the workbench stays English.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { installVsix } from './code-server.mjs';
import { outputDir } from './paths.mjs';

export const ZH_CN = 'zh-cn';

/** Workbench strings by module and key (code-server 4.100.3's out/nls.keys.json), in VS Code's own words. */
const WORKBENCH = {
  'vs/workbench/contrib/files/browser/explorerViewlet': { explore: '资源管理器' },
  'vs/workbench/contrib/search/browser/search.contribution': { search: '搜索' },
  'vs/workbench/contrib/scm/browser/scm.contribution': { 'source control': '源代码管理' },
  'vs/workbench/contrib/debug/browser/debug.contribution': { 'run and debug': '运行和调试', debugPanel: '调试控制台' },
  'vs/workbench/contrib/extensions/browser/extensions.contribution': { extensions: '扩展' },
  'vs/workbench/contrib/outline/browser/outline.contribution': { name: '大纲' },
  'vs/workbench/contrib/output/browser/output.contribution': { output: '输出' },
  'vs/workbench/contrib/markers/browser/markers.contribution': { problems: '问题' },
  'vs/workbench/contrib/terminal/browser/terminal.contribution': { terminal: '终端' },
  'vs/workbench/contrib/remote/browser/remoteExplorer': { ports: '端口' },
  'vs/workbench/browser/parts/globalCompositeBar': { manage: '管理', accounts: '账户' },
};

const PACK = { publisher: 'dbc-e2e', name: 'dbc-e2e-language-pack-zh-cn', version: '1.0.0' };

function manifest() {
  return {
    ...PACK,
    displayName: 'Chinese (Simplified) test language pack for the DBC e2e tests',
    description: 'A few workbench strings; built by scripts/e2e/lib/language-pack.mjs, never published.',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId: ZH_CN, languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)',
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  };
}

/**
 * Builds the pack as a .vsix under .test-output/language-pack/ (once per content; about a second) and
 * returns its path, for `code-server --install-extension`.
 */
export async function zhCnLanguagePack() {
  const dir = outputDir('language-pack');
  const src = path.join(dir, 'src');
  const vsix = path.join(dir, 'dbc-e2e-language-pack-zh-cn.vsix');
  const files = {
    'package.json': `${JSON.stringify(manifest(), null, 2)}\n`,
    'translations/main.i18n.json': `${JSON.stringify({ version: '1.0.0', contents: WORKBENCH }, null, 2)}\n`,
    'README.md': '# zh-cn test language pack\n\nBuilt by the DBC e2e harness so that code-server runs with `--locale zh-cn`.\n',
    'LICENSE': 'MIT\n',
  };
  const same = fs.existsSync(vsix) && Object.entries(files).every(([f, text]) => fs.existsSync(path.join(src, f)) && fs.readFileSync(path.join(src, f), 'utf8') === text);
  if (same) return vsix;
  fs.rmSync(src, { recursive: true, force: true });
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
    fs.writeFileSync(path.join(src, f), text);
  }
  await createVSIX({ cwd: src, packagePath: vsix, dependencies: false, allowMissingRepository: true });
  return vsix;
}

/**
 * Installs the pack into code-server's extensions folder and registers it in `<userDataDir>/languagepacks.json`,
 * which the server reads to resolve `--locale`. VS Code's server writes that file only once its language
 * pack service has run (the UI's "Configure Display Language"), so the harness writes the same entry
 * (vs/platform/languagePacks/node/languagePacks.ts: hash, label, extensions, translations) itself.
 */
export async function installZhCnLanguagePack({ userDataDir, extensionsDir }) {
  installVsix(await zhCnLanguagePack(), { userDataDir, extensionsDir });
  const id = `${PACK.publisher}.${PACK.name}`;
  const translations = path.join(extensionsDir, `${id}-${PACK.version}`, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) throw new Error(`the language pack did not install: ${translations} is missing`);
  const entry = {
    hash: crypto.createHash('md5').update(`${id}@${PACK.version}`).digest('hex'),
    label: '中文(简体)',
    extensions: [{ extensionIdentifier: { id }, version: PACK.version }],
    translations: { vscode: translations },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [ZH_CN]: entry }));
}
