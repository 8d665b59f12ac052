// Signing helpers for the simulator's contract tests, written directly on @polkadot/* (independent
// of src/auth, so a shared mistake cannot hide). dbc-protocol.md §5.3–§5.6.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { base58Encode, createKeyMulti, cryptoWaitReady, encodeAddress, sha256AsU8a } from '@polkadot/util-crypto';
import { randomBytes, randomUUID } from 'node:crypto';

export { cryptoWaitReady };

const keyring = (): Keyring => new Keyring({ type: 'sr25519', ss58Format: 42 });

export function pairFromSeed(seedHex: string): KeyringPair {
  return keyring().addFromUri(seedHex);
}

export function randomPair(): KeyringPair {
  return pairFromSeed(`0x${randomBytes(32).toString('hex')}`);
}

/** Base58Check(lowercase UUID), like the official sign_tool. */
export function dbcNonce(): string {
  const u = stringToU8a(randomUUID());
  return base58Encode(u8aConcat(u, sha256AsU8a(sha256AsU8a(u)).subarray(0, 4)));
}

/** 128 lowercase hex chars, no 0x: the sr25519 signature over the raw bytes of `msg`. */
export function signHex(pair: KeyringPair, msg: string): string {
  return u8aToHex(pair.sign(stringToU8a(msg))).slice(2);
}

export type WalletAuth = { wallet: string; nonce: string; sign: string };

export function walletAuth(pair: KeyringPair, wallet = pair.address): WalletAuth {
  const nonce = dbcNonce();
  return { wallet, nonce, sign: signHex(pair, nonce) };
}

export function sessionAuth(pair: KeyringPair, sessionId: string): { session_id: string; session_id_sign: string } {
  return { session_id: sessionId, session_id_sign: signHex(pair, sessionId) };
}

export function multisigAddress(wallets: string[], threshold: number): string {
  return encodeAddress(createKeyMulti(wallets, threshold), 42);
}

export function multisigAuth(members: KeyringPair[], threshold: number, signers = members.slice(0, threshold)): {
  multisig_accounts: { wallets: string[]; threshold: string; signs: WalletAuth[] };
} {
  return {
    multisig_accounts: {
      wallets: members.map((m) => m.address), threshold: String(threshold),
      signs: signers.map((s) => walletAuth(s)),
    },
  };
}
