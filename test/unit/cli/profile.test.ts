import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_SEED } from '../auth/vectors';
import { ok } from '../api/recordingFetch';
import { BASE, cli, gpuError, NODE, TASK } from './harness';

const OTHER_NODE = 'ab'.repeat(32);
const env = { DBC_SEED: TEST_SEED, DBC_NODE: NODE };
const CREATED = { task_id: TASK, status: 'creating' };
const EXISTING = [{ task_id: 'old1', status: 'running' }];
const OLD_INFO = { task_id: 'old1', ssh_port: '5600', vnc_port: '5900', status: 'running' };
const paths = (r: { requests: { url: string }[] }) => r.requests.map((q) => q.url.replace(`${BASE}/api/v1`, ''));

describe('cli: vm create --profile', () => {
  let dir: string;
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-profile-')); });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  async function profile(name: string, content: unknown): Promise<string> {
    const file = path.join(dir, name);
    await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }
  const BASIC = { image: 'ubuntu.qcow2', gpus: 1, cpus: 8, memoryGb: 16, diskGb: 100, description: 'from-profile' };

  it('plans "auto" ports against the node\'s VMs, then creates once', async () => {
    const file = await profile('vm.json', { ...BASIC, customPorts: [{ protocol: 'tcp', guest: 8888 }, 'udp,7000'] });
    const r = await cli(['vm', 'create', '--profile', file], { env, replies: [ok(EXISTING), ok(OLD_INFO), ok(CREATED)] });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/old1', '/tasks/start']);
    assert.deepEqual(r.requests[2]!.body.additional, {
      gpu_count: '1', desc: 'from-profile', image_name: 'ubuntu.qcow2', ssh_port: '5601', vnc_port: '5901',
      cpu_cores: '8', mem_size: '16', disk_size: '100', custom_port: ['tcp,20000:8888', 'udp,7000'],
    });
    assert.match(r.stderr, /dbc: ports: ssh_port 5601, vnc_port 5901, custom_port tcp,20000:8888, custom_port udp,7000/);
    assert.equal(r.stdout, `${TASK}\n`);
  });

  it('flags override profile fields; the profile\'s node beats DBC_NODE, --node beats both', async () => {
    const file = await profile('node.json', { ...BASIC, node: OTHER_NODE, sshPort: 6022, vncPort: 6900 });
    const r = await cli(['vm', 'create', '--profile', file, '--cpus', '4', '--desc', 'flag-desc'], { env, replies: [ok([]), ok(CREATED)] });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.requests[1]!.body.peer_nodes_list, [OTHER_NODE]);
    assert.equal(r.requests[1]!.body.additional.cpu_cores, '4');
    assert.equal(r.requests[1]!.body.additional.desc, 'flag-desc');
    const forced = await cli(['vm', 'create', '--profile', file, '--node', NODE], { env, replies: [ok([]), ok(CREATED)] });
    assert.deepEqual(forced.requests[1]!.body.peer_nodes_list, [NODE]);
  });

  it('a JSON syntax error points at the line and column, exit 2, nothing sent', async () => {
    const file = await profile('broken.json', '{\n  "image": "ubuntu.qcow2",\n  "gpus": 1,,\n}');
    const r = await cli(['vm', 'create', '--profile', file], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:3:\\d+: The profile is not valid JSON at line 3`));
    assert.equal(r.requests.length, 0);
  });

  it('shape and rule problems name profile fields with positions, or the flag that overrode them', async () => {
    const file = await profile('bad.json', { ...BASIC, gpus: 'two', memoryGB: 16, vncPort: 80 });
    const r = await cli(['vm', 'create', '--profile', file], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.json:\d+:\d+: gpus must be a number/);
    assert.match(r.stderr, /bad\.json:\d+:\d+: memoryGB is not a profile field; did you mean memoryGb\?/);
    assert.equal(r.requests.length, 0);
    const rules = await profile('rules.json', { ...BASIC, vncPort: 80 });
    const r2 = await cli(['vm', 'create', '--profile', rules, '--cpus', '0'], { env });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /rules\.json:\d+:\d+: vncPort must be a port number from 5900 to 65535/);
    assert.match(r2.stderr, /^ {2}--cpus must be a whole number greater than 0/m);
    assert.equal(r2.requests.length, 0);
  });

  it('a fixed port that a VM on the node already uses: exit 2 after the read-only lookups, no create', async () => {
    const file = await profile('clash.json', { ...BASIC, sshPort: 5600, vncPort: 'auto' });
    const r = await cli(['vm', 'create', '--profile', file], { env, replies: [ok(EXISTING), ok(OLD_INFO)] });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sshPort: tcp host port 5600 is already used by task old1 \(ssh_port\)/);
    assert.deepEqual(paths(r), ['/tasks', '/tasks/old1']);
  });

  it('--ssh-port auto works without a profile', async () => {
    const r = await cli(['vm', 'create', '--image', 'u.qcow2', '--ssh-port', 'auto', '--vnc-port', 'auto', '--gpus', '0', '--cpus', '1', '--mem', '1', '--disk', '1'],
      { env, replies: [ok(EXISTING), ok(OLD_INFO), ok(CREATED)] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.requests[2]!.body.additional.ssh_port, '5601');
    assert.equal(r.requests[2]!.body.additional.vnc_port, '5901');
  });

  it('an unreadable profile exits 2; a GPU refusal of the create exits 1', async () => {
    const missing = await cli(['vm', 'create', '--profile', path.join(dir, 'none.json')], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the VM profile .*none\.json: ENOENT/);
    const file = await profile('ok.json', BASIC);
    const refused = await cli(['vm', 'create', '--profile', file], { env, replies: [ok([]), gpuError(1, 'allocate gpu failed')] });
    assert.equal(refused.code, 1);
  });
});
