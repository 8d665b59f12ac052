// Identifier and secret generators that mirror the node's `crypt_util.cpp`.
import { randomInt, randomUUID } from 'node:crypto';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { base58Encode, sha256AsU8a } from '@polkadot/util-crypto';

/** Bitcoin-style Base58Check: payload plus the first 4 bytes of SHA256(SHA256(payload)). */
export function base58Check(payload: Uint8Array): string {
  return base58Encode(u8aConcat(payload, sha256AsU8a(sha256AsU8a(payload)).subarray(0, 4)));
}

/** `create_nonce` / `create_session_id`: Base58Check of a lowercase UUID v4 text (~55 chars). */
export function newSessionId(): string {
  return base58Check(stringToU8a(randomUUID()));
}

/**
 * `create_task_id` (crypt_util.cpp): Base58Check of `to_string(rand() % 1000000) + to_string(tv_usec)`,
 * both without padding, so the text has 2–12 digits and the id is usually 22 characters, sometimes
 * 21 or fewer (19 for 11 digits whose Base58 starts small). The microseconds of the wall clock are as
 * good as random, so they are drawn here (a frozen simulated clock would otherwise shorten every id).
 */
export function newTaskId(): string {
  const rand = String(randomInt(1_000_000));
  const usec = String(randomInt(1_000_000));
  return base58Check(stringToU8a(rand + usec));
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PASSWORD_ALPHABET = `${LETTERS}0123456789_/+[]@#^`;

/** 16 chars from `[A-Za-z0-9_/+[]@#^]`, the first one a letter. */
export function newLoginPassword(): string {
  let out = LETTERS[randomInt(LETTERS.length)];
  while (out.length < 16) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

export function newMacAddress(): string {
  const octet = (): string => randomInt(256).toString(16).padStart(2, '0');
  return `52:54:00:${octet()}:${octet()}:${octet()}`;
}

export function randomHex(bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += randomInt(256).toString(16).padStart(2, '0');
  return out;
}
