// Lazy access to the polkadot crypto libraries. Importing them compiles WebAssembly, so it happens on
// the first signature, never at extension activation. In the extension they are a separate bundle
// (dist/crypto.js, built from cryptoBundle.ts), so activation does not even parse them.

import type * as Keyring from '@polkadot/keyring';
import type { decodePair } from '@polkadot/keyring/pair/decode';
import type * as Util from '@polkadot/util';
import type * as UtilCrypto from '@polkadot/util-crypto';
import type * as Wasm from '@polkadot/wasm-crypto';

export interface CryptoLib {
  utilCrypto: typeof UtilCrypto;
  util: typeof Util;
  keyring: typeof Keyring;
  decodePair: typeof decodePair;
  /** sr25519 in WebAssembly; used only while `wasm.isReady()` (false when cryptoWaitReady() could start neither WebAssembly nor asm.js). */
  wasm: typeof Wasm;
}

let loading: Promise<CryptoLib> | undefined;

export function loadCrypto(): Promise<CryptoLib> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined; // let a later call try again
    throw err;
  });
  return loading;
}

async function load(): Promise<CryptoLib> {
  const { utilCrypto, util, keyring, decodePair, wasm } = await import('./cryptoBundle');
  await utilCrypto.cryptoWaitReady();
  return { utilCrypto, util, keyring, decodePair, wasm };
}
