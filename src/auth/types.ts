import type { AuthFields } from '../api/types';

/** Signs messages with an sr25519 key. The secret never leaves the implementation. */
export interface Signer {
  /** SS58 address, network prefix 42. */
  readonly address: string;
  /** 64-hex public key, no 0x. */
  readonly publicKeyHex: string;
  /** sr25519 signature over the UTF-8 bytes of `message`: 128 lowercase hex chars, no 0x. */
  sign(message: string): Promise<string>;
}

export type CredentialKind = 'wallet' | 'multisig' | 'session';

/**
 * What authenticates a request to a GPU node. `authFields()` is called once per request and
 * returns fresh nonces and signatures every time (a nonce is one-shot per GPU node).
 */
export interface Credential {
  readonly kind: CredentialKind;
  /** Who acts: the wallet address, the multisig account, or the renter a session belongs to. */
  readonly address: string;
  authFields(): Promise<AuthFields>;
}
