// Fixtures and golden files are read from the source tree (test/fixtures/ssh), not from out/.
// Run with UPDATE_GOLDEN=1 to rewrite the golden files from the current output.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

export const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'ssh');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function assertGolden(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `differs from golden ${name}`);
}
