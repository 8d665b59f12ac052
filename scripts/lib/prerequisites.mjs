// What `npm test` and `npm start` need from the machine beyond node_modules, and how they get it, so that
// the README's two commands are all a newcomer runs: Chromium and the ssh client from Debian's apt (as
// root; anyone else gets the exact command and a stop before anything is built), code-server from the npm
// registry (scripts/e2e/install-code-server.sh, about a minute, once). `planSetup` decides, `ensure…` acts.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromiumBin, codeServerBin, installScript } from '../e2e/lib/paths.mjs';

/** The ssh client the tests run (they call /usr/bin/ssh by its full path). */
export const SSH_BIN = '/usr/bin/ssh';

/** Debian packages code-server's native modules need to build offline (install-code-server.sh). */
export const CODE_SERVER_BUILD_DEPS = ['libkrb5-dev', 'ripgrep', 'build-essential', 'python3'];

/** A font with Chinese glyphs, for readable screenshots of the zh-cn journey (optional: the checks read the DOM). */
export const CJK_FONT_PACKAGE = 'fonts-wqy-zenhei';

/** What each test tier (and the demo) needs: `ssh`, `chromium`, `code-server`; `cjk-font` is only wished for. */
export const TIER_NEEDS = {
  unit: [],
  contract: ['ssh'],
  host: ['ssh', 'chromium', 'code-server'],
  e2e: ['ssh', 'chromium', 'code-server', 'cjk-font'],
  package: ['chromium', 'code-server'],
  'beside-demo': ['ssh', 'chromium', 'code-server'],
  start: ['code-server'],
};

export function needsOf(tiers) {
  return new Set(tiers.flatMap((t) => TIER_NEEDS[t] ?? []));
}

/** What this machine has. `packages` is null without dpkg (not Debian-like: nothing to check). */
export function surveyMachine(env = process.env) {
  return {
    root: typeof process.getuid === 'function' && process.getuid() === 0,
    apt: commandExists('apt-get'),
    ssh: fs.existsSync(SSH_BIN),
    chromium: fs.existsSync(chromiumBin),
    chromiumChosen: Boolean(env.DBC_CHROMIUM_BIN),
    codeServer: fs.existsSync(codeServerBin),
    cjkFont: hasCjkFont(),
    packages: commandExists('dpkg-query') ? installedPackages(CODE_SERVER_BUILD_DEPS) : null,
  };
}

/**
 * The plan for `needs` (a Set) on a machine as `surveyMachine` describes it:
 *   { apt: [packages to install], codeServer: true when it must be installed, note?: 'a wish left unmet' }
 * or { stop: 'what is missing and the exact command to run' } when we may not (or cannot) install it.
 */
export function planSetup(needs, have) {
  const plan = planRequired(needs, have);
  if (plan.stop || !needs.has('cjk-font') || have.cjkFont !== false) return plan;
  if (have.root && have.apt) return { ...plan, apt: [...plan.apt, CJK_FONT_PACKAGE] };
  return { ...plan, note: `Chinese text in the zh-cn screenshots shows as boxes without a CJK font (${CJK_FONT_PACKAGE} on Debian).` };
}

function planRequired(needs, have) {
  const missing = [];
  if (needs.has('chromium') && !have.chromium) {
    if (have.chromiumChosen) return { stop: `DBC_CHROMIUM_BIN points to ${chromiumBin}, which does not exist.` };
    missing.push(['chromium', 'Chromium (drives VS Code in the editor tests)']);
  }
  if (needs.has('ssh') && !have.ssh) missing.push(['openssh-client', `the ssh client (${SSH_BIN})`]);
  const codeServer = needs.has('code-server') && !have.codeServer;
  if (codeServer && have.packages) {
    for (const p of CODE_SERVER_BUILD_DEPS.filter((d) => !have.packages.has(d))) missing.push([p, `${p} (to build code-server)`]);
  }
  const apt = missing.map(([p]) => p);
  if (apt.length === 0) return { apt, codeServer };
  const what = missing.map(([, why]) => `  - ${why}`).join('\n');
  if (!have.apt) {
    return { stop: `This machine lacks:\n${what}\nInstall them with your package manager (the Debian names: ${apt.join(' ')}).`
      + (apt.includes('chromium') ? '\nAny Chromium or Chrome works: set DBC_CHROMIUM_BIN to its path.' : '') };
  }
  if (!have.root) {
    return { stop: `This machine lacks:\n${what}\nInstall them once, then run the command again:\n\n  ${aptCommand(apt, 'sudo ')}\n` };
  }
  return { apt, codeServer };
}

/** The exact shell command that installs `packages`. */
export function aptCommand(packages, sudo = '') {
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/**
 * Makes sure `needs` are met: installs through apt (root only) and code-server when missing.
 * Resolves { ok: true, did: [...] } or { ok: false, message }. With `dryRun` it only says what it would do.
 */
export function ensurePrerequisites(needs, { dryRun = false, log = console.log, have = surveyMachine() } = {}) {
  const plan = planSetup(needs, have);
  if (plan.stop) return { ok: false, message: plan.stop };
  if (plan.note) log(`  (${plan.note})`);
  const did = [];
  if (plan.apt.length) {
    log(`» installing ${plan.apt.join(' ')} with apt-get (root; about a minute)`);
    if (dryRun) log(`  would run: ${aptCommand(plan.apt)}`);
    else {
      const failure = aptInstall(plan.apt);
      if (failure) return { ok: false, message: `${failure}\nRun it yourself, then try again:\n\n  ${aptCommand(plan.apt)}\n` };
    }
    did.push(...plan.apt);
  }
  if (plan.codeServer) {
    log(`» installing code-server into ${codeServerBin.replace(/\/node_modules\/.*$/, '')} (once, about a minute)`);
    if (dryRun) log(`  would run: bash ${installScript}`);
    else {
      const r = spawnSync('bash', [installScript], { stdio: 'inherit' });
      if (r.status !== 0) return { ok: false, message: `installing code-server failed (bash ${installScript} exited ${r.status ?? r.signal})` };
    }
    did.push('code-server');
  }
  return { ok: true, did };
}

/** apt-get update, then install; waits up to 5 minutes for another apt/dpkg to finish. Returns an error text or ''. */
function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  // --no-upgrade: only what is missing is installed; nothing already there changes under other users' feet
  const steps = [['update', '-qq', ...lock], ['install', '-y', '-qq', '--no-upgrade', ...lock, ...packages]];
  for (const args of steps) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) return `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}).`;
  }
  return '';
}

/** Whether fontconfig knows a font with Chinese glyphs; undefined when it cannot tell (no fc-list). */
function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.trim() !== '';
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function installedPackages(names) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...names],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(out.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  } catch (e) {
    // dpkg-query exits 1 when some name is unknown, but still prints the known ones
    const out = String(e.stdout ?? '');
    return new Set(out.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  }
}
