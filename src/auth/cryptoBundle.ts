// The polkadot crypto libraries in one module. In the extension this is a bundle of its own
// (dist/crypto.js, see esbuild.js), loaded by crypto.ts on the first signature and never at activation.
export * as utilCrypto from '@polkadot/util-crypto';
export * as util from '@polkadot/util';
export * as keyring from '@polkadot/keyring';
