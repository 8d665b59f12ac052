// Our known_hosts (`~/.ssh/dbc/known_hosts`, used by ssh through `UserKnownHostsFile` with
// `StrictHostKeyChecking accept-new`, and by bootstrap.ts). DBC recycles endpoints: a VM deleted and
// re-created on the same node can get the same ip:port with a new host key, which `accept-new`
// would reject as "REMOTE HOST IDENTIFICATION HAS CHANGED".
//
// Policy: `claimEndpoint(host, port, vm)` records which VM (node id + task id) uses an ip:port in a
// small JSON sidecar (`endpoints.json`) and resets the endpoint's known_hosts entries whenever the
// recorded owner differs, or no owner is recorded (so a lost sidecar errs towards re-learning the
// key once). Call it before every connect. `resetHost` is there for callers that decide
// themselves, e.g. when a VM is deleted.
import { editFileLocked } from './atomicFile';
import { nodeFs, readTextIfExists } from './fsPort';
import { type VmRef } from './hostAlias';
import { appendKnownHost, findHostKeys, removeKnownHost, type HostKey, type HostKeysFound } from './knownHostsText';
import { type SshFileEnv } from './fileEnv';

export { knownHostsPattern, findHostKeys, removeKnownHost, appendKnownHost, hashHostPattern } from './knownHostsText';
export type { HostKey, HostKeysFound } from './knownHostsText';

interface EndpointRecord {
  nodeId: string;
  taskId: string;
  since: string;
}

interface EndpointFile {
  version: 1;
  endpoints: Record<string, EndpointRecord>;
}

/** Removes every entry of `[host]:port` (hashed or not). Resolves to the number of host entries removed. */
export async function resetHost(host: string, port: number, env: SshFileEnv): Promise<number> {
  let removed = 0;
  await editFileLocked(env.fs ?? nodeFs, env.paths.knownHosts, (text) => {
    if (text === undefined) return undefined;
    const result = removeKnownHost(text, host, port);
    removed = result.removed;
    return result.text;
  }, { lock: env.lock });
  return removed;
}

export async function readKnownHostKeys(host: string, port: number, env: SshFileEnv): Promise<HostKeysFound> {
  const text = await readTextIfExists(env.fs ?? nodeFs, env.paths.knownHosts);
  return findHostKeys(text ?? '', host, port);
}

/** Adds a key for the endpoint unless that exact key is already there. */
export function addKnownHost(host: string, port: number, key: HostKey, env: SshFileEnv): Promise<boolean> {
  return editFileLocked(env.fs ?? nodeFs, env.paths.knownHosts, (text) => {
    const current = text ?? '';
    const known = findHostKeys(current, host, port).keys;
    return known.some((k) => k.type === key.type && k.data === key.data) ? undefined : appendKnownHost(current, host, port, key);
  }, { mode: 0o600, dirMode: 0o700, lock: env.lock });
}

/**
 * Records `vm` as the user of `host:port`; if another (or no) VM was recorded, resets the endpoint's
 * known_hosts entries first. Resolves to whether a reset happened.
 */
export async function claimEndpoint(host: string, port: number, vm: VmRef, env: SshFileEnv): Promise<boolean> {
  let changedOwner = false;
  await editEndpoints(env, (file) => {
    const key = endpointKey(host, port);
    const current = file.endpoints[key];
    if (current?.nodeId === vm.nodeId && current.taskId === vm.taskId) return false;
    file.endpoints[key] = { nodeId: vm.nodeId, taskId: vm.taskId, since: new Date().toISOString() };
    changedOwner = true;
    return true;
  });
  if (changedOwner) await resetHost(host, port, env);
  return changedOwner;
}

/** Forgets the endpoint (e.g. the VM was deleted) and resets its known_hosts entries. */
export async function releaseEndpoint(host: string, port: number, env: SshFileEnv): Promise<void> {
  await editEndpoints(env, (file) => delete file.endpoints[endpointKey(host, port)]);
  await resetHost(host, port, env);
}

export async function endpointOwner(host: string, port: number, env: SshFileEnv): Promise<VmRef | undefined> {
  const file = parseEndpoints(await readTextIfExists(env.fs ?? nodeFs, env.paths.endpoints));
  const rec = file.endpoints[endpointKey(host, port)];
  return rec ? { nodeId: rec.nodeId, taskId: rec.taskId } : undefined;
}

function endpointKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

async function editEndpoints(env: SshFileEnv, change: (file: EndpointFile) => boolean): Promise<void> {
  await editFileLocked(env.fs ?? nodeFs, env.paths.endpoints, (text) => {
    const file = parseEndpoints(text);
    return change(file) ? `${JSON.stringify(file, null, 2)}\n` : undefined;
  }, { mode: 0o600, dirMode: 0o700, lock: env.lock });
}

/** A missing or malformed sidecar counts as empty: the worst case is one extra reset. */
function parseEndpoints(text: string | undefined): EndpointFile {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<EndpointFile>;
    if (parsed.version === 1 && typeof parsed.endpoints === 'object' && parsed.endpoints !== null) {
      return { version: 1, endpoints: parsed.endpoints };
    }
  } catch {
    // fall through
  }
  return { version: 1, endpoints: {} };
}
