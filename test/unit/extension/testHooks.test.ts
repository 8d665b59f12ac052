// The test hooks of the extension API (scripted prompts, redirected SSH, recorded failures) exist only when
// VS Code runs the extension in ExtensionMode.Test; the in-host suite proves they work there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
// dist/extension.js is built by npm test before the unit tier.
const CHILD = path.join(ROOT, 'test/unit/extension/support/activateWithStub.mjs');
const HOOKS = ['setPrompter', 'setRemoteHooks', 'takeErrors'];
const Mode = { Production: 1, Development: 2, Test: 3 };

function apiKeys(mode: number): string[] {
  return JSON.parse(execFileSync(process.execPath, [CHILD, ROOT, String(mode)], { encoding: 'utf8', timeout: 30_000 })) as string[];
}

describe('extension API: test hooks only in test mode', () => {
  it('a user\'s extension (production and development mode) returns the read-only API without hooks', () => {
    for (const mode of [Mode.Production, Mode.Development]) {
      const keys = apiKeys(mode);
      assert.ok(keys.includes('rows') && keys.includes('refresh'), `mode ${mode}: ${keys.join(', ')}`);
      for (const hook of HOOKS) assert.ok(!keys.includes(hook), `mode ${mode} exposes ${hook}`);
    }
  });

  it('the in-host tests (ExtensionMode.Test) get the hooks', () => {
    const keys = apiKeys(Mode.Test);
    for (const hook of HOOKS) assert.ok(keys.includes(hook), `test mode lacks ${hook}: ${keys.join(', ')}`);
  });
});
