// Loading the repo as an extension under development (and running in-host tests) in code-server.
// code-server's CLI rejects --extensionDevelopmentPath, so the options go into the workbench construction
// options it embeds in <meta id="vscode-workbench-web-configuration" data-settings="…"> (recipe section 4).
import util from 'node:util';
import { repoRoot } from './paths.mjs';

/* global Element */

/**
 * Wraps Element.prototype.getAttribute in the page so that this one attribute comes back with
 * `developmentOptions` merged in. The page itself is served untouched: rewriting it with
 * page.route()+fulfill() makes chromium block the workbench's WebSocket (pitfall 8).
 */
async function patchWorkbenchConfig(page, developmentOptions) {
  await page.addInitScript((devOpts) => {
    const original = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function getAttribute(name) {
      const value = original.call(this, name);
      if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
      const config = JSON.parse(value);
      config.developmentOptions = { ...(config.developmentOptions || {}), ...devOpts };
      return JSON.stringify(config);
    };
  }, developmentOptions);
}

/**
 * Makes the next navigation load `extensionPath` (default: this repo) as an extension under development,
 * and, with `testsPath`, run that module's `run()` in the extension host. Call before `page.goto`.
 * Returns the workbench URL to open.
 */
export async function setupExtensionDevelopment(page, cs, { extensionPath = repoRoot, testsPath } = {}) {
  // The authority must equal location.host: code-server uses it as the remote authority.
  const uri = (p) => ({ scheme: 'vscode-remote', authority: cs.authority, path: p });
  const devOptions = { extensions: [uri(extensionPath)] };
  if (testsPath) devOptions.extensionTestsPath = uri(testsPath);
  await patchWorkbenchConfig(page, devOptions);
  return cs.folderUrl;
}

/**
 * Exposes the hooks the workbench calls while extension tests run: `codeAutomationLog` (extension-host
 * console output, printf-style) and `codeAutomationExit` (0 = run() resolved). Call before `page.goto`.
 * Returns `{ done }`: a promise of `{ code, logs }`, settled when the tests are over. (Wrapped in an
 * object because an async function returning a bare promise would make the caller await the tests.)
 */
export async function exposeAutomationHooks(page, { onLog = (type, line) => console.log(`[exthost:${type}] ${line}`) } = {}) {
  let resolveExit;
  const exited = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    onLog(type, util.format(...(Array.isArray(args) ? args : [args])));
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => resolveExit({ code, logs: logs || [] }));
  return { done: exited };
}
