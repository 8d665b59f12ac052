#!/usr/bin/env node
// Renders the marketplace icon media/icon.png (128×128, transparent corners) from media/dbc.svg, the
// activity-bar glyph: the glyph in white on a rounded blue tile, drawn by chromium (playwright-core).
// Usage: node scripts/icon.mjs [--out FILE]      (default media/icon.png; run it after changing dbc.svg)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeBrowser, launchBrowser, repoRoot } from './e2e/lib.mjs';

const SIZE = 128;
/** The tile: the gallery banner's blue (package.json galleryBanner.color) to a lighter one. */
const TILE = 'linear-gradient(135deg, #1565c0 0%, #0b2f6b 100%)';

const { values: opts } = parseArgs({ options: { out: { type: 'string', default: path.join(repoRoot, 'media', 'icon.png') } } });

/** dbc.svg drawn white at `px` pixels: its strokes use currentColor. */
function glyph(px) {
  const svg = fs.readFileSync(path.join(repoRoot, 'media', 'dbc.svg'), 'utf8');
  return svg.replace('<svg ', `<svg style="color:#fff" width="${px}" height="${px}" `).replace(/ width="24" height="24"/, '');
}

function page() {
  return `<!doctype html><html><head><style>
  html, body { margin: 0; background: transparent; }
  .tile { width: ${SIZE}px; height: ${SIZE}px; border-radius: 24px; background: ${TILE};
    display: flex; align-items: center; justify-content: center; }
  </style></head><body><div class="tile">${glyph(92)}</div></body></html>`;
}

async function main() {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-icon-'));
  const browser = await launchBrowser({ profileDir, viewport: { width: SIZE, height: SIZE } });
  try {
    await browser.page.setContent(page());
    await browser.page.locator('.tile').screenshot({ path: opts.out, omitBackground: true });
    console.log(`${path.relative(process.cwd(), opts.out)}: ${SIZE}×${SIZE} from media/dbc.svg`);
  } finally {
    await closeBrowser(browser);
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
