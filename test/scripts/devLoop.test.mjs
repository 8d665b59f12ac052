// The developer loop in .vscode/ (F5): the default build task is esbuild's watch with a matcher that reads
// esbuild.js's output, every task a launch configuration names exists, the in-host test configuration
// points where the compiled suite and the simulator's env file are, and the F5 simulator script
// (scripts/dev/f5-sim.mjs) really prepares what the Extension Development Host opens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'mocha';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const tasks = read('.vscode/tasks.json').tasks;
const launch = read('.vscode/launch.json').configurations;
const task = (label) => tasks.find((t) => t.label === label);
const argValue = (config, flag) => config.args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);

describe('.vscode: the developer loop', () => {
  it('makes the esbuild watch the default build task, matched on what esbuild.js prints', () => {
    const builds = tasks.filter((t) => t.group?.isDefault);
    assert.deepEqual(builds.map((t) => t.script), ['watch']);
    const watch = builds[0];
    const source = fs.readFileSync(path.join(repoRoot, 'esbuild.js'), 'utf8');
    for (const line of ['[watch] build started', '[watch] build finished']) assert.ok(source.includes(`'${line}'`), line);
    assert.match('[watch] build started', new RegExp(watch.problemMatcher.background.beginsPattern));
    assert.match('[watch] build finished', new RegExp(watch.problemMatcher.background.endsPattern));
    // esbuild.js: `✘ [ERROR] ${text}` then `    ${file}:${line}:${column}:`
    const [message, location] = watch.problemMatcher.pattern.map((p) => new RegExp(p.regexp));
    assert.equal('✘ [ERROR] Expected ";" but found "x"'.match(message)?.[1], 'Expected ";" but found "x"');
    assert.deepEqual('    src/extension.ts:12:7:'.match(location)?.slice(1), ['src/extension.ts', '12', '7']);
  });

  it('names only existing tasks in launch configurations and task dependencies', () => {
    for (const c of launch) {
      for (const key of ['preLaunchTask', 'postDebugTask']) assert.ok(task(c[key]), `${c.name}: ${key} "${c[key]}" is a task`);
    }
    for (const t of tasks) for (const dep of [t.dependsOn ?? []].flat()) assert.ok(task(dep), `${t.label}: depends on "${dep}"`);
    const inputs = read('.vscode/tasks.json').inputs;
    for (const i of inputs) assert.ok(task(i.args), `input ${i.id} terminates "${i.args}"`);
  });

  it('runs the compiled in-host suite with the F5 simulator\'s env file and a profile of its own', () => {
    const tests = launch.find((c) => c.name === 'Extension Tests (in host)');
    assert.equal(argValue(tests, '--extensionTestsPath'), '${workspaceFolder}/out/test/integration/index');
    assert.ok(fs.existsSync(path.join(repoRoot, 'test', 'integration', 'index.ts')));
    assert.equal(tests.envFile, '${workspaceFolder}/.test-output/f5/tests/sim.env');
    assert.equal(argValue(tests, '--user-data-dir'), '${workspaceFolder}/.test-output/f5/tests/user-data');
    assert.match(task(tests.preLaunchTask).command, /f5-sim\.mjs --profile tests$/);
    const run = launch.find((c) => c.name === 'Run Extension');
    assert.equal(argValue(run, '--extensionDevelopmentPath'), '${workspaceFolder}');
    assert.match(task(run.preLaunchTask).command, /f5-sim\.mjs --profile run$/);
  });

  it('recommends the ESLint extension for the repo\'s flat config', () => {
    assert.ok(read('.vscode/extensions.json').recommendations.includes('dbaeumer.vscode-eslint'));
    assert.ok(read('package.json').devDependencies.eslint);
  });
});

describe('.vscode: the F5 simulator (scripts/dev/f5-sim.mjs)', function () {
  this.timeout(30000);

  it('starts dbc-sim, points a fresh test profile at it, writes the env file, and stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbc-f5-'));
    const stale = path.join(dir, 'user-data', 'User', 'globalStorage', 'stale.json');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, '{}');
    const child = spawn(process.execPath, ['scripts/dev/f5-sim.mjs', '--profile', 'tests', '--dir', dir], { cwd: repoRoot });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const ends = new RegExp(task('simulator for tests').problemMatcher.background.endsPattern, 'm');
      const deadline = Date.now() + 20000;
      while (!ends.test(out)) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `no ready line: ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const env = Object.fromEntries(fs.readFileSync(path.join(dir, 'sim.env'), 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
      assert.match(env.DBC_SIM_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(env.DBC_SIM_ADMIN_URL, `${env.DBC_SIM_URL}/__sim`);
      assert.equal((await fetch(`${env.DBC_SIM_ADMIN_URL}/counters`)).status, 200);
      const settings = JSON.parse(fs.readFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), 'utf8'));
      assert.equal(settings['dbc.endpoints'][0].url, env.DBC_SIM_URL);
      assert.ok(!fs.existsSync(stale), 'the test profile starts empty');
      assert.ok(fs.existsSync(path.join(dir, 'workspace', 'README.md')));
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await assert.rejects(fetch(`${env.DBC_SIM_URL}/__sim/counters`), 'the simulator stopped with the task');
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
