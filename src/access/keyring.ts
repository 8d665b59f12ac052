// Keys in, signers out. Importing checks a key before anything is saved (the address is derived, a shared
// session's signature verified); stored material becomes Signer and Credential objects on first use (this
// is where the crypto loads), built once and dropped whenever the store changes. The store itself only
// keeps what it is given.
import type { Credential } from '../api/types';
import { MultisigCredential, SessionCredential, WalletCredential } from '../auth/credentials';
import { CredentialError } from '../auth/errors';
import { normalizeAddress, signerFromKeystore, signerFromMnemonic, signerFromSeed, verifySignature } from '../auth/signer';
import type { Signer } from '../auth/types';
import type { CredentialMeta, SecretMaterial } from '../secrets/credentialSchema';
import type { CredentialStore } from '../secrets/credentialStore';

export type WalletInput =
  | { form: 'seed'; seed: string; label?: string }
  | { form: 'mnemonic'; mnemonic: string; label?: string }
  | { form: 'keystore'; json: string; password: string; label?: string };

export interface SessionInput {
  nodeId: string;
  sessionId: string;
  sessionIdSign: string;
  /** The renter who signed; when given, the signature is checked before anything is stored. */
  renter?: string;
  endpoint?: string;
  label?: string;
}

export class Keyring {
  private readonly built = new Map<string, Promise<Credential>>();

  constructor(
    private readonly store: CredentialStore,
    private readonly newId: () => string = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    private readonly now: () => number = Date.now,
  ) {
    store.onDidChange(() => this.built.clear());
  }

  /** Checks the wallet (deriving its address) and stores it. The same address again replaces the secret. */
  async importWallet(input: WalletInput): Promise<CredentialMeta> {
    const material = toMaterial(input);
    const signer = await signerOf(material);
    const existing = this.store.list().find((m) => m.kind === 'wallet' && m.address === signer.address);
    const meta: CredentialMeta = {
      id: existing?.id ?? this.newId(), kind: 'wallet', form: input.form, address: signer.address,
      label: input.label?.trim() || existing?.label || shortLabel(signer.address), createdAt: existing?.createdAt ?? this.now(),
    };
    await this.store.save(meta, material);
    if (!this.store.bindings().defaultId) await this.store.setDefault(meta.id);
    return meta;
  }

  /** A multisig account whose signing members are wallets already stored here (by id). */
  async importMultisig(input: { wallets: string[]; threshold: number; signerIds: string[]; label?: string }): Promise<CredentialMeta> {
    const signers = await Promise.all(input.signerIds.map((id) => this.walletSigner(id)));
    const wallets = [];
    for (const w of input.wallets) {
      const address = await normalizeAddress(w.trim());
      if (!address) throw new CredentialError('multisig-members', `Not a wallet address: ${w}`);
      wallets.push(address);
    }
    const credential = await MultisigCredential.create({ wallets, threshold: input.threshold, signers });
    const meta: CredentialMeta = {
      id: this.newId(), kind: 'multisig', address: credential.address, wallets, threshold: input.threshold,
      signerIds: [...input.signerIds], label: input.label?.trim() || shortLabel(credential.address), createdAt: this.now(),
    };
    await this.store.save(meta);
    if (!this.store.bindings().defaultId) await this.store.setDefault(meta.id);
    return meta;
  }

