// Host-key checking with OpenSSH's `StrictHostKeyChecking accept-new` semantics, for our own ssh2
// connections: a key already in known_hosts passes, an endpoint with no key is learned, a different
// key (or a revoked one) is refused. The host-key algorithms the endpoint is known by are asked for
// first, so we don't report a "change" only because ssh2 preferred another key type than OpenSSH did.
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { fingerprintOf } from './keys';
import { type HostKey, type HostKeysFound } from './knownHostsText';

export type HostKeyVerdict = 'known' | 'new' | 'changed' | 'revoked';

export interface PresentedHostKey extends HostKey {
  fingerprint: string;
}

/** Reads the key type from an SSH public key blob (a length-prefixed string comes first). */
export function hostKeyFromBlob(blob: Buffer): PresentedHostKey {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  if (len === 0 || 4 + len > blob.length) throw new Error('Malformed host key from server.');
  return { type: blob.toString('latin1', 4, 4 + len), data: blob.toString('base64'), fingerprint: fingerprintOf(blob) };
}

export function judgeHostKey(found: HostKeysFound, presented: HostKey): HostKeyVerdict {
  const same = (k: HostKey): boolean => k.data === presented.data;
  if (found.revoked.some(same)) return 'revoked';
  if (found.keys.some(same)) return 'known';
  return found.keys.length === 0 ? 'new' : 'changed';
}

const ALGORITHMS_BY_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export function preferredHostKeyAlgorithms(known: readonly HostKey[]): ServerHostKeyAlgorithm[] {
  return [...new Set(known.flatMap((k) => ALGORITHMS_BY_KEY_TYPE[k.type] ?? []))];
}
