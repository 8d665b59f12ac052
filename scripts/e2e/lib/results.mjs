// The results file every test tier writes for scripts/test.mjs: {"passes","failures","failed":[{title,error}]}.
import fs from 'node:fs';
import path from 'node:path';

export function summaryLine({ passes, failures }) {
  return `${passes} passed, ${failures} failed`;
}

/** One failure standing for a whole run that could not produce its own results (crash, timeout). */
export function crashResults(title, error) {
  return { passes: 0, failures: 1, failed: [{ title, error: String(error?.message ?? error) }] };
}

/** Writes `results` to `file` (default: $DBC_TEST_RESULTS; nothing when neither is set). */
export function writeResults(results, file = process.env.DBC_TEST_RESULTS) {
  if (!file) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function readResults(file) {
  if (!file || !fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
