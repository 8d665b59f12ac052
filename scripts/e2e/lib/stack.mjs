// The whole test stack in one call: simulator → code-server (repo as extension under development) →
// chromium, and a `stop()` that takes it down in the safe order (browser first, pitfall 10).
import fs from 'node:fs';
import path from 'node:path';
import { closeBrowser, launchBrowser } from './chromium.mjs';
import { startCodeServer } from './code-server.mjs';
import { exposeAutomationHooks, setupExtensionDevelopment } from './dev-extension.mjs';
import { envForSimulator, settingsForSimulator } from './extension-settings.mjs';
import { installZhCnLanguagePack, ZH_CN } from './language-pack.mjs';
import { removeDir, scratchDir, subdir } from './paths.mjs';
import { onInterrupt } from './shutdown.mjs';
import { startSimulator } from './simulator.mjs';

/** A workspace folder with one file, so the Explorer is not empty. */
export function makeWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), '# DBC workspace\n\nThe DBC view is in the activity bar on the left.\n');
  return dir;
}

/**
 * Starts the stack. Options:
 *   out        folder for logs (sim.log, code-server.log)
 *   speed      simulator speed-up (default 1000: VMs are created almost at once)
 *   scenario   simulator scenario file
 *   settings   extra user settings (merged over settingsForSimulator)
 *   env        extra env for code-server and thus the extension host
 *   testsPath  run this module's run() in the extension host (see dev-extension.mjs)
 *   onExtHostLog(type, line)  receives the extension host's console output while the tests run
 *   home       true: code-server (and so the extension host) gets HOME = a fresh scratch folder, so
 *              nothing touches the real ~/.ssh; its path is `stack.home`
 *   viewport   chromium's viewport ({ width, height }, default 1400×900)
 *   codeServerArgs  extra code-server flags
 *   locale     'zh-cn': installs the local zh-cn language pack (language-pack.mjs) and starts code-server with
 *              --locale zh-cn, so VS Code and the extension run in Chinese
 *   freeSshPorts    the simulator's scenario VMs listen on free ports (default true: every port a test
 *              uses is chosen free; false keeps the demo VM on 20022, for README screenshots)
 * Returns { sim, cs, browser: { context, page }, page, url, testsDone?, scratch, workspace, home?, out, stop() }.
 * Navigation is left to the caller: `openWorkbench(stack.page, stack.url)`.
 */
export async function startStack({
  out, speed = 1000, scenario, settings = {}, env = {}, testsPath, onExtHostLog, home = false, viewport, codeServerArgs = [],
  freeSshPorts = true, locale,
} = {}) {
  const stack = { out, scratch: scratchDir('e2e') };
  stack.stop = () => stopStack(stack);
  stack.unregister = onInterrupt(stack.stop);
  try {
    stack.workspace = makeWorkspace(subdir(stack.scratch, 'workspace'));
    if (home) stack.home = subdir(stack.scratch, 'home');
    stack.sim = await startSimulator({
      speed, scenario, freeSshPorts, dataDir: subdir(stack.scratch, 'sim-data'), logFile: path.join(out, 'sim.log'),
    });
    const userDataDir = subdir(stack.scratch, 'user-data');
    const extensionsDir = subdir(stack.scratch, 'extensions');
    if (locale && locale !== ZH_CN) throw new Error(`no language pack for ${locale} (only ${ZH_CN})`);
    if (locale) await installZhCnLanguagePack({ userDataDir, extensionsDir });
    stack.cs = await startCodeServer({
      userDataDir, extensionsDir, folder: stack.workspace,
      settings: { ...settingsForSimulator(stack.sim), ...settings },
      env: { ...envForSimulator(stack.sim), ...(stack.home ? { HOME: stack.home } : {}), ...env },
      logFile: path.join(out, 'code-server.log'),
      extraArgs: [...(locale ? ['--locale', locale] : []), ...codeServerArgs],
    });
    stack.browser = await launchBrowser({ profileDir: subdir(stack.scratch, 'chromium'), ...(viewport ? { viewport } : {}) });
    stack.page = stack.browser.page;
    if (testsPath) stack.testsDone = (await exposeAutomationHooks(stack.page, { onLog: onExtHostLog })).done;
    stack.url = await setupExtensionDevelopment(stack.page, stack.cs, { testsPath });
    return stack;
  } catch (e) {
    await stack.stop();
    throw e;
  }
}

async function stopStack(stack) {
  if (stack.stopped) return;
  stack.stopped = true;
  stack.unregister?.();
  await closeBrowser(stack.browser);
  await stack.cs?.stop();
  await stack.sim?.stop();
  removeDir(stack.scratch);
}
