// Debian's chromium driven by playwright-core: fresh profile, headless, no background networking.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumBin } from './paths.mjs';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches chromium with `profileDir` as its user-data-dir (launchPersistentContext is the only way
 * Playwright accepts one, pitfall 5). Returns `{ context, page }`.
 */
export async function launchBrowser({ profileDir, viewport = { width: 1400, height: 900 }, defaultTimeoutMs = 30000 }) {
  if (!fs.existsSync(chromiumBin)) throw new Error(`chromium not found at ${chromiumBin} (apt-get install chromium)`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumBin, headless: true, args: chromiumArgs, viewport,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(defaultTimeoutMs);
  return { context, page };
}

/** Closes the browser; must happen before code-server stops (pitfall 10: orphaned extension host). */
export async function closeBrowser(browser) {
  if (!browser) return;
  await Promise.race([
    browser.context.close().catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, 10000).unref()),
  ]);
}
