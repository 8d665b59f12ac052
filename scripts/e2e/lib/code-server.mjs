// code-server (VS Code 1.100.3 in the browser, with a real Node extension host) on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { codeServerBin, installScript } from './paths.mjs';
import { freePort, waitForHttpOk } from './ports.mjs';
import { spawnTracked, stopTracked } from './processes.mjs';

/** Keeps the workbench quiet, offline and free of animations (recipe: "What the scripts do", pitfall 6). */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.reduceMotion': 'on',
  'git.enabled': false,
};

export function codeServerInstalled() {
  return fs.existsSync(codeServerBin);
}

export function assertCodeServerInstalled() {
  if (!codeServerInstalled()) {
    throw new Error(`code-server not found at ${codeServerBin}: run "bash ${path.relative(process.cwd(), installScript)}"`);
  }
}

/** Writes `<userDataDir>/User/settings.json`: the quiet settings plus `settings` (e.g. the extension's). */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...quietSettings, ...settings }, null, 2)}\n`);
  return file;
}

/** `code-server --install-extension x.vsix` in CLI mode (exits when done, about 1 s). */
export function installVsix(vsix, { userDataDir, extensionsDir }) {
  assertCodeServerInstalled();
  return execFileSync(codeServerBin, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force'], { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
}

function serverArgs({ port, userDataDir, extensionsDir, folder, extraArgs = [] }) {
  return ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', ...extraArgs, folder];
}

/**
 * Starts code-server and resolves once `/healthz` answers. `settings` go to the user settings.json,
 * `env` reaches the extension host (code-server → server → extension host inherit it).
 * `extraArgs` go before the folder (e.g. `['--locale', 'zh-cn']`).
 */
export async function startCodeServer({
  userDataDir, extensionsDir, folder, settings = {}, env = {}, logFile, port, timeoutMs = 60000, extraArgs = [],
}) {
  assertCodeServerInstalled();
  writeUserSettings(userDataDir, settings);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const actualPort = port || await freePort();
  // EXTENSIONS_GALLERY={} turns the open-vsx gallery off: no lookups leave the machine (pitfall 4).
  const childEnv = { ...process.env, EXTENSIONS_GALLERY: '{}', ...env };
  const t0 = Date.now();
  const proc = spawnTracked(codeServerBin, serverArgs({ port: actualPort, userDataDir, extensionsDir, folder, extraArgs }),
    { env: childEnv, logFile });
  const base = `http://127.0.0.1:${actualPort}`;
  const failFast = () => (proc.exit ? new Error(`code-server exited early (${JSON.stringify(proc.exit)}); see ${logFile}`) : null);
  try {
    await waitForHttpOk(`${base}/healthz`, { timeoutMs, failFast });
  } catch (e) {
    await stopTracked(proc);
    throw e;
  }
  return {
    port: actualPort, base, authority: `127.0.0.1:${actualPort}`, folder, userDataDir, extensionsDir,
    pid: proc.pid, exited: proc.exited, readyMs: Date.now() - t0,
    folderUrl: `${base}/?folder=${encodeURIComponent(folder)}`,
    stop: () => stopTracked(proc, { graceMs: 5000 }),
  };
}
