export * from './types';
export * from './errors';
export { loadCrypto } from './crypto';
export { createNonce, base58CheckEncode, base58CheckDecode } from './nonce';
export { signerFromSeed, signerFromMnemonic, signerFromKeystore, verifySignature, normalizeAddress } from './signer';
export { WalletCredential, MultisigCredential, SessionCredential, signSessionId, type MultisigOptions } from './credentials';
export { encodeSessionBundle, decodeSessionBundle, type SessionBundle } from './sessionBundle';
