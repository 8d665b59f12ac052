// Lazy access to the polkadot crypto libraries. Importing them compiles WebAssembly, so it happens on
// the first signature, never at extension activation.

import type * as Keyring from '@polkadot/keyring';
import type * as Util from '@polkadot/util';
import type * as UtilCrypto from '@polkadot/util-crypto';

export interface CryptoLib {
  utilCrypto: typeof UtilCrypto;
  util: typeof Util;
  keyring: typeof Keyring;
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
  const [utilCrypto, util, keyring] = await Promise.all([
    import('@polkadot/util-crypto'),
    import('@polkadot/util'),
    import('@polkadot/keyring'),
  ]);
  await utilCrypto.cryptoWaitReady();
  return { utilCrypto, util, keyring };
}
