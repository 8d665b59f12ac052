// The key we install on VMs: one of the user's existing key pairs (`~/.ssh/id_ed25519`, `id_rsa`,
// `id_ecdsa`, in that order) or a dedicated ed25519 pair made for us (`~/.ssh/dbc/id_ed25519`,
// private 600, public 644, no passphrase so Remote-SSH never prompts). We never read private key
// material except to re-derive a missing `.pub` of our own dedicated key.
import { createHash } from 'crypto';
import * as path from 'path';
import { writeFileAtomic } from './atomicFile';
import { type SshFileEnv } from './fileEnv';
import { withFileLock } from './fileLock';
import { errorCode, nodeFs, readTextIfExists, type FsPort } from './fsPort';
import { ssh2 } from './ssh2Lib';

export const USER_KEY_NAMES = ['id_ed25519', 'id_rsa', 'id_ecdsa'] as const;

export interface KeyPairFiles {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The authorized_keys line: `type base64 [comment]`. */
  publicKey: string;
  type: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  source: 'user' | 'dedicated';
}

export interface KeyChoice {
  /** Use (or create) the dedicated key even when the user has keys of their own. */
  preferDedicated?: boolean;
  comment?: string;
}

/** The user's key pairs whose private and public halves both exist and whose `.pub` parses. */
export async function findUserKeys(env: SshFileEnv): Promise<KeyPairFiles[]> {
  const fs = env.fs ?? nodeFs;
  const found: KeyPairFiles[] = [];
  for (const name of USER_KEY_NAMES) {
    const privateKeyPath = path.join(env.paths.sshDir, name);
    const pub = await readPublicKey(fs, `${privateKeyPath}.pub`);
    if (pub && (await exists(fs, privateKeyPath))) found.push({ ...pub, privateKeyPath, publicKeyPath: `${privateKeyPath}.pub`, source: 'user' });
  }
  return found;
}

/** Returns the dedicated key pair, generating it (or its missing `.pub`) under a lock. */
export async function ensureDedicatedKey(env: SshFileEnv, comment = 'dbc-vscode'): Promise<KeyPairFiles> {
  const fs = env.fs ?? nodeFs;
  const privateKeyPath = env.paths.identity;
  const publicKeyPath = `${privateKeyPath}.pub`;
  return withFileLock(fs, privateKeyPath, async () => {
    const existing = await readPublicKey(fs, publicKeyPath);
    const privateText = await readTextIfExists(fs, privateKeyPath);
    if (existing && privateText !== undefined) return { ...existing, privateKeyPath, publicKeyPath, source: 'dedicated' };
    let publicLine: string;
    if (privateText === undefined) {
      const pair = generateEd25519Pair(comment);
      await writeFileAtomic(fs, privateKeyPath, pair.private, { mode: 0o600, dirMode: 0o700 });
      publicLine = pair.public;
    } else {
      publicLine = derivePublicLine(privateText, comment);
    }
    await writeFileAtomic(fs, publicKeyPath, `${publicLine.trim()}\n`, { mode: 0o644, dirMode: 0o700 });
    return { ...describePublicKey(publicLine), privateKeyPath, publicKeyPath, source: 'dedicated' };
  }, env.lock);
}

/** The first user key, else the dedicated key (created if needed). */
export async function chooseKey(env: SshFileEnv, choice: KeyChoice = {}): Promise<KeyPairFiles> {
  if (!choice.preferDedicated) {
    const [first] = await findUserKeys(env);
    if (first) return first;
  }
  return ensureDedicatedKey(env, choice.comment);
}

/**
 * An ed25519 pair in OpenSSH format. ssh2's generator drops leading zero bytes of the public key,
 * so about one pair in 256 does not parse (mscdex/ssh2#1390, #1513); such pairs are made again.
 */
export function generateEd25519Pair(comment?: string): { private: string; public: string } {
  const { utils } = ssh2();
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', comment === undefined ? {} : { comment });
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

export function describePublicKey(line: string): { publicKey: string; type: string; fingerprint: string } {
  const parsed = ssh2().utils.parseKey(line.trim());
  if (parsed instanceof Error || parsed.isPrivateKey()) throw new Error('Not an OpenSSH public key.');
  const blob = parsed.getPublicSSH();
  return { publicKey: line.trim(), type: parsed.type, fingerprint: fingerprintOf(blob) };
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function derivePublicLine(privateText: string, comment: string): string {
  const parsed = ssh2().utils.parseKey(privateText);
  if (parsed instanceof Error) throw new Error(`Cannot read the dedicated private key: ${parsed.message}`);
  return `${parsed.type} ${parsed.getPublicSSH().toString('base64')} ${parsed.comment || comment}`;
}

async function readPublicKey(fs: FsPort, file: string): Promise<ReturnType<typeof describePublicKey> | undefined> {
  const text = await readTextIfExists(fs, file);
  if (text === undefined) return undefined;
  try {
    return describePublicKey(text.split(/\r?\n/)[0]);
  } catch {
    return undefined;
  }
}

async function exists(fs: FsPort, file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}
