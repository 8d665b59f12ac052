import assert from 'node:assert/strict';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, gpuError, NODE, reply, TASK } from './harness';

const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
const LINUX = ['--image', 'ubuntu.qcow2', '--ssh-port', '5684', '--vnc-port', '5904', '--gpus', '1', '--cpus', '8', '--mem', '16', '--disk', '100'];
const CREATED = { task_id: TASK, create_time: '2024-05-01 10:00:00', desc: '', status: 'creating' };
const paths = (r: { requests: { url: string }[] }) => r.requests.map((q) => q.url.replace(`${BASE}/api/v1`, ''));

describe('cli: vm create', () => {
  it('maps every flag one to one onto additional (strings only, tcp/udp expanded)', async () => {
    const r = await cli(['vm', 'create', ...LINUX,
      '--os', 'ubuntu 20.04', '--bios', 'legacy', '--rdp-port', '5685',
      '--custom-port', 'tcp/udp,123', '--custom-port', 'tcp,111:222', '--multicast', '230.0.0.1:5558', '--multicast', '231.1.1.1:6000',
      '--desc', 'train-1', '--custom-image-name', 'my-ubuntu', '--task-id', 'abcdefghij0123456789', '--data-file', 'data.qcow2',
      '--network', 'lan0001', '--network-filter', 'in,tcp,22,0.0.0.0/0,accept', '--interface-model', 'e1000',
    ], { env, replies: [ok([]), ok(CREATED)] });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/start']);
    assert.deepEqual(r.requests[1]!.body.additional, {
      task_id: 'abcdefghij0123456789', gpu_count: '1', desc: 'train-1', operation_system: 'ubuntu 20.04', bios_mode: 'legacy',
      image_name: 'ubuntu.qcow2', ssh_port: '5684', rdp_port: '5685', vnc_port: '5904', cpu_cores: '8', mem_size: '16', disk_size: '100',
      data_file_name: 'data.qcow2', network_name: 'lan0001', custom_port: ['tcp,123', 'udp,123', 'tcp,111:222'],
      multicast: ['230.0.0.1:5558', '231.1.1.1:6000'], network_filters: ['in,tcp,22,0.0.0.0/0,accept'], interface_model_type: 'e1000',
      custom_image_name: 'my-ubuntu',
    });
    assert.equal(r.stdout, `${TASK}\n`);
  });

  it('--json prints the create reply', async () => {
    const r = await cli(['vm', 'create', ...LINUX, '--json'], { env, replies: [ok([]), ok(CREATED)] });
    assert.deepEqual(JSON.parse(r.stdout), CREATED);
  });

  it('validation failures list every problem by flag, exit 2, and send nothing', async () => {
    const r = await cli(['vm', 'create', '--image', 'ubuntu.img', '--vnc-port', '80', '--gpus', '-1', '--cpus', '8', '--mem', '16', '--disk', '100',
      '--custom-port', 'tcp,0800', '--multicast', '10.0.0.1:5000'], { env });
    assert.equal(r.code, 2);
    assert.equal(r.requests.length, 0);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'dbc: vm create: nothing was sent, because:');
    const text = lines.slice(1).join('\n');
    assert.match(text, /--gpus must be a whole number of 0 or more/);
    assert.match(text, /--image must be an image file name ending in \.qcow2, got "ubuntu\.img"/);
    assert.match(text, /--ssh-port is required/);
    assert.match(text, /--vnc-port must be a port number from 5900 to 65535/);
    assert.match(text, /--custom-port #1: port "0800" must not start with 0/);
    assert.match(text, /--multicast #1: 10\.0\.0\.1 is not a multicast address/);
  });

  it('a port clash between two flags names both flags', async () => {
    const r = await cli(['vm', 'create', '--image', 'u.qcow2', '--ssh-port', '6000', '--vnc-port', '6000', '--gpus', '0', '--cpus', '1', '--mem', '1', '--disk', '1'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ssh-port.*6000.*--vnc-port|--vnc-port.*6000.*--ssh-port/);
  });

  it('a desc with a double quote is refused before sending', async () => {
    const r = await cli(['vm', 'create', ...LINUX, '--desc', 'say "hi"'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--desc must not contain double quotes/);
    assert.equal(r.requests.length, 0);
  });

  it('a GPU-side validation error exits 1', async () => {
    const r = await cli(['vm', 'create', ...LINUX], { env, replies: [ok([]), gpuError(1, 'allocate gpu failed')] });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'dbc: tasks.create failed: errcode 1: allocate gpu failed\n');
  });

  it('--wait polls task info until running', async () => {
    const r = await cli(['vm', 'create', ...LINUX, '--wait'], { env, replies: [ok([]), ok(CREATED), ok({ ...CREATED, status: 'creating' }), ok({ ...CREATED, status: 'running' })] });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/start', `/tasks/${TASK}`, `/tasks/${TASK}`]);
    assert.equal(r.stdout, `${TASK}\n`);
    assert.match(r.stderr, /creating \(\d+ s\)\n(.*\n)?.*running/);
  });

  it('--wait ending in "create error" exits 1', async () => {
    const r = await cli(['vm', 'create', ...LINUX, '--wait'], { env, replies: [ok([]), ok(CREATED), ok({ ...CREATED, status: 'create error' })] });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /tasks\.create failed: task .* ended in status "create error"/);
  });

  it('a create timeout is never retried: lists again, reports the new VM, exit 4', async () => {
    const other = { task_id: 'old1', status: 'running' };
    const r = await cli(['vm', 'create', ...LINUX, '--wait'], {
      env, replies: [ok([other]), reply(500, { errcode: -1, message: 'create task timeout' }), ok([other, { task_id: TASK, status: 'creating' }])],
    });
    assert.equal(r.code, 4);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/start', '/tasks']);
    assert.equal(r.stdout, `${TASK}\n`);
    assert.match(r.stderr, /create task timeout/);
    assert.match(r.stderr, /a new VM appeared: Gz3SL4zw1wKGNxKCkCS5eZ \(creating\)\. Check with: dbc vm info Gz3SL4zw1wKGNxKCkCS5eZ — do not create again/);
  });

  it('a reset connection during create with no new VM: exit 4, tells to check', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const r = await cli(['vm', 'create', ...LINUX, '--json'], { env, replies: [ok([]), reset, ok([])] });
    assert.equal(r.code, 4);
    assert.deepEqual(JSON.parse(r.stdout), { outcome: 'unknown', new_tasks: [] });
    assert.match(r.stderr, /no new VM is listed yet; it may still appear\. Check with: dbc vm list/);
    assert.equal(paths(r).filter((p) => p === '/tasks/start').length, 1);
  });

  it('a refused connection during create is not an unknown outcome (exit 4, no reconciliation)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const r = await cli(['vm', 'create', ...LINUX], { env, replies: [ok([]), refused] });
    assert.equal(r.code, 4);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/start']);
  });
});

