// Logging in to a VM with the key DBC installed on it (for GPU telemetry and port forwarding): which
// key that is, from the VM's key-only Host block in our ssh config, and an ssh2 connection with it.
// Same host-key rules as Remote-SSH (our known_hosts, accept-new); a key with a passphrase is used
// through the ssh-agent.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type SshFileEnv } from './fileEnv';
import { type VmRef } from './hostAlias';
import { claimEndpoint } from './knownHosts';
import { connectVerified, type SshAuth, type SshEndpoint, type VerifiedSession } from './sshClient';
import { type SshTarget } from './sshCommand';
import { findVmHost } from './vmHostLookup';
import { SshError } from './sshErrors';
import { ssh2 } from './ssh2Lib';

export interface KeyLogin extends SshEndpoint {
  identityFile: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK), for a key with a passphrase. */
  agentSocket?: string;
}

/**
 * The private key installed on the VM: the IdentityFile of its Host block when that block is key-only
 * and points at the VM's current endpoint and user, and the file exists. Undefined otherwise: the user
 * has not connected once yet (or the VM moved), so no key can be assumed to work.
 */
export async function installedKey(vm: VmRef, target: SshTarget, env: SshFileEnv, home: string = os.homedir()): Promise<string | undefined> {
  const block = await findVmHost(vm, env);
  if (!block || block.stage !== 'key' || !block.identityFile) return undefined;
  if (block.hostName !== target.host || block.port !== target.port || block.user !== target.user) return undefined;
  const file = expandTilde(block.identityFile, home);
  try {
    await fs.access(file);
    return file;
  } catch {
    return undefined;
  }
}

/** Claims the endpoint for `vm` (resetting a re-created VM's known host, as connect does) and logs in. */
export async function connectWithKey(login: KeyLogin & { vm?: VmRef }): Promise<VerifiedSession> {
  if (login.vm) await claimEndpoint(login.host, login.port, login.vm, login.env);
  return connectVerified(login, await keyAuth(login.identityFile, login.agentSocket));
}

async function keyAuth(file: string, agent: string | undefined): Promise<SshAuth> {
  let privateKey: Buffer;
  try {
    privateKey = await fs.readFile(file);
  } catch (err) {
    throw new SshError('auth-failed', `Cannot read the SSH key ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`, { cause: err });
  }
  const parsed = ssh2().utils.parseKey(privateKey);
  if (!(parsed instanceof Error)) return { kind: 'key', privateKey, label: file, ...(agent ? { agent } : {}) };
  if (/passphrase|encrypted/i.test(parsed.message)) {
    if (agent) return { kind: 'agent', agent, label: `${file} (through ssh-agent)` };
    throw new SshError('auth-failed', `The SSH key ${file} has a passphrase: add it to the ssh-agent (ssh-add ${file}) and try again.`);
  }
  throw new SshError('auth-failed', `The SSH key ${file} cannot be read: ${parsed.message}.`);
}

function expandTilde(file: string, home: string): string {
  const unquoted = file.replace(/^"(.*)"$/, '$1');
  if (unquoted === '~') return home;
  return unquoted.startsWith('~/') ? path.join(home, unquoted.slice(2)) : unquoted;
}
