// Reading and writing our Host blocks (in `~/.ssh/dbc/config` or a file the user names) and the Include
// line in `~/.ssh/config`. The text logic is pure (hostBlocks.ts, includeLine.ts); these functions add
// locking and atomic writes, so two windows (or the CLI and an editor) can upsert at the same time and
// both survive. Edits work on the file's bytes (latin1 text), so bytes outside our lines never change,
// even in a file that is not valid UTF-8.
import { editFileLocked } from './atomicFile';
import { type SshFileEnv } from './fileEnv';
import { nodeFs, readRegularText } from './fsPort';
import { type AliasNaming } from './aliasChoice';
import { foreignHostNames, removeHostBlock, SshConfigConflict, upsertHostBlockAs, type AuthStage, type VmHostEntry } from './hostBlocks';
import { type VmRef } from './hostAlias';
import { ensureInclude, removeInclude } from './includeLine';
import { type SshPaths } from './paths';

export type { SshFileEnv } from './fileEnv';

export { ensureInclude, removeInclude, hasInclude, FENCE_START, FENCE_END } from './includeLine';
export { renderHostBlock, upsertHostBlock, removeHostBlock, listHostBlocks, blockIsFor, SshConfigConflict } from './hostBlocks';
export type { AliasNaming } from './aliasChoice';
export { findVmHost, listVmHosts } from './vmHostLookup';
export { UnsafeTargetError } from './fileTarget';
export type { AuthStage, VmHostBlock, VmHostEntry } from './hostBlocks';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Builds an entry whose identity and known_hosts default to the files in `paths`. */
export function vmHostEntry(
  args: { vm: VmRef; alias?: string; naming?: AliasNaming; host: string; port: number; user: string; stage: AuthStage; identityFile?: string },
  paths: SshPaths,
): VmHostEntry {
  return {
    vm: args.vm,
    ...(args.alias === undefined ? {} : { alias: args.alias }),
    ...(args.naming === undefined ? {} : { naming: args.naming }),
    hostName: args.host,
    port: args.port,
    user: args.user,
    identityFile: args.identityFile ?? paths.identity,
    knownHostsFile: paths.knownHosts,
    stage: args.stage,
  };
}

/**
 * Adds or replaces the VM's block. Resolves to whether the file changed. Rejects with SshConfigConflict
 * (naming the file and line) when the file has a block of that alias that we did not write, and with
 * UnsafeTargetError when the file is not a regular writable file.
 */
export async function upsertVmHost(entry: VmHostEntry, env: SshFileEnv): Promise<boolean> {
  return (await writeVmHost(entry, env)).changed;
}

/**
 * upsertVmHost, also telling the alias the block got: the VM's alias in the file, else a new readable one
 * (aliasChoice.ts), chosen under the file's lock so two writers never give one alias to two VMs.
 */
export async function writeVmHost(entry: VmHostEntry, env: SshFileEnv): Promise<{ changed: boolean; alias: string }> {
  const binary = { ...entry, identityFile: toBytes(entry.identityFile), knownHostsFile: toBytes(entry.knownHostsFile) };
  const userHosts = await userHostNames(env);
  let alias = '';
  const changed = await editConfigBytes(env, (text) => {
    const result = upsertHostBlockAs(text ?? '', binary, userHosts);
    alias = result.alias;
    return result.text;
  });
  return { changed, alias };
}

/** The Host names in the user's `~/.ssh/config` (when our blocks live in another file), for a new alias to avoid. */
async function userHostNames(env: SshFileEnv): Promise<string[]> {
  if (env.paths.userConfig === env.paths.config) return [];
  const text = await readRegularText(env.fs ?? nodeFs, env.paths.userConfig).catch(() => undefined);
  return text === undefined ? [] : foreignHostNames(text);
}

/** Removes our block of `alias`. Resolves to whether the file changed. */
export function removeVmHost(alias: string, env: SshFileEnv): Promise<boolean> {
  return editConfigBytes(env, (text) => (text === undefined ? undefined : removeHostBlock(text, alias)));
}

/** Makes `~/.ssh/config` include our file (creating `~/.ssh` 700 and the file 600 if missing). */
export function ensureUserInclude(env: SshFileEnv): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.userConfig, (text) => ensureInclude(text ?? '', toBytes(env.paths.config)), {
    mode: FILE_MODE,
    dirMode: DIR_MODE,
    lock: env.lock,
    encoding: 'latin1',
  });
}

export function removeUserInclude(env: SshFileEnv): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.userConfig, (text) => (text === undefined ? undefined : removeInclude(text)), {
    lock: env.lock,
    encoding: 'latin1',
  });
}

async function editConfigBytes(env: SshFileEnv, edit: (text: string | undefined) => string | undefined): Promise<boolean> {
  const file = env.paths.config;
  try {
    return await editFileLocked(env.fs ?? nodeFs, file, edit, {
      mode: FILE_MODE,
      dirMode: DIR_MODE,
      lock: env.lock,
      encoding: 'latin1',
    });
  } catch (err) {
    throw err instanceof SshConfigConflict ? err.inFile(file) : err;
  }
}

/** A UTF-8 string as the latin1 text of its bytes (what an edit in `latin1` mode works on). */
function toBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