/** Task info and node info, asked before a modify that does not name the public IP. */
const currentIp = (sshIp: string) => [ok({ task_id: TASK, ssh_ip: sshIp, status: 'running' }), ok({ ip: '*.51.*.142' })];

describe('cli: vm modify', () => {
  it('maps the flags onto additional, sending the VM\'s own public IP again', async () => {
    const r = await cli(['vm', 'modify', TASK, '--new-ssh-port', '5586', '--new-vnc-port', '5986', '--new-rdp-port', '5786',
      '--new-custom-port', 'tcp,123', '--new-custom-port', 'tcp/udp,555-666:777-888', '--new-gpus', '2', '--new-cpus', '8', '--new-mem', '8'],
    { env, replies: [...currentIp('203.0.113.7'), ok('some changes will take effect on the next boot')] });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.requests.map((q) => new URL(q.url).pathname), [`/api/v1/tasks/${TASK}`, '/api/v1/mining_nodes', `/api/v1/tasks/modify/${TASK}`]);
    assert.deepEqual(r.requests[2]!.body.additional, {
      new_ssh_port: '5586', new_rdp_port: '5786', new_custom_port: ['tcp,123', 'tcp,555-666:777-888', 'udp,555-666:777-888'],
      new_vnc_port: '5986', new_gpu_count: '2', new_cpu_cores: '8', new_mem_size: '8', new_public_ip: '203.0.113.7',
    });
    assert.equal(r.stdout, `${TASK}: modified (some changes will take effect on the next boot)\n`);
  });

  it('without a flag, names the flags to use (never the wire names) and sends nothing', async () => {
    const r = await cli(['vm', 'modify', TASK], { env });
    assert.equal(r.code, 2);
    assert.equal(r.requests.length, 0);
    assert.match(r.stderr, /Nothing to change: give at least one of --new-public-ip, --new-ssh-port, .*--new-mem\.$/m);
    assert.doesNotMatch(r.stderr, /new_|_port|_size/);
  });

  it('--clear-custom-ports sends an empty list; a VM on the host\'s address sends no public IP', async () => {
    const r = await cli(['vm', 'modify', TASK, '--clear-custom-ports'], { env, replies: currentIp('198.51.100.142') });
    assert.deepEqual(r.requests[2]!.body.additional, { new_custom_port: [] });
  });

  it('--new-public-ip or --clear-public-ip: no lookup; the seed\'s --increase-disk is gone', async () => {
    const set = await cli(['vm', 'modify', TASK, '--new-public-ip', '203.0.113.9'], { env });
    assert.deepEqual(set.requests.map((q) => q.body.additional), [{ new_public_ip: '203.0.113.9' }]);
    const clear = await cli(['vm', 'modify', TASK, '--clear-public-ip', '--new-ssh-port', '5586'], { env });
    assert.deepEqual(clear.requests.map((q) => q.body.additional), [{ new_ssh_port: '5586', new_public_ip: '' }]);
    const only = await cli(['vm', 'modify', TASK, '--clear-public-ip'], { env });
    assert.deepEqual(only.requests.map((q) => q.body.additional), [{ new_public_ip: '' }], 'a change on its own');
    const gone = await cli(['vm', 'modify', TASK, '--increase-disk', '10'], { env });
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /unknown option '--increase-disk'/);
  });

  it('refuses to guess when the node does not say what the host address is', async () => {
    const r = await cli(['vm', 'modify', TASK, '--new-ssh-port', '5586'], { env, replies: [ok({ task_id: TASK, ssh_ip: '10.0.0.5', status: 'running' }), ok({})] });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot tell whether the VM has its own public IP.*--new-public-ip IP or --clear-public-ip/);
    assert.equal(r.requests.length, 2, 'no modify was sent');
  });

  it('nothing to change, or a bad value: exit 2, nothing sent', async () => {
    const none = await cli(['vm', 'modify', TASK], { env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Nothing to change/);
    const bad = await cli(['vm', 'modify', TASK, '--new-vnc-port', '22', '--new-ssh-port', '5000', '--new-rdp-port', '5000'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--new-vnc-port must be a port number from 5900/);
    assert.match(bad.stderr, /--new-rdp-port and --new-ssh-port must differ|--new-ssh-port and --new-rdp-port must differ/);
    assert.equal(none.requests.length + bad.requests.length, 0);
  });
});

