// npm test sets itself up (scripts/lib/prerequisites.mjs): what it installs where, and the stop with the
// exact command when it may not. The real apt install runs in CI (.ci/run on a fresh Debian, as root);
// here the decisions are checked, plus the runner's behaviour as a process (stop before building, dry run).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'mocha';
import { CODE_SERVER_BUILD_DEPS, needsOf, planSetup } from '../../scripts/lib/prerequisites.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const complete = {
  root: true, apt: true, ssh: true, chromium: true, chromiumChosen: false, codeServer: true, cjkFont: true, packages: new Set(CODE_SERVER_BUILD_DEPS),
};
const e2e = needsOf(['e2e']);

describe('npm test set-up: what it installs', () => {
  it('needs nothing for the unit tier and only the ssh client for the contract tier', () => {
    assert.deepEqual([...needsOf(['unit'])], []);
    assert.deepEqual([...needsOf(['unit', 'contract'])], ['ssh']);
    assert.deepEqual([...e2e].sort(), ['chromium', 'cjk-font', 'code-server', 'ssh']);
  });

  it('does nothing on a machine that has everything', () => {
    assert.deepEqual(planSetup(e2e, complete), { apt: [], codeServer: false });
  });

  it('installs Chromium and the ssh client through apt as root', () => {
    assert.deepEqual(planSetup(e2e, { ...complete, chromium: false, ssh: false }), { apt: ['chromium', 'openssh-client'], codeServer: false });
  });

  it('installs code-server with the build packages it lacks, in the same apt call', () => {
    const plan = planSetup(e2e, { ...complete, chromium: false, codeServer: false, packages: new Set(['python3']) });
    assert.deepEqual(plan, { apt: ['chromium', 'libkrb5-dev', 'ripgrep', 'build-essential'], codeServer: true });
    assert.deepEqual(planSetup(e2e, { ...complete, codeServer: false, packages: null }), { apt: [], codeServer: true }, 'no dpkg: nothing to check');
  });

  it('adds a CJK font for the zh-cn screenshots as root, and only notes it otherwise', () => {
    assert.deepEqual(planSetup(e2e, { ...complete, cjkFont: false }), { apt: ['fonts-wqy-zenhei'], codeServer: false });
    const user = planSetup(e2e, { ...complete, root: false, cjkFont: false });
    assert.deepEqual(user.apt, []);
    assert.match(user.note, /fonts-wqy-zenhei/);
    assert.deepEqual(planSetup(e2e, { ...complete, cjkFont: undefined }), { apt: [], codeServer: false }, 'no fontconfig: nothing to tell');
  });

  it('stops with the exact sudo command when not root', () => {
    const plan = planSetup(e2e, { ...complete, root: false, chromium: false });
    assert.equal(plan.apt, undefined);
    assert.match(plan.stop, /Chromium/);
    assert.ok(plan.stop.includes('\n  sudo apt-get update && sudo apt-get install -y chromium\n'), plan.stop);
  });

  it('stops without apt, naming DBC_CHROMIUM_BIN; never installs over a binary the user chose', () => {
    assert.match(planSetup(e2e, { ...complete, apt: false, chromium: false }).stop, /DBC_CHROMIUM_BIN/);
    const chosen = planSetup(e2e, { ...complete, chromium: false, chromiumChosen: true });
    assert.match(chosen.stop, /^DBC_CHROMIUM_BIN points to .*, which does not exist\.$/);
  });
});

describe('npm test set-up: the runner as a process', function () {
  this.timeout(30000);
  const runTests = (args, env) => spawnSync(process.execPath, ['scripts/test.mjs', ...args], {
    cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8',
  });

  it('stops at once, before building anything, when a prerequisite cannot be had', () => {
    const r = runTests(['e2e'], { DBC_CHROMIUM_BIN: path.join(os.tmpdir(), 'no-such-chromium') });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /DBC_CHROMIUM_BIN points to/);
    assert.doesNotMatch(r.stdout, /=== build/);
    assert.match(r.stdout, /setup {10}FAILED\n0 passed, 1 failed\n$/);
  });

  it('would install code-server into an empty DBC_CODE_SERVER_DIR (dry run: nothing is written)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-no-code-server-'));
    try {
      const r = runTests(['host', '--setup-dry-run'], { DBC_CODE_SERVER_DIR: dir });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /would run: bash .*install-code-server\.sh/);
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets up nothing for the unit tier', () => {
    const r = runTests(['unit', '--setup-dry-run'], { DBC_CHROMIUM_BIN: path.join(os.tmpdir(), 'no-such-chromium') });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /nothing to set up/);
  });
});
