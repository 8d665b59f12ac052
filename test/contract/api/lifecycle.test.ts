// The src/api client and src/auth credentials against the simulator, over loopback: every route.
import assert from 'node:assert/strict';
import type { DbcClient } from '../../../src/api/client';
import { GpuNodeError } from '../../../src/api/errors';
import type { SessionCredential, WalletCredential } from '../../../src/auth/credentials';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_TASK_ID, type RunningSimulator } from '../../../src/sim';
import { clientFor, renterWallet, sessionFor, startSim, waitForStatus } from './harness';

describe('contract: api client against dbc-sim — every route', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let client: DbcClient;
  let wallet: WalletCredential;
  let session: SessionCredential;
  let taskId = '';

  before(async () => {
    sim = await startSim();
    client = clientFor(sim);
    const w = await renterWallet();
    wallet = w.credential;
    session = await sessionFor(client, DEMO_NODE_B_ID, w.signer);
  });
  after(() => sim.close());

  it('version and node discovery need no credential', async () => {
    assert.match((await client.version()).client_version, /^\d+\.\d+\.\d+\.\d+$/);
    const nodes = await client.listNodes();
    assert.ok(nodes.some((n) => n.node_id === DEMO_NODE_A_ID));
    const info = await client.nodeInfo(DEMO_NODE_A_ID);
    assert.equal(info.gpu?.gpu_count, '8');
    assert.ok(info.images?.every((i) => i.image_name.endsWith('.qcow2')));
  });

  it('the running demo VM has every T2 field, cpu_cores and gpu_count as numbers', async () => {
    const info = await client.taskInfo(DEMO_NODE_A_ID, DEMO_TASK_ID, { auth: wallet });
    assert.equal(info.status, 'running');
    assert.equal(typeof info.cpu_cores, 'number');
    assert.equal(typeof info.gpu_count, 'number');
    assert.match(String(info.login_password), /^[A-Za-z][A-Za-z0-9_/+[\]@#^]{15}$/);
    assert.ok(info.ssh_port && info.vnc_port && info.ssh_ip);
  });

  it('creates a VM with the session form and sees it run', async () => {
    const created = await client.createTask(DEMO_NODE_B_ID, {
      image_name: 'ubuntu.qcow2', operation_system: 'linux', bios_mode: 'legacy', ssh_port: 6022, vnc_port: 5910,
      gpu_count: 1, cpu_cores: 4, mem_size: 8, disk_size: 20, custom_port: ['tcp,8080', 'udp,8080'], desc: 'contract-vm',
    }, { auth: session });
    assert.equal(created.status, 'creating');
    taskId = created.task_id;
    const running = await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'running');
    assert.equal(running.ssh_port, '6022');
    assert.equal(running.gpu_count, 1);
    const list = await client.listTasks(DEMO_NODE_B_ID, { auth: wallet });
    assert.ok(list.some((t) => t.task_id === taskId && t.desc === 'contract-vm'));
  });

  it('reads the VM log head and tail', async () => {
    const tail = await client.taskLogs(DEMO_NODE_B_ID, taskId, { auth: session, flag: 'tail', lines: 5 });
    assert.ok(tail.log_content.length > 0 && tail.log_content.length <= 5);
    const head = await client.taskLogs(DEMO_NODE_B_ID, taskId, { auth: session, flag: 'head', lines: 1 });
    assert.equal(head.log_content.length, 1);
  });

  it('modifies and sets the password of the running VM', async () => {
    assert.match(await client.modifyTask(DEMO_NODE_B_ID, taskId, { new_vnc_port: 5911 }, { auth: session }), /ok|next boot/);
    assert.equal(await client.setTaskPassword(DEMO_NODE_B_ID, taskId, { username: 'dbc', password: 'N3wPassw0rd' }, { auth: session }), 'ok');
    assert.equal((await client.taskInfo(DEMO_NODE_B_ID, taskId, { auth: session })).login_password, 'N3wPassw0rd');
  });

  it('refuses a snapshot of a running VM, then snapshots it once stopped', async () => {
    await assert.rejects(client.createSnapshot(DEMO_NODE_B_ID, taskId, { snapshot_name: 'snap1', image_server: 'ID_1' }, { auth: session }),
      (e: unknown) => e instanceof GpuNodeError && e.errcode === 1 && /close task first/.test(e.nodeMessage));
    assert.equal(await client.stopTask(DEMO_NODE_B_ID, taskId, { auth: session }), 'ok');
    await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'closed');
    assert.equal(await client.createSnapshot(DEMO_NODE_B_ID, taskId, { snapshot_name: 'snap1', description: 'first', image_server: 'ID_1' }, { auth: session }), 'ok');
    assert.equal(client.snapshotRouteStyle, 'source');
    const list = await client.listSnapshots(DEMO_NODE_B_ID, taskId, { auth: session });
    assert.deepEqual(list.map((s) => s.snapshot_name), ['snap1']);
    const info = await client.snapshotInfo(DEMO_NODE_B_ID, taskId, 'snap1', { auth: session });
    assert.equal(info.snapshot_name, 'snap1');
    assert.equal(await client.deleteSnapshot(DEMO_NODE_B_ID, taskId, 'snap1', { auth: session }), 'ok');
    assert.deepEqual(await client.listSnapshots(DEMO_NODE_B_ID, taskId, { auth: session }), []);
  });

  it('starts, force-restarts, resets, shuts down and powers off through the state machine', async () => {
    await client.startTask(DEMO_NODE_B_ID, taskId, { auth: session });
    await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'running');
    await client.restartTask(DEMO_NODE_B_ID, taskId, { auth: session, force: true });
    await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'running');
    await client.resetTask(DEMO_NODE_B_ID, taskId, { auth: session });
    await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'running');
    await client.shutdownTask(DEMO_NODE_B_ID, taskId, { auth: session });
    await waitForStatus(client, DEMO_NODE_B_ID, taskId, session, 'closed');
    await assert.rejects(client.poweroffTask(DEMO_NODE_B_ID, taskId, { auth: session }), (e: unknown) => e instanceof GpuNodeError && /task is shut_off/.test(e.nodeMessage));
  });

  it('deletes the VM: it leaves the list and info says task_id not exist', async () => {
    await client.deleteTask(DEMO_NODE_B_ID, taskId, { auth: wallet });
    const deadline = Date.now() + 10_000;
    while ((await client.listTasks(DEMO_NODE_B_ID, { auth: wallet })).some((t) => t.task_id === taskId)) {
      assert.ok(Date.now() < deadline, 'VM still listed');
      await new Promise((r) => setTimeout(r, 25));
    }
    await assert.rejects(client.taskInfo(DEMO_NODE_B_ID, taskId, { auth: wallet }), (e: unknown) => e instanceof GpuNodeError && e.nodeMessage === 'task_id not exist');
  });

  it('image servers, server and node lists (the "image_name:" key normalized)', async () => {
    assert.deepEqual(await client.imageServers(), ['ID_1', 'ID_2']);
    const server = await client.listServerImages('ID_1');
    assert.ok(server.some((i) => i.image_name === 'ubuntu.qcow2'));
    const node = await client.listNodeImages(DEMO_NODE_A_ID);
    assert.ok(node.length > 0 && node.every((i) => i.image_name.endsWith('.qcow2')));
    const renterView = await client.listNodeImages(DEMO_NODE_A_ID, { auth: wallet, imageServer: 'ID_1' });
    assert.ok(Array.isArray(renterView));
  });

  it('downloads an image onto a node with progress, then deletes it', async () => {
    const filename = 'debian12.qcow2';
    assert.equal(await client.downloadImage(DEMO_NODE_B_ID, { imageServer: 'ID_2', filename, localDir: '/data' }, { auth: session }), 'ok');
    const deadline = Date.now() + 15_000;
    for (;;) {
      const p = await client.downloadProgress(DEMO_NODE_B_ID, filename, { auth: session });
      assert.match(p.progress, /^\d+%$/);
      if (p.status === 'done') break;
      assert.ok(Date.now() < deadline, `download stuck at ${p.progress}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok((await client.listNodeImages(DEMO_NODE_B_ID)).some((i) => i.image_name === filename));
    assert.equal(await client.deleteImage(DEMO_NODE_B_ID, filename, { auth: session }), 'ok');
  });

  it('uploads a node image and a client-node image, with progress and stop', async () => {
    assert.equal(await client.uploadImage({ nodeId: DEMO_NODE_B_ID, imageServer: 'ID_2', filename: 'ubuntu22.04.qcow2' }, { auth: session }), 'ok');
    const p = await client.uploadProgress(DEMO_NODE_B_ID, 'ubuntu22.04.qcow2', { auth: session });
    assert.match(p.status, /uploading|done/);
    assert.equal(await client.stopUpload(DEMO_NODE_B_ID, 'ubuntu22.04.qcow2', { auth: session }), 'ok');
    const local = await client.uploadImage({ imageServer: 'ID_1', filename: 'missing.qcow2' }).catch((e: unknown) => e);
    assert.ok(local === 'ok' || (local instanceof Error && /not exist/.test(local.message)), String(local));
  });
});
