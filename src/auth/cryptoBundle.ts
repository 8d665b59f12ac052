// The polkadot crypto libraries in one module. In the extension this is a bundle of its own
// (dist/crypto.js, see esbuild.js), loaded by crypto.ts on the first signature and never at activation.
export * as utilCrypto from '@polkadot/util-crypto';
export * as util from '@polkadot/util';
export * as keyring from '@polkadot/keyring';
export { decodePair } from '@polkadot/keyring/pair/decode';
// util-crypto's own WebAssembly (schnorrkel), initialised by cryptoWaitReady(): its sr25519 signs and
// verifies about 6× faster than util-crypto's pure-JS sr25519 (@scure/sr25519) that KeyringPair uses.
export * as wasm from '@polkadot/wasm-crypto';
