// `vm create --profile` against the simulator: "auto" ports are planned around the node's VMs and
// the node accepts the result.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_TASK_SSH_PORT } from '../../../src/sim';
import { dbc, ensureBuilt, startSim, walletEnv } from './harness';

describe('cli contract: vm create --profile', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let dir: string;

  before(async () => {
    ensureBuilt();
    sim = await startSim();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dbc-cli-profile-'));
  });
  after(async () => {
    await sim?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates the VM the profile describes, with free ports chosen for "auto"', async () => {
    const env = walletEnv(sim);
    const file = path.join(dir, 'vm.json');
    await fs.writeFile(file, JSON.stringify({
      node: env.DBC_NODE, image: 'ubuntu.qcow2', gpus: 1, cpus: 4, memoryGb: 8, diskGb: 50, description: 'cli-profile',
      sshPort: 'auto', vncPort: 'auto', customPorts: [{ protocol: 'tcp/udp', guest: 8888 }],
    }));
    const { DBC_NODE: _node, ...noNodeEnv } = env;
    const r = await dbc(['vm', 'create', '--profile', file, '--wait'], noNodeEnv);
    assert.equal(r.code, 0, r.stderr);
    const task = r.stdout.trim();
    assert.match(r.stderr, /dbc: ports: ssh_port (\d+), vnc_port (\d+), custom_port tcp,20000:8888, custom_port udp,20000:8888/);
    const info = JSON.parse((await dbc(['vm', 'info', task, '--json'], env)).stdout);
    assert.equal(info.status, 'running');
    assert.notEqual(info.ssh_port, DEMO_TASK_SSH_PORT);
    assert.notEqual(info.vnc_port, '5901', 'the demo VM has VNC 5901');
    assert.equal((await dbc(['vm', 'delete', task, '--wait'], env)).code, 0);
  });
});
