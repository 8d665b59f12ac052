/** Why a wallet could not be imported or used. `code` lets the editor show a translated text. */
export type CredentialErrorCode =
  | 'seed-format'
  | 'mnemonic-invalid'
  | 'keystore-format'
  | 'keystore-type'
  | 'keystore-password'
  | 'multisig-threshold'
  | 'multisig-members'
  | 'multisig-signers'
  | 'session-format'
  | 'session-signature';

export class CredentialError extends Error {
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}
