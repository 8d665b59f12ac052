// Which public key the bootstrap installs on VMs: the key forced by `dbc.ssh.identityFile`, else the
// choice remembered from the first QuickPick (one of the user's keys, or a dedicated ed25519 key made
// for DBC). With no key of their own there is nothing to choose: the dedicated key is made. Pure.
import type { KeyPairFiles } from '../../../ssh/core/keys';

export type StoredKey = { kind: 'dedicated' } | { kind: 'user'; privateKeyPath: string };

export type KeyDecision =
  | { kind: 'forced'; privateKeyPath: string }
  | { kind: 'user'; key: KeyPairFiles }
  | { kind: 'dedicated' }
  | { kind: 'ask'; userKeys: KeyPairFiles[] };

export function keyDecision(forced: string | undefined, stored: StoredKey | undefined, userKeys: KeyPairFiles[]): KeyDecision {
  if (forced?.trim()) return { kind: 'forced', privateKeyPath: forced.trim() };
  if (stored?.kind === 'dedicated') return { kind: 'dedicated' };
  const remembered = stored && userKeys.find((k) => k.privateKeyPath === stored.privateKeyPath);
  if (remembered) return { kind: 'user', key: remembered };
  return userKeys.length === 0 ? { kind: 'dedicated' } : { kind: 'ask', userKeys };
}

export function storedKeyOf(key: KeyPairFiles): StoredKey {
  return key.source === 'dedicated' ? { kind: 'dedicated' } : { kind: 'user', privateKeyPath: key.privateKeyPath };
}
