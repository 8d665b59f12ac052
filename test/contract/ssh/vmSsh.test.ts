// The simulator's VM endpoint seen through the ssh2 client: exec status and stderr, signals, shell,
// forwarding rules, key login details, close() and port clashes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Client, utils, type ClientChannel } from 'ssh2';
import { connectWithPassword, execCollect, type PasswordSession } from '../../../src/ssh/core/passwordSession';
import { probeSshBanner, probeTcp } from '../../../src/ssh/core/probe';
import { generateHostKey, startVmSsh } from '../../../src/sim/ssh/vmSsh';
import { makeClient, startSimVm, type ClientSide, type SimVm } from './helpers/sshHarness';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';

describe('ssh contract: simulated VM endpoint (ssh2 client)', function () {
  this.timeout(60_000);
  let vm: SimVm;
  let client: ClientSide;
  let session: PasswordSession;

  before(async () => {
    vm = await startSimVm();
    client = makeClient();
    session = await connectWithPassword({ host: '127.0.0.1', port: vm.server.port, user: 'dbc', password: vm.password(), env: { paths: client.paths } });
  });
  after(async () => {
    session.client.end();
    await vm.close();
    client.cleanup();
  });

  it('passes exit status, stdout and stderr through exec', async () => {
    const r = await execCollect(session.client, 'echo out; echo err >&2; exit 5');
    assert.deepStrictEqual(r, { code: 5, signal: undefined, stdout: 'out\n', stderr: 'err\n' });
  });

  it('runs in the home folder with a clean environment', async () => {
    process.env.DBC_SECRET = 'must-not-leak';
    const r = await execCollect(session.client, 'pwd; echo "$HOME|$USER|$LOGNAME"; env | grep -c "^DBC_SECRET=" || true');
    delete process.env.DBC_SECRET;
    assert.strictEqual(r.stdout, `${vm.home}\n${vm.home}|dbc|dbc\n0\n`);
  });

  it('reports a command killed by a signal', async () => {
    const r = await execCollect(session.client, 'kill -TERM $$');
    assert.strictEqual(r.code, null);
    assert.strictEqual(r.signal, 'SIGTERM');
  });

  it('feeds stdin to the command', async () => {
    const out = await withChannel(session.client, 'exec', (ch) => {
      ch.end('line one\nline two\n');
    }, 'wc -l');
    assert.strictEqual(out.trim(), '2');
  });

  it('runs an interactive shell without a tty', async () => {
    const out = await withChannel(session.client, 'shell', (ch) => ch.end('echo "in-shell:$PWD"\nexit 0\n'));
    assert.match(out, new RegExp(`in-shell:${vm.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('forwards direct-tcpip to 127.0.0.1 only', async () => {
    const echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as net.AddressInfo).port;
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        session.client.forwardOut('127.0.0.1', 5000, '127.0.0.1', port, (err, ch) => {
          if (err) return reject(err);
          ch.once('data', (d: Buffer) => {
            resolve(d.toString());
            ch.end();
          });
          ch.write('ping');
        });
      });
      assert.strictEqual(reply, 'ping');
      await assert.rejects(new Promise((resolve, reject) => session.client.forwardOut('127.0.0.1', 5000, '192.0.2.1', 80, (err, ch) => (err ? reject(err) : resolve(ch)))));
    } finally {
      echo.close();
    }
  });

  it('accepts keys from authorized_keys, with options and comments, and verifies the signature', async () => {
    const pair = generateEd25519Pair('me');
    const stranger = generateEd25519Pair();
    fs.mkdirSync(path.join(vm.home, '.ssh'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(vm.home, '.ssh', 'authorized_keys'), `# comment\n\nno-pty,from="127.0.0.1" ${pair.public}\n`);
    assert.strictEqual(await keyLogin(vm.server.port, pair.private), true);
    assert.strictEqual(await keyLogin(vm.server.port, stranger.private), false);
    const rsa = utils.generateKeyPairSync('rsa', { bits: 2048 });
    fs.appendFileSync(path.join(vm.home, '.ssh', 'authorized_keys'), `${rsa.public}\n`);
    assert.strictEqual(await keyLogin(vm.server.port, rsa.private), true, 'rsa-sha2 signatures verify');
  });

  it('probes: TCP and banner on the VM port, nothing on a closed port', async () => {
    assert.strictEqual(await probeTcp('127.0.0.1', vm.server.port, 2000), true);
    assert.strictEqual(await probeSshBanner('127.0.0.1', vm.server.port, 2000), true);
    const closed = await freePort();
    assert.strictEqual(await probeTcp('127.0.0.1', closed, 2000), false);
    const ctl = new AbortController();
    ctl.abort();
    assert.strictEqual(await probeTcp('127.0.0.1', vm.server.port, 2000, ctl.signal), false);
  });

  it('rejects a second server on the same port (EADDRINUSE)', async () => {
    await assert.rejects(
      startVmSsh({ port: vm.server.port, user: 'dbc', password: () => 'x', homeDir: vm.home, hostKey: generateHostKey() }),
      /EADDRINUSE/,
    );
  });

  it('close() ends connections and kills running commands with their children', async () => {
    const other = await startSimVm();
    const s = await connectWithPassword({ host: '127.0.0.1', port: other.server.port, user: 'dbc', password: other.password(), env: { paths: client.paths } });
    const pids = await new Promise<number[]>((resolve, reject) => {
      s.client.exec('sleep 30 & echo $! $$; wait', (err, ch) => {
        if (err) return reject(err);
        ch.once('data', (d: Buffer) => resolve(d.toString().trim().split(' ').map(Number)));
      });
    });
    const ended = new Promise<void>((resolve) => s.client.once('close', () => resolve()));
    await other.close();
    await ended;
    for (const pid of pids) assert.strictEqual(await runningAfter(pid, 3000), false, `process ${pid} still running`);
    assert.strictEqual(await probeTcp('127.0.0.1', other.server.port, 1000), false);
  });
});

function withChannel(client: Client, kind: 'exec' | 'shell', feed: (ch: ClientChannel) => void, command = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const onChannel = (err: Error | undefined, ch: ClientChannel): void => {
      if (err) return reject(err);
      let out = '';
      ch.on('data', (d: Buffer) => (out += d.toString()));
      ch.stderr.on('data', () => undefined);
      ch.on('close', () => resolve(out));
      feed(ch);
    };
    if (kind === 'exec') client.exec(command, onChannel);
    else client.shell(onChannel);
  });
}

function keyLogin(port: number, privateKey: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = new Client();
    c.once('ready', () => {
      c.end();
      resolve(true);
    });
    c.once('error', () => resolve(false));
    c.connect({ host: '127.0.0.1', port, username: 'dbc', privateKey, hostVerifier: () => true, readyTimeout: 10_000 });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether the process still runs after `ms` (a zombie waiting for its reaper counts as ended). */
async function runningAfter(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    let state: string | undefined;
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    } catch {
      return false;
    }
    if (state === 'Z') return false;
    if (Date.now() > deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
