// The mocha runner the extension host loads through extensionTestsPath: same `run()` contract as
// @vscode/test-electron, used by code-server (scripts/e2e/run-host-tests.mjs) and by
// @vscode/test-electron (scripts/e2e/run-electron-tests.mjs) alike. Runs out/test/integration/**/*.test.js
// (bdd: describe/it) and writes {passes, failures, pending, failed: [{title, error}]} to $DBC_TEST_RESULTS.
// $DBC_TEST_GREP narrows the run to matching test titles.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface Failure {
  title: string;
  error: string;
}

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findTestFiles(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

function writeResults(passes: number, pending: number, failed: Failure[]): void {
  const file = process.env.DBC_TEST_RESULTS;
  if (!file) return;
  const results = { passes, failures: failed.length, pending, failed };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000 });
  if (process.env.DBC_TEST_GREP) mocha.grep(process.env.DBC_TEST_GREP);
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    const failed: Failure[] = [];
    let passes = 0;
    let pending = 0;
    const runner = mocha.run(() => {
      writeResults(passes, pending, failed);
      if (failed.length) reject(new Error(`${failed.length} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => { passes += 1; });
    runner.on('pending', () => { pending += 1; });
    runner.on('fail', (test, err: Error) => failed.push({ title: test.fullTitle(), error: String(err?.message ?? err) }));
  });
}
