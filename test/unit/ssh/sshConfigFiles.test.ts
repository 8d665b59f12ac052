import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LockTimeoutError, lockPathFor } from '../../../src/ssh/core/fileLock';
import { nodeFs, type FsPort } from '../../../src/ssh/core/fsPort';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import {
  ensureInclude,
  ensureUserInclude,
  findVmHost,
  listVmHosts,
  removeUserInclude,
  removeVmHost,
  SshConfigConflict,
  UnsafeTargetError,
  upsertVmHost,
  vmHostEntry,
  writeVmHost,
} from '../../../src/ssh/core/sshConfig';
import { leftovers, makeTempHome, modeOf, type TempHome } from './helpers/tempHome';
import { readFixture } from './helpers/fixtures';

const NODE = '5ba8c1c0a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899';

describe('ssh config files (locking, atomic writes)', function () {
  this.timeout(20000);
  let t: TempHome;
  beforeEach(() => (t = makeTempHome()));
  afterEach(() => t.cleanup());

  const entryFor = (taskId: string) => vmHostEntry({ vm: { nodeId: NODE, taskId }, host: '127.0.0.1', port: 2222, user: 'dbc', stage: 'password' }, t.paths);

  it('creates ~/.ssh (700) and ~/.ssh/config (600) with the Include, once', async () => {
    assert.strictEqual(await ensureUserInclude({ paths: t.paths }), true);
    assert.strictEqual(modeOf(t.paths.sshDir), 0o700);
    assert.strictEqual(modeOf(t.paths.userConfig), 0o600);
    assert.strictEqual(fs.readFileSync(t.paths.userConfig, 'utf8'), ensureInclude('', t.paths.config));
    assert.strictEqual(await ensureUserInclude({ paths: t.paths }), false);
    assert.deepStrictEqual(leftovers(t.paths.sshDir), []);
  });

  it('keeps an existing config byte for byte and keeps its mode', async () => {
    const original = readFixture('include-crlf-no-eol.in');
    fs.mkdirSync(t.paths.sshDir, { mode: 0o755 });
    fs.writeFileSync(t.paths.userConfig, original, { mode: 0o644 });
    fs.chmodSync(t.paths.userConfig, 0o644);
    await ensureUserInclude({ paths: t.paths });
    const text = fs.readFileSync(t.paths.userConfig, 'utf8');
    assert.ok(text.endsWith(original));
    assert.strictEqual(modeOf(t.paths.userConfig), 0o644);
    assert.strictEqual(modeOf(t.paths.sshDir), 0o755, 'an existing ~/.ssh keeps its mode');
    await removeUserInclude({ paths: t.paths });
    assert.strictEqual(fs.readFileSync(t.paths.userConfig, 'utf8'), original);
  });

  it('follows a symlinked ~/.ssh/config (dotfile managers) instead of replacing the link', async () => {
    const real = path.join(t.home, 'dotfiles-ssh-config');
    fs.writeFileSync(real, 'Host a\n', { mode: 0o600 });
    fs.mkdirSync(t.paths.sshDir, { mode: 0o700 });
    fs.symlinkSync(real, t.paths.userConfig);
    await ensureUserInclude({ paths: t.paths });
    assert.ok(fs.lstatSync(t.paths.userConfig).isSymbolicLink());
    assert.ok(fs.readFileSync(real, 'utf8').endsWith('Host a\n'));
    assert.ok(fs.readFileSync(real, 'utf8').startsWith('# >>> dbc-vscode >>>'));
  });

  it('upserts, lists and removes VM blocks in ~/.ssh/dbc/config (700 / 600)', async () => {
    assert.strictEqual(await upsertVmHost(entryFor('a'), { paths: t.paths }), true);
    assert.strictEqual(await upsertVmHost(entryFor('a'), { paths: t.paths }), false);
    await upsertVmHost(entryFor('b'), { paths: t.paths });
    assert.strictEqual(modeOf(t.paths.dbcDir), 0o700);
    assert.strictEqual(modeOf(t.paths.config), 0o600);
    assert.deepStrictEqual((await listVmHosts({ paths: t.paths })).map((b) => b.taskId), ['a', 'b']);
    assert.strictEqual(await removeVmHost(hostAliasFor({ nodeId: NODE, taskId: 'a' }), { paths: t.paths }), true);
    assert.strictEqual(await removeVmHost('dbc-5ba8c1c0-zzz', { paths: t.paths }), false);
    assert.deepStrictEqual((await listVmHosts({ paths: t.paths })).map((b) => b.taskId), ['b']);
  });

  it('keeps every block when many upserts run at once in one process', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `t${i}`);
    await Promise.all(ids.map((id) => upsertVmHost(entryFor(id), { paths: t.paths })));
    const listed = (await listVmHosts({ paths: t.paths })).map((b) => b.taskId).sort();
    assert.deepStrictEqual(listed, [...ids].sort());
    assert.deepStrictEqual(leftovers(t.paths.dbcDir), []);
  });

  it('keeps every block when separate processes write at once', async () => {
    const worker = path.join(__dirname, 'helpers', 'upsertWorker.js');
    const workers = 5;
    const each = 6;
    await Promise.all(Array.from({ length: workers }, (_, w) => runNode(worker, [t.home, String(w + 1), String(each)])));
    const listed = await listVmHosts({ paths: t.paths });
    assert.strictEqual(listed.length, workers * each);
    assert.strictEqual(new Set(listed.map((b) => b.alias)).size, workers * each);
    const userConfig = fs.readFileSync(t.paths.userConfig, 'utf8');
    assert.strictEqual(userConfig, ensureInclude('', t.paths.config), 'one Include, added once');
    assert.deepStrictEqual([...leftovers(t.paths.dbcDir), ...leftovers(t.paths.sshDir)], []);
  });

  for (const failAt of ['sync', 'rename', 'write'] as const) {
    it(`leaves the old file and no temp or lock file when ${failAt} fails`, async () => {
      await upsertVmHost(entryFor('a'), { paths: t.paths });
      const before = fs.readFileSync(t.paths.config, 'utf8');
      await assert.rejects(upsertVmHost(entryFor('b'), { paths: t.paths, fs: failingFs(failAt) }), /simulated/);
      assert.strictEqual(fs.readFileSync(t.paths.config, 'utf8'), before);
      assert.deepStrictEqual(leftovers(t.paths.dbcDir), []);
    });
  }

  it('keeps every byte of a user\'s own config outside our block, even bytes that are not UTF-8', async () => {
    const file = path.join(t.home, 'my-config');
    const original = Buffer.from('# caf\xe9\r\nHost caf\xe9\r\n\tUser=r\xf6ot\r\n\r\n', 'latin1');
    fs.writeFileSync(file, original, { mode: 0o640 });
    const paths = { ...t.paths, config: file };
    const entry = vmHostEntry({ vm: { nodeId: NODE, taskId: 'a' }, host: '127.0.0.1', port: 2222, user: 'dbc', stage: 'password', identityFile: '/home/jöran/id' }, paths);
    await upsertVmHost(entry, { paths });
    const written = fs.readFileSync(file);
    assert.ok(written.subarray(0, original.length).equals(original));
    assert.ok(written.includes(Buffer.from('IdentityFile /home/jöran/id\r\n', 'utf8')), 'our own text is UTF-8');
    assert.strictEqual(modeOf(file), 0o640);
    assert.strictEqual(await removeVmHost(hostAliasFor(entry.vm), { paths }), true);
    assert.ok(fs.readFileSync(file).equals(original));
  });

  it('names the file and line of a block of a given alias that it did not write, and leaves the file alone', async () => {
    const file = path.join(t.home, 'hand');
    const alias = hostAliasFor({ nodeId: NODE, taskId: 'a' });
    const hand = `Host work\n  User me\nHost ${alias}\n  ProxyCommand ssh -W %h:%p jump\n`;
    fs.writeFileSync(file, hand);
    const paths = { ...t.paths, config: file };
    await assert.rejects(upsertVmHost({ ...entryFor('a'), alias }, { paths }), (err: unknown) => err instanceof SshConfigConflict && err.message.startsWith(`${file}:3: `));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), hand);
    assert.deepStrictEqual(leftovers(t.home), []);
  });

  it('gives a new VM an alias that no Host of ~/.ssh/config has, and keeps it on the next write', async () => {
    fs.mkdirSync(t.paths.sshDir, { mode: 0o700 });
    fs.writeFileSync(t.paths.userConfig, 'Host DBC-Train\n  User me\n', { mode: 0o600 });
    await ensureUserInclude({ paths: t.paths });
    const entry = { ...entryFor('7xQvB2mKpL'), naming: { vmName: 'Train', nodeName: 'gpu-a' } };
    assert.deepStrictEqual(await writeVmHost(entry, { paths: t.paths }), { changed: true, alias: 'dbc-gpu-a-7xqvb2mk' });
    fs.writeFileSync(t.paths.userConfig, fs.readFileSync(t.paths.userConfig, 'utf8') + 'Host dbc-gpu-a-7xqvb2mk\n  User later\n');
    assert.deepStrictEqual(await writeVmHost({ ...entry, port: 2223 }, { paths: t.paths }), { changed: true, alias: 'dbc-gpu-a-7xqvb2mk' }, 'an alias once given stays');
    assert.strictEqual((await findVmHost(entry.vm, { paths: t.paths }))?.port, 2223);
  });

  it('reads no Host names from a ~/.ssh/config that is a named pipe (a read would never end)', async () => {
    fs.mkdirSync(t.paths.sshDir, { mode: 0o700 });
    execFileSync('mkfifo', [t.paths.userConfig]);
    assert.strictEqual((await writeVmHost({ ...entryFor('a'), naming: { vmName: 'box' } }, { paths: t.paths })).alias, 'dbc-box');
    assert.ok(fs.lstatSync(t.paths.userConfig).isFIFO());
  });

  it('refuses a named pipe, a read-only file and a dangling symlink, and changes none of them', async () => {
    const fifo = path.join(t.home, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const readOnly = path.join(t.home, 'read-only');
    fs.writeFileSync(readOnly, 'Host x\n', { mode: 0o444 });
    const dangling = path.join(t.home, 'dangling');
    fs.symlinkSync(path.join(t.home, 'missing', 'config'), dangling);
    const cases: [string, RegExp, UnsafeTargetError['reason']][] = [
      [fifo, /is a named pipe, not a regular file/, 'not-regular'],
      [readOnly, /is read-only \(mode 0444\)/, 'read-only'],
      [dangling, /is a symbolic link to a file that does not exist/, 'dangling-symlink'],
    ];
    for (const [file, text, reason] of cases) {
      const paths = { ...t.paths, config: file };
      await assert.rejects(upsertVmHost(entryFor('a'), { paths }), (err: unknown) => err instanceof UnsafeTargetError && err.reason === reason && text.test(err.message) && err.message.startsWith(file));
    }
    assert.ok(fs.lstatSync(fifo).isFIFO());
    assert.strictEqual(fs.readFileSync(readOnly, 'utf8'), 'Host x\n');
    assert.strictEqual(modeOf(readOnly), 0o444);
    assert.ok(fs.lstatSync(dangling).isSymbolicLink());
    assert.strictEqual(fs.existsSync(path.join(t.home, 'missing')), false);
    assert.deepStrictEqual(leftovers(t.home), []);
  });

  it('refuses a character device (like /dev/null) when one can be made here', async function () {
    const device = path.join(t.home, 'null');
    try {
      execFileSync('mknod', [device, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      this.skip(); // not root, or no CAP_MKNOD
    }
    const paths = { ...t.paths, config: device };
    await assert.rejects(upsertVmHost(entryFor('a'), { paths }), /is a character device, not a regular file/);
    assert.ok(fs.lstatSync(device).isCharacterDevice());
    assert.strictEqual(fs.existsSync(`${device}.dbc-lock`), false);
  });

  it('as root, keeps the owner of a file it rewrites', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const file = path.join(t.home, 'owned');
    fs.writeFileSync(file, '# theirs\n');
    fs.chownSync(file, 4321, 4322);
    await upsertVmHost(entryFor('a'), { paths: { ...t.paths, config: file } });
    const st = fs.statSync(file);
    assert.deepStrictEqual([st.uid, st.gid], [4321, 4322]);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    fs.mkdirSync(t.paths.dbcDir, { recursive: true });
    const lock = lockPathFor(t.paths.config);
    fs.writeFileSync(lock, '999999 crashed\n');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    await upsertVmHost(entryFor('a'), { paths: t.paths });
    assert.strictEqual(fs.existsSync(lock), false);
  });

  it('waits for a live lock and gives up with a clear error', async () => {
    fs.mkdirSync(t.paths.dbcDir, { recursive: true });
    fs.writeFileSync(lockPathFor(t.paths.config), 'busy\n');
    await assert.rejects(upsertVmHost(entryFor('a'), { paths: t.paths, lock: { timeoutMs: 150 } }), LockTimeoutError);
    assert.strictEqual(fs.existsSync(t.paths.config), false);
  });
});

/** A real fs whose temp-file handle fails at one step. Lock files are left alone. */
function failingFs(step: 'sync' | 'rename' | 'write'): FsPort {
  const isTemp = (p: unknown): boolean => String(p).endsWith('.tmp');
  const open: FsPort['open'] = async (file, flags, mode) => {
    const handle = await nodeFs.open(file, flags, mode);
    if (!isTemp(file)) return handle;
    if (step === 'sync') handle.sync = () => Promise.reject(new Error('simulated fsync failure'));
    if (step === 'write') {
      handle.writeFile = async (data) => {
        await fs.promises.writeFile(file, String(data).slice(0, 10));
        throw new Error('simulated disk full');
      };
    }
    return handle;
  };
  const rename: FsPort['rename'] = (from, to) => (step === 'rename' ? Promise.reject(new Error('simulated rename failure')) : nodeFs.rename(from, to));
  return { ...nodeFs, open, rename };
}

function runNode(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}
