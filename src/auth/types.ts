// The signer interface of src/auth. What a request is authenticated with (`Credential`) is a type of the
// API client (src/api/types.ts), which this layer builds on.

/** Signs messages with an sr25519 key. The secret never leaves the implementation. */
export interface Signer {
  /** SS58 address, network prefix 42. */
  readonly address: string;
  /** 64-hex public key, no 0x. */
  readonly publicKeyHex: string;
  /** sr25519 signature over the UTF-8 bytes of `message`: 128 lowercase hex chars, no 0x. */
  sign(message: string): Promise<string>;
}
