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

/**
 * The results of an in-host test run: what its runner wrote to `file`, checked against how the run
 * ended (`exit`: the extension host's exit code, or 'timeout'). No file means the runner never finished.
 */
export function inHostResults(file, exit, title = 'in-host tests') {
  if (exit === 'timeout') return crashResults(title, 'no result before the timeout');
  const results = readResults(file);
  if (!results) return crashResults(title, `the extension host ended with code ${exit} and wrote no results`);
  if (exit !== 0 && !results.failures) {
    return { ...results, failures: 1, failed: [{ title, error: `the extension host ended with code ${exit}` }] };
  }
  return results;
}
