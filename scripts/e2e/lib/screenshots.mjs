// Numbered PNG screenshots into an output folder: 01-workbench.png, 02-dbc-side-bar.png, …
import fs from 'node:fs';
import path from 'node:path';

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Returns `shot(name)`, which saves the page as `<dir>/NN-<name>.png` and resolves with the path. */
export function screenshotter(page, dir) {
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async function shot(name) {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${slug(name)}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}
