// The `custom_port` rules each VM was created or modified with, in `~/.ssh/dbc/ports.json`: the node's
// task info does not report them, and the port list of a VM needs them. The CLI and the extension write
// it after a create or modify the node accepted; it is only ever a hint, so a missing or damaged file
// counts as empty.
import * as path from 'path';
import { editFileLocked } from './atomicFile';
import { type SshFileEnv } from './fileEnv';
import { nodeFs, readTextIfExists } from './fsPort';
import { type VmRef } from './hostAlias';

interface PortFile {
  version: 1;
  vms: Record<string, { custom_port: string[]; recorded: string }>;
}

export function portRecordPath(env: SshFileEnv): string {
  return path.join(env.paths.dbcDir, 'ports.json');
}

const keyOf = (vm: VmRef): string => `${vm.nodeId.toLowerCase()}/${vm.taskId}`;

/** Remembers the VM's rules (replacing earlier ones); an empty list is remembered too. */
export async function recordCustomPorts(vm: VmRef, customPorts: readonly string[], env: SshFileEnv): Promise<void> {
  await editPorts(env, (file) => {
    file.vms[keyOf(vm)] = { custom_port: [...customPorts], recorded: new Date().toISOString() };
    return true;
  });
}

export async function forgetCustomPorts(vm: VmRef, env: SshFileEnv): Promise<void> {
  await editPorts(env, (file) => keyOf(vm) in file.vms && delete file.vms[keyOf(vm)]);
}

/** The recorded rules, or undefined when nothing was recorded for the VM. */
export async function recordedCustomPorts(vm: VmRef, env: SshFileEnv): Promise<string[] | undefined> {
  return parsePorts(await readTextIfExists(env.fs ?? nodeFs, portRecordPath(env))).vms[keyOf(vm)]?.custom_port;
}

/** `change` returns whether it changed anything (else the file is left as it is, or not created). */
async function editPorts(env: SshFileEnv, change: (file: PortFile) => boolean): Promise<void> {
  await editFileLocked(env.fs ?? nodeFs, portRecordPath(env), (text) => {
    const file = parsePorts(text);
    return change(file) ? `${JSON.stringify(file, null, 2)}\n` : undefined;
  }, { mode: 0o600, dirMode: 0o700, lock: env.lock });
}

function parsePorts(text: string | undefined): PortFile {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<PortFile>;
    if (parsed.version === 1 && typeof parsed.vms === 'object' && parsed.vms !== null) {
      const vms = Object.fromEntries(Object.entries(parsed.vms).filter(([, v]) => Array.isArray(v?.custom_port) && v.custom_port.every((p) => typeof p === 'string')));
      return { version: 1, vms };
    }
  } catch {
    // a damaged file counts as empty
  }
  return { version: 1, vms: {} };
}
