// Strict signature checks, as strict as the node's Rust `pub_verify` (dbc-protocol.md §5.3, §5.7):
// raw-bytes sr25519 only — no `<Bytes>` wrapping, no `0x` prefix, no ed25519/ecdsa.
import { hexToU8a, stringToU8a } from '@polkadot/util';
import { createKeyMulti, decodeAddress, encodeAddress, sr25519Verify } from '@polkadot/util-crypto';
import { isReady as wasmReady, sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';

const SIG_HEX = /^[0-9a-fA-F]{128}$/;
const PUBKEY_HEX = /^[0-9a-fA-F]{64}$/;

/** The 32-byte public key of an SS58 address (prefix 42) or a bare 64-hex public key; null if neither. */
export function publicKeyOf(wallet: string): Uint8Array | null {
  if (PUBKEY_HEX.test(wallet)) return hexToU8a(`0x${wallet}`);
  if (wallet.startsWith('0x')) return null; // the node prefixes 0x itself, so "0x0x…" never decodes
  try {
    const key = decodeAddress(wallet, false, 42);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

// sr25519 verification costs milliseconds (2 ms in util-crypto's pure JS, 0.3 ms in its WebAssembly, which
// startSimulator readies with cryptoWaitReady; the node's own Rust check is faster still); session-id
// requests repeat the same triple on every call.
const memo = new Map<string, boolean>();
const MEMO_SIZE = 10_000;

function verifyOnce(message: string, sigHex: string, key: Uint8Array): boolean {
  try {
    const [bytes, signature] = [stringToU8a(message), hexToU8a(`0x${sigHex}`)];
    return wasmReady() ? wasmSr25519Verify(signature, bytes, key) : sr25519Verify(bytes, signature, key);
  } catch {
    return false;
  }
}

export function verifySignature(message: string, sigHex: string, wallet: string): boolean {
  if (!SIG_HEX.test(sigHex)) return false;
  const id = `${wallet}\n${sigHex.toLowerCase()}\n${message}`;
  const known = memo.get(id);
  if (known !== undefined) return known;
  const key = publicKeyOf(wallet);
  const valid = key !== null && verifyOnce(message, sigHex, key);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(id, valid);
  return valid;
}

/** Substrate's multi-account id (pallet_multisig); `createKeyMulti` sorts the members itself. */
export function multisigAccount(wallets: string[], threshold: number): string | null {
  try {
    return encodeAddress(createKeyMulti(wallets, threshold), 42);
  } catch {
    return null;
  }
}