describe('cli: snapshot create', () => {
  it('defaults to the only image server and sends the name and the description as desc (the node always takes vda)', async () => {
    const r = await cli(['snapshot', 'create', TASK, 'snap1', '--desc', 'after setup'],
      { env, replies: [ok({ image_server: ['ID_1'] }), ok([]), ok('ok')] });
    assert.equal(r.code, 0, r.stderr);
    const create = r.requests.at(-1)!;
    assert.equal(create.url, `${BASE}/api/v1/snapshot/create/${TASK}`);
    assert.deepEqual(create.body.additional, { snapshot_name: 'snap1', desc: 'after setup', image_server: 'ID_1' });
    const disk = await cli(['snapshot', 'create', TASK, 'snap1', '--disk', 'vdb'], { env });
    assert.equal(disk.code, 2);
    assert.match(disk.stderr, /unknown option '--disk'/);
  });

  it('an unknown image server or a bad name exits 2 before the create', async () => {
    const r = await cli(['snapshot', 'create', TASK, 'bad name', '--image-server', 'ID_9'], { env, replies: [ok({ image_server: ['ID_1', 'ID_2'] })] });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the snapshot name may contain only letters/);
    assert.match(r.stderr, /--image-server must be one of the image servers of the client node \(ID_1, ID_2\), got "ID_9"/);
    assert.deepEqual(paths(r), ['/images/servers']);
  });

  it('several image servers and no --image-server: exit 2', async () => {
    const r = await cli(['snapshot', 'create', TASK, 's1'], { env, replies: [ok({ image_server: ['ID_1', 'ID_2'] })] });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /choose an image server with --image-server \(one of ID_1, ID_2\)/);
  });
});
