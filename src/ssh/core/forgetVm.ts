// After a VM is deleted: its Host block leaves our ssh config, the ip:port it held is released (its
// known_hosts entries reset) unless another VM has claimed it since, and its recorded custom ports are
// dropped. The user's own files are not touched.
import { type SshFileEnv } from './fileEnv';
import { type VmRef } from './hostAlias';
import { endpointOwner, releaseEndpoint } from './knownHosts';
import { forgetCustomPorts } from './portRecord';
import { blockIsFor, removeVmHost } from './sshConfig';
import { listVmHosts } from './vmHostLookup';

/** Resolves to the aliases removed. */
export async function forgetVm(vm: VmRef, env: SshFileEnv): Promise<string[]> {
  const blocks = (await listVmHosts(env)).filter((b) => blockIsFor(b, vm));
  for (const block of blocks) {
    await removeVmHost(block.alias, env);
    if (block.hostName === undefined || block.port === undefined) continue;
    const owner = await endpointOwner(block.hostName, block.port, env);
    if (owner?.taskId === vm.taskId && owner.nodeId === vm.nodeId) await releaseEndpoint(block.hostName, block.port, env);
  }
  await forgetCustomPorts(vm, env);
  return blocks.map((b) => b.alias);
}
