// Reading and writing our ssh config (`~/.ssh/dbc/config`) and the Include line in `~/.ssh/config`.
// The text logic is pure (hostBlocks.ts, includeLine.ts); these functions add locking and atomic
// writes, so two windows (or the CLI and an editor) can upsert at the same time and both survive.
import { editFileLocked } from './atomicFile';
import { type SshFileEnv } from './fileEnv';
import { nodeFs, readTextIfExists } from './fsPort';
import { listHostBlocks, removeHostBlock, upsertHostBlock, type AuthStage, type VmHostBlock, type VmHostEntry } from './hostBlocks';
import { type VmRef } from './hostAlias';
import { ensureInclude, removeInclude } from './includeLine';
import { type SshPaths } from './paths';

export type { SshFileEnv } from './fileEnv';

export { ensureInclude, removeInclude, hasInclude, FENCE_START, FENCE_END } from './includeLine';
export { renderHostBlock, upsertHostBlock, removeHostBlock, listHostBlocks, CONFIG_HEADER } from './hostBlocks';
export type { AuthStage, VmHostBlock, VmHostEntry } from './hostBlocks';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Builds an entry whose identity and known_hosts default to the files in `paths`. */
export function vmHostEntry(
  args: { vm: VmRef; host: string; port: number; user: string; stage: AuthStage; identityFile?: string },
  paths: SshPaths,
): VmHostEntry {
  return {
    vm: args.vm,
    hostName: args.host,
    port: args.port,
    user: args.user,
    identityFile: args.identityFile ?? paths.identity,
    knownHostsFile: paths.knownHosts,
    stage: args.stage,
  };
}

/** Adds or replaces the VM's block. Resolves to whether the file changed. */
export function upsertVmHost(entry: VmHostEntry, env: SshFileEnv): Promise<boolean> {
  return editOwnConfig(env, (text) => upsertHostBlock(text, entry));
}

/** Removes the block of `alias`. Resolves to whether the file changed. */
export function removeVmHost(alias: string, env: SshFileEnv): Promise<boolean> {
  return editOwnConfig(env, (text) => (listHostBlocks(text).some((b) => b.alias === alias) ? removeHostBlock(text, alias) : text));
}

export async function listVmHosts(env: SshFileEnv): Promise<VmHostBlock[]> {
  const text = await readTextIfExists(env.fs ?? nodeFs, env.paths.config);
  return text === undefined ? [] : listHostBlocks(text);
}

/** Makes `~/.ssh/config` include our file (creating `~/.ssh` 700 and the file 600 if missing). */
export function ensureUserInclude(env: SshFileEnv): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.userConfig, (text) => ensureInclude(text ?? '', env.paths.config), {
    mode: FILE_MODE,
    dirMode: DIR_MODE,
    lock: env.lock,
  });
}

export function removeUserInclude(env: SshFileEnv): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.userConfig, (text) => (text === undefined ? undefined : removeInclude(text)), {
    lock: env.lock,
  });
}

function editOwnConfig(env: SshFileEnv, edit: (text: string) => string): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.config, (text) => edit(text ?? ''), {
    mode: FILE_MODE,
    dirMode: DIR_MODE,
    lock: env.lock,
  });
}
