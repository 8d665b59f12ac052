// The three ways to authenticate a request (docs/dbc-protocol.md §4, §5): a wallet signature, a
// multisig bundle, or a session (session_id + session_id_sign) delegated by the renter.
import type { AuthFields, Credential, MultisigSign, SessionAuthFields } from '../api/types';
import { loadCrypto } from './crypto';
import { CredentialError } from './errors';
import { createNonce } from './nonce';
import type { Signer } from './types';

type NonceSource = () => Promise<string>;

/** Wallet form: `wallet`, a fresh `nonce` and its signature, new on every call. */
export class WalletCredential implements Credential {
  readonly kind = 'wallet' as const;
  readonly address: string;

  constructor(
    private readonly signer: Signer,
    private readonly newNonce: NonceSource = createNonce,
  ) {
    this.address = signer.address;
  }

  async authFields(): Promise<AuthFields> {
    const nonce = await this.newNonce();
    return { wallet: this.signer.address, nonce, sign: await this.signer.sign(nonce) };
  }
}

export interface MultisigOptions {
  /** Every member of the on-chain multisig account (SS58). */
  wallets: string[];
  threshold: number;
  /** The members whose keys we hold; at least `threshold` of them sign every request. */
  signers: Signer[];
  newNonce?: NonceSource;
}

/** Multisig form: `threshold` as a string and one fresh nonce and signature per signing member. */
export class MultisigCredential implements Credential {
  readonly kind = 'multisig' as const;

  private constructor(
    readonly address: string,
    readonly wallets: string[],
    readonly threshold: number,
    private readonly signers: Signer[],
    private readonly newNonce: NonceSource,
  ) {}

  static async create(options: MultisigOptions): Promise<MultisigCredential> {
    const { wallets, threshold, signers } = options;
    checkMultisig(wallets, threshold, signers);
    const { utilCrypto } = await loadCrypto();
    const account = utilCrypto.encodeAddress(utilCrypto.createKeyMulti(wallets, threshold), 42);
    return new MultisigCredential(account, [...wallets], threshold, signers, options.newNonce ?? createNonce);
  }

  async authFields(): Promise<AuthFields> {
    const signs: MultisigSign[] = [];
    for (const signer of this.signers) {
      const nonce = await this.newNonce();
      signs.push({ wallet: signer.address, nonce, sign: await signer.sign(nonce) });
    }
    return { multisig_accounts: { wallets: [...this.wallets], threshold: String(this.threshold), signs } };
  }
}

function checkMultisig(wallets: string[], threshold: number, signers: Signer[]): void {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > wallets.length) {
    throw new CredentialError('multisig-threshold', `The threshold must be a whole number from 1 to ${wallets.length} (the number of members).`);
  }
  if (new Set(wallets).size !== wallets.length) {
    throw new CredentialError('multisig-members', 'The multisig member list contains the same wallet twice.');
  }
  const outsiders = signers.filter((s) => !wallets.includes(s.address));
  if (outsiders.length > 0) {
    throw new CredentialError('multisig-signers', `These signing wallets are not members of the multisig account: ${outsiders.map((s) => s.address).join(', ')}.`);
  }
  if (new Set(signers.map((s) => s.address)).size < threshold) {
    throw new CredentialError('multisig-signers', `At least ${threshold} different member wallets must sign; ${signers.length} given.`);
  }
}

/** Session form: a static bearer pair delegated by the renter. It cannot fetch the session_id itself. */
export class SessionCredential implements Credential {
  readonly kind = 'session' as const;

  constructor(
    readonly sessionId: string,
    private readonly sessionIdSign: string,
    /** The renter who signed the session id (shown to the user; not sent). */
    readonly address: string,
  ) {
    if (!sessionId.trim() || !/^[0-9a-f]{128}$/i.test(sessionIdSign)) {
      throw new CredentialError('session-format', 'A shared session needs a session_id and a 128-hex session_id_sign.');
    }
  }

  async authFields(): Promise<SessionAuthFields> {
    return { session_id: this.sessionId, session_id_sign: this.sessionIdSign };
  }
}

/** Renter side: sign a session_id so that someone else can act on the renter's VMs on one node. */
export async function signSessionId(signer: Signer, sessionId: string): Promise<SessionAuthFields> {
  return { session_id: sessionId, session_id_sign: await signer.sign(sessionId) };
}
