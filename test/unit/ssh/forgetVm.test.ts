import * as assert from 'assert';
import { forgetVm } from '../../../src/ssh/core/forgetVm';
import { hostAliasFor } from '../../../src/ssh/core/hostAlias';
import { addKnownHost, claimEndpoint, endpointOwner, readKnownHostKeys } from '../../../src/ssh/core/knownHosts';
import { portRecordPath, recordCustomPorts, recordedCustomPorts } from '../../../src/ssh/core/portRecord';
import { listVmHosts, upsertVmHost, vmHostEntry } from '../../../src/ssh/core/sshConfig';
import * as fs from 'fs';
import { makeTempHome, type TempHome } from './helpers/tempHome';

const NODE = 'ab'.repeat(32);
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPtOV96NSKWaGY3NWhFv2dhFRMmkyauVpN9q3Nh9+lDo';

describe('ssh forgetVm (after a delete)', () => {
  let t: TempHome;
  beforeEach(() => (t = makeTempHome()));
  afterEach(() => t.cleanup());

  async function connected(taskId: string, port: number): Promise<void> {
    const env = { paths: t.paths };
    const vm = { nodeId: NODE, taskId };
    await upsertVmHost(vmHostEntry({ vm, host: '10.0.0.9', port, user: 'dbc', stage: 'key' }, t.paths), env);
    await claimEndpoint('10.0.0.9', port, vm, env);
    await addKnownHost('10.0.0.9', port, { type: 'ssh-ed25519', data: ED }, env);
  }

  it('removes the VM\'s Host block and releases its ip:port, leaving other VMs alone', async () => {
    const env = { paths: t.paths };
    await connected('gone', 5684);
    await connected('kept', 5685);
    assert.deepStrictEqual(await forgetVm({ nodeId: NODE, taskId: 'gone' }, env), [hostAliasFor({ nodeId: NODE, taskId: 'gone' })]);
    assert.deepStrictEqual((await listVmHosts(env)).map((b) => b.taskId), ['kept']);
    assert.strictEqual(await endpointOwner('10.0.0.9', 5684, env), undefined);
    assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5684, env)).keys.length, 0);
    assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5685, env)).keys.length, 1);
  });

  it('keeps the ip:port of a VM that took it over, and does nothing for a VM never connected', async () => {
    const env = { paths: t.paths };
    await connected('old', 5684);
    await connected('new', 5684); // re-created at the same ip:port
    await forgetVm({ nodeId: NODE, taskId: 'old' }, env);
    assert.deepStrictEqual(await endpointOwner('10.0.0.9', 5684, env), { nodeId: NODE, taskId: 'new' });
    assert.strictEqual((await readKnownHostKeys('10.0.0.9', 5684, env)).keys.length, 1);
    assert.deepStrictEqual(await forgetVm({ nodeId: NODE, taskId: 'never' }, env), []);
    assert.strictEqual(fs.existsSync(portRecordPath(env)), false, 'no ports file made for nothing');
  });

  it('drops the VM\'s recorded custom ports and keeps the others\'', async () => {
    const env = { paths: t.paths };
    await recordCustomPorts({ nodeId: NODE, taskId: 'gone' }, ['tcp,20888:8888'], env);
    await recordCustomPorts({ nodeId: NODE, taskId: 'kept' }, ['udp,6000'], env);
    await forgetVm({ nodeId: NODE, taskId: 'gone' }, env);
    assert.strictEqual(await recordedCustomPorts({ nodeId: NODE, taskId: 'gone' }, env), undefined);
    assert.deepStrictEqual(await recordedCustomPorts({ nodeId: NODE.toUpperCase(), taskId: 'kept' }, env), ['udp,6000']);
    fs.writeFileSync(portRecordPath(env), '{ damaged');
    assert.strictEqual(await recordedCustomPorts({ nodeId: NODE, taskId: 'kept' }, env), undefined);
  });
});
