// Finding a VM's Host block in our ssh config file, read-only (sshConfig.ts writes it). Apart from the
// writer so that what runs at activation (the GPU monitor and port forwarding asking for the installed
// key) loads neither the alias choice nor the writing code.
import { type SshFileEnv } from './fileEnv';
import { nodeFs, readRegularText } from './fsPort';
import { blockIsFor, listHostBlocks, type VmHostBlock } from './hostBlockList';
import { type VmRef } from './hostAlias';

export async function listVmHosts(env: SshFileEnv): Promise<VmHostBlock[]> {
  const text = await readRegularText(env.fs ?? nodeFs, env.paths.config);
  return text === undefined ? [] : listHostBlocks(text);
}

/** The VM's block (by its marker; a block of an earlier version by its reversible alias), if it has one. */
export async function findVmHost(vm: VmRef, env: SshFileEnv): Promise<VmHostBlock | undefined> {
  return (await listVmHosts(env)).find((b) => blockIsFor(b, vm));
}