  /** Shared access received from a renter. Bound to its node at once if that node has no credential yet. */
  async importSession(input: SessionInput): Promise<CredentialMeta> {
    const nodeId = input.nodeId.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(nodeId)) throw new CredentialError('session-format', 'The node id must be 64 hexadecimal characters.');
    const session = new SessionCredential(input.sessionId.trim(), input.sessionIdSign.trim(), input.renter ?? '');
    if (input.renter && !(await verifySignature(session.sessionId, input.sessionIdSign.trim(), input.renter))) {
      throw new CredentialError('session-signature', 'The session_id_sign is not the renter\'s signature of this session_id.');
    }
    const existing = this.store.list().find((m) => m.kind === 'session' && m.nodeId === nodeId && m.sessionIdPrefix === session.sessionId.slice(0, 8));
    const meta: CredentialMeta = {
      id: existing?.id ?? this.newId(), kind: 'session', nodeId, address: input.renter ?? '', sessionIdPrefix: session.sessionId.slice(0, 8),
      label: input.label?.trim() || existing?.label || `shared ${nodeId.slice(0, 8)}`, createdAt: existing?.createdAt ?? this.now(),
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    };
    await this.store.save(meta, { form: 'session', sessionId: session.sessionId, sessionIdSign: input.sessionIdSign.trim() });
    if (!this.store.bindings().nodes[nodeId]) await this.store.setBinding(nodeId, meta.id);
    return meta;
  }

  /** The credential object (built once, on first use: this is where crypto is loaded). */
  credential(id: string): Promise<Credential> {
    let p = this.built.get(id);
    if (!p) {
      p = this.build(id);
      this.built.set(id, p);
      p.catch(() => this.built.delete(id));
    }
    return p;
  }

  /** The signer of a stored wallet, or of the first member wallet of a multisig account. */
  async signerFor(id: string): Promise<Signer> {
    const meta = this.store.get(id);
    if (meta?.kind === 'multisig') return this.walletSigner(meta.signerIds[0] ?? '');
    return this.walletSigner(id);
  }

  /** The polling session derived earlier from the wallet with this address, if it is kept. */
  async derivedSession(nodeId: string, address: string): Promise<SessionCredential | undefined> {
    const material = await this.store.derivedSession(nodeId, address);
    if (!material) return undefined;
    try {
      return new SessionCredential(material.sessionId, material.sessionIdSign, address);
    } catch {
      return undefined;
    }
  }

  /** Drops built credentials (and a kept derived session) after a secret changed elsewhere (another window). */
  secretChanged(key: string): void {
    this.store.secretChanged(key);
    if (this.store.isCredentialKey(key)) this.built.clear();
  }

  private async build(id: string): Promise<Credential> {
    const meta = this.store.get(id);
    if (!meta) throw new CredentialError('session-format', `No stored credential ${id}.`);
    switch (meta.kind) {
      case 'wallet': return new WalletCredential(await this.walletSigner(id));
      case 'multisig': {
        const signers = await Promise.all(meta.signerIds.map((s) => this.walletSigner(s)));
        return MultisigCredential.create({ wallets: meta.wallets, threshold: meta.threshold, signers });
      }
      case 'session': {
        const material = await this.store.material(id);
        if (material?.form !== 'session') throw new CredentialError('session-format', 'The stored shared access is missing or damaged; add it again.');
        return new SessionCredential(material.sessionId, material.sessionIdSign, meta.address);
      }
    }
  }

  private async walletSigner(id: string): Promise<Signer> {
    const material = await this.store.material(id);
    if (!material || material.form === 'session') throw new CredentialError('seed-format', 'The stored wallet is missing or damaged; import it again.');
    return signerOf(material);
  }
}

function toMaterial(input: WalletInput): SecretMaterial {
  switch (input.form) {
    case 'seed': return { form: 'seed', seed: input.seed.trim() };
    case 'mnemonic': return { form: 'mnemonic', mnemonic: input.mnemonic.trim().split(/\s+/).join(' ') };
    case 'keystore': return { form: 'keystore', json: input.json, password: input.password };
  }
}

function signerOf(m: SecretMaterial): Promise<Signer> {
  switch (m.form) {
    case 'seed': return signerFromSeed(m.seed);
    case 'mnemonic': return signerFromMnemonic(m.mnemonic);
    case 'keystore': return signerFromKeystore(m.json, m.password);
    case 'session': return Promise.reject(new CredentialError('seed-format', 'A shared session cannot sign.'));
  }
}

function shortLabel(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
