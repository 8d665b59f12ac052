// Nonces as the official sign_tool makes them: Base58Check (bitcoin alphabet, double-SHA256 checksum)
// of the 36-char lowercase UUID text. The node only needs a fresh non-empty string, but older nodes and
// tools expect this shape (docs/dbc-protocol.md §5.3).
import { randomUUID } from 'node:crypto';
import { loadCrypto } from './crypto';

export async function createNonce(uuid: () => string = randomUUID): Promise<string> {
  const { util } = await loadCrypto();
  return base58CheckEncode(util.stringToU8a(uuid().toLowerCase()));
}

export async function base58CheckEncode(payload: Uint8Array): Promise<string> {
  const { utilCrypto, util } = await loadCrypto();
  const checksum = utilCrypto.sha256AsU8a(utilCrypto.sha256AsU8a(payload)).subarray(0, 4);
  return utilCrypto.base58Encode(util.u8aConcat(payload, checksum));
}

/** The payload of a Base58Check string, or undefined if it is not valid Base58Check. */
export async function base58CheckDecode(text: string): Promise<Uint8Array | undefined> {
  const { utilCrypto, util } = await loadCrypto();
  let bytes: Uint8Array;
  try {
    bytes = utilCrypto.base58Decode(text);
  } catch {
    return undefined;
  }
  if (bytes.length < 5) return undefined;
  const payload = bytes.subarray(0, bytes.length - 4);
  const expected = utilCrypto.sha256AsU8a(utilCrypto.sha256AsU8a(payload)).subarray(0, 4);
  return util.u8aEq(expected, bytes.subarray(bytes.length - 4)) ? payload : undefined;
}
