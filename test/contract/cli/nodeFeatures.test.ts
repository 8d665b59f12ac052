// The real `dbc` against the simulator for the node's newer routes: disks (with --wait until the node
// reports), virtual LANs and `vm create --network`, free memory, monitor servers, uploads keyed by the
// path they used, modify that keeps the public IP, and the message for a desc the node cannot encode.
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_LAN_NAME, DEMO_TASK_ID } from '../../../src/sim';
import { admin, createFlags, dbc, ensureBuilt, LiveDbc, startSim, walletEnv } from './harness';

describe('cli contract: disks, LANs, node services, uploads', function () {
  this.timeout(90_000);
  let sim: RunningSimulator;
  let env: Record<string, string>;

  before(async () => {
    ensureBuilt();
    sim = await startSim();
    env = walletEnv(sim);
  });
  after(() => sim?.close());

  const ok = async (args: string[]) => {
    const r = await dbc(args, env);
    assert.equal(r.code, 0, `dbc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  };

  it('lists, grows, adds and deletes disks, waiting until the node reports each', async () => {
    assert.match((await ok(['vm', 'disk', 'list', DEMO_TASK_ID])).stdout, /^DISK +SIZE +FILE\nvda +350G +\/data\/vm_\d+_\d+\.qcow2\nvdb +200G /);
    const running = await dbc(['vm', 'disk', 'resize', DEMO_TASK_ID, '--disk', 'vdb', '--size', '10'], env);
    assert.equal(running.code, 1);
    assert.match(running.stderr, /disk\.resize failed: errcode 1: please close task first and try again/);
    await ok(['vm', 'stop', DEMO_TASK_ID, '--wait']);
    assert.match((await ok(['vm', 'disk', 'resize', DEMO_TASK_ID, '--disk', 'vdb', '--size', '10', '--wait'])).stdout, /disk resize done: vdb 210G\n$/);
    assert.match((await ok(['vm', 'disk', 'add', DEMO_TASK_ID, '--size', '20', '--wait'])).stdout, /disk add done: vdc 20G\n$/);
    assert.match((await ok(['vm', 'disk', 'delete', DEMO_TASK_ID, '--disk', 'vdc', '--wait'])).stdout, /disk delete done\n$/);
    const list = JSON.parse((await ok(['vm', 'disk', 'list', DEMO_TASK_ID, '--json'])).stdout);
    assert.deepEqual(list.map((d: { name: string; size: string }) => [d.name, d.size]), [['vda', '350G'], ['vdb', '210G']]);
    const queued = await ok(['vm', 'disk', 'resize', DEMO_TASK_ID, '--disk', 'vdb', '--size', '1']);
    assert.match(queued.stdout, /queued by the node \(ok\); the result shows in its log/);
  });

  it('refuses bad disk input before sending anything, and reports a failure the node only logs', async () => {
    await admin(sim, 'POST', 'reset-counters');
    for (const args of [['--disk', 'vda', '--size', 'x'], ['--disk', 'sda', '--size', '5']]) {
      const r = await dbc(['vm', 'disk', 'resize', DEMO_TASK_ID, ...args], env);
      assert.equal(r.code, 2, r.stderr);
    }
    const vda = await dbc(['vm', 'disk', 'delete', DEMO_TASK_ID, '--disk', 'vda'], env);
    assert.equal(vda.code, 2);
    assert.match(vda.stderr, /vda is the system disk/);
    assert.equal((await admin(sim, 'GET', 'counters')).total, 0);
    await admin(sim, 'POST', 'faults', { route: 'D3', kind: 'vm-error', count: 1 });
    const failed = await dbc(['vm', 'disk', 'add', DEMO_TASK_ID, '--size', '5', '--wait'], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /disk\.add failed: the node logged: vm attach disk failed:/);
  });

  it('creates a LAN, puts a new VM in it with --network, and deletes the LAN once the VM is gone', async () => {
    await ok(['vm', 'start', DEMO_TASK_ID, '--wait']);
    const bad = await dbc(['lan', 'create', 'lab', '--cidr', '10.10.0.0/24'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /6 to 10 letters or digits/);
    assert.match((await ok(['lan', 'create', 'lab0001', '--cidr', '10.10.0.0/24'])).stdout, /network lab0001 \(10\.10\.0\.0\/24\) created/);
    const vm = (await ok(['vm', 'create', ...createFlags(31500, 5995, 'lan-vm'), '--network', 'lab0001', '--wait'])).stdout.trim();
    assert.match((await ok(['lan', 'list'])).stdout, new RegExp(`lab0001 +10\\.10\\.0\\.0/24 +${vm} `));
    const info = JSON.parse((await ok(['vm', 'info', vm, '--json'])).stdout);
    assert.deepEqual([info.network_name, info.local_address[1]], ['lab0001', '10.10.0.1']);
    const inUse = await dbc(['lan', 'delete', 'lab0001'], env);
    assert.match(inUse.stderr, /network is in used, please delete task in the network first/);
    await ok(['vm', 'delete', vm, '--wait']);
    await ok(['lan', 'delete', 'lab0001']);
    const left = (await ok(['lan', 'list'])).stdout;
    assert.doesNotMatch(left, /lab0001/);
    assert.match(left, new RegExp(`${DEMO_LAN_NAME} +10\\.66\\.0\\.0/24 +${DEMO_TASK_ID} `), 'the demo network and its VM');
  });

  it('frees node memory and sets monitor servers', async () => {
    assert.match((await ok(['node', 'free-memory'])).stdout, /page cache dropped on the node \(ok\)/);
    assert.equal((await ok(['node', 'monitor', 'list'])).stdout, '(no monitor servers)\n');
    await ok(['node', 'monitor', 'set', '10.0.0.1:10051']);
    assert.equal((await ok(['node', 'monitor', 'list'])).stdout, '10.0.0.1:10051\n');
    const three = await dbc(['node', 'monitor', 'set', '1.1.1.1:1', '2.2.2.2:2', '3.3.3.3:3'], env);
    assert.equal(three.code, 2);
    await ok(['node', 'monitor', 'set', '--clear']);
    assert.equal((await ok(['node', 'monitor', 'list', '--json'])).stdout, '[]\n');
  });

  it('follows an upload with the path it used, and calls a finished one "reported done", not confirmed', async () => {
    await admin(sim, 'POST', 'speed', { speed: 1 });
    try {
      assert.match((await ok(['image', 'upload', 'ubuntu22.04.qcow2', '--server', 'ID_2'])).stdout, /^\/data\/ubuntu22\.04\.qcow2: upload to ID_2 started/);
      assert.match((await ok(['image', 'progress', 'ubuntu22.04.qcow2', '--upload'])).stdout, /^\/data\/ubuntu22\.04\.qcow2: uploading \d+%\n$/);
      await ok(['image', 'stop', 'ubuntu22.04.qcow2', '--upload']);
    } finally {
      await admin(sim, 'POST', 'speed', { speed: 1000 });
    }
    assert.match((await ok(['image', 'progress', 'ubuntu22.04.qcow2', '--upload'])).stdout, /the node reports done \(100%\); check the image server's list to confirm/);
    assert.ok(!(await ok(['image', 'list', '--on-server', '--server', 'ID_2'])).stdout.includes('ubuntu22.04.qcow2 '), 'the stop did stop it');
  });

  it('keeps a VM\'s own public IP across a modify that does not name it', async () => {
    const vm = (await ok(['vm', 'create', ...createFlags(31501, 5996, 'ip-vm'), '--public-ip', '203.0.113.7', '--wait'])).stdout.trim();
    await ok(['vm', 'modify', vm, '--new-ssh-port', '31600']);
    assert.equal(JSON.parse((await ok(['vm', 'info', vm, '--json'])).stdout).ssh_ip, '203.0.113.7');
    await ok(['vm', 'modify', vm, '--clear-public-ip']);
    assert.equal(JSON.parse((await ok(['vm', 'info', vm, '--json'])).stdout).ssh_ip, '127.0.0.1');
    await ok(['vm', 'delete', vm, '--wait']);
  });

  it('names the cause when a desc with a quote breaks the task list', async () => {
    sim.state.nodes.values().next().value!.tasks.get(DEMO_TASK_ID)!.desc = 'my "best" vm';
    try {
      const r = await dbc(['vm', 'list'], env);
      assert.equal(r.code, 5);
      assert.match(r.stderr, /tasks\.list failed: the node could not encode its reply: a VM description \(desc\) on this node holds a double quote/);
    } finally {
      sim.state.nodes.values().next().value!.tasks.get(DEMO_TASK_ID)!.desc = 'demo-vm';
    }
  });

  it('follows past a log line the node cannot send: a marker, then each later line once; a window holding it names the cause', async () => {
    const live = new LiveDbc(['vm', 'logs', DEMO_TASK_ID, '--follow', '-n', '3', '--min-interval', '0.1', '--max-interval', '0.4'], env);
    await admin(sim, 'POST', `tasks/${DEMO_TASK_ID}/log`, { lines: ['quote-test 1'] });
    await live.waitFor(/quote-test 1\n/);
    await admin(sim, 'POST', `tasks/${DEMO_TASK_ID}/log`, { lines: ['quote-test "2"', 'quote-test 3', 'quote-test 4'] });
    await live.waitFor(/quote-test 4\n/);
    await admin(sim, 'POST', `tasks/${DEMO_TASK_ID}/log`, { lines: ['quote-test 5'] });
    await live.waitFor(/quote-test 5\n/);
    assert.equal(await live.stop(), 0, live.stderr);
    const printed = live.stdout.split('\n').filter((l) => l.startsWith('quote-test') || l.includes('cannot send'));
    assert.deepEqual(printed.map((l) => (l.includes('cannot send') ? 'marker' : l)), ['quote-test 1', 'marker', 'quote-test 3', 'quote-test 4', 'quote-test 5']);
    const window = await dbc(['vm', 'logs', DEMO_TASK_ID, '-n', '10'], env);
    assert.equal(window.code, 5);
    assert.match(window.stderr, /tasks\.logs failed: the node could not encode its reply: a log line in this window holds a double quote/);
    assert.match((await ok(['vm', 'logs', DEMO_TASK_ID, '-n', '3'])).stdout, /quote-test 3\nquote-test 4\nquote-test 5\n/, 'a window after it reads');
  });

  it('follows lines whose bytes exceed the node\'s cap, which cuts the newest lines of a window: each once, in order', async () => {
    const live = new LiveDbc(['vm', 'logs', DEMO_TASK_ID, '--follow', '-n', '3', '--min-interval', '0.1', '--max-interval', '0.4'], env);
    await live.waitFor(/\n/);
    const long = Array.from({ length: 30 }, (_, i) => `long-line ${String(i).padStart(2, '0')} ${'x'.repeat(400)}`); // 12 KB > 8192
    await admin(sim, 'POST', `tasks/${DEMO_TASK_ID}/log`, { lines: long });
    await live.waitFor(/long-line 29 x+\n/);
    await new Promise((r) => setTimeout(r, 1000)); // more idle polls: nothing is repeated
    assert.equal(await live.stop(), 0, live.stderr);
    assert.deepEqual(live.stdout.split('\n').filter((l) => l.startsWith('long-line')), long);
    assert.doesNotMatch(live.stdout, /missing/);
  });
});
