// Where credentials live. Secret material (seeds, mnemonics, keystores and their passwords,
// session_id_sign) goes ONLY to SecretStorage, one entry per credential; what the UI may show (label,
// kind, address, node) goes to globalState. Stored JSON is validated on read and treated as absent if
// malformed. Takes the storage interfaces by shape, so unit tests pass in-memory fakes. No vscode import.
import type { Credential } from '../api/types';
import type { Signer } from '../auth/types';
import { MultisigCredential, SessionCredential, WalletCredential } from '../auth/credentials';
import { CredentialError } from '../auth/errors';
import { normalizeAddress, signerFromKeystore, signerFromMnemonic, signerFromSeed, verifySignature } from '../auth/signer';
import { isRecord } from '../util/isRecord';
import { parseMeta, parseSecret, type CredentialMeta, type SecretMaterial } from './credentialSchema';

export type { CredentialMeta, SecretMaterial, WalletForm } from './credentialSchema';

export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface Bindings {
  /** The credential used for nodes without their own choice. */
  defaultId?: string;
  /** nodeId → credential id. */
  nodes: Record<string, string>;
}

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

const META_KEY = 'dbc.credentials.v1';
const BINDINGS_KEY = 'dbc.credentialBindings.v1';
const DERIVED_KEY = 'dbc.derivedSessions.v1';
const secretKey = (id: string): string => `dbc.credential.${id}`;
const derivedKey = (nodeId: string, address: string): string => `dbc.derivedSession.${nodeId}.${address}`;

export class CredentialStore {
  private readonly built = new Map<string, Promise<Credential>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly state: MementoLike,
    private readonly newId: () => string = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    private readonly now: () => number = Date.now,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(): CredentialMeta[] {
    const raw = this.state.get<unknown>(META_KEY);
    return Array.isArray(raw) ? raw.map(parseMeta).filter((m): m is CredentialMeta => m !== undefined) : [];
  }

  get(id: string): CredentialMeta | undefined {
    return this.list().find((m) => m.id === id);
  }

  bindings(): Bindings {
    const raw = this.state.get<unknown>(BINDINGS_KEY);
    const ids = new Set(this.list().map((m) => m.id));
    const nodes: Record<string, string> = {};
    if (isRecord(raw) && isRecord(raw['nodes'])) {
      for (const [node, id] of Object.entries(raw['nodes'])) if (typeof id === 'string' && ids.has(id)) nodes[node] = id;
    }
    const def = isRecord(raw) && typeof raw['defaultId'] === 'string' && ids.has(raw['defaultId']) ? raw['defaultId'] : undefined;
    return def ? { defaultId: def, nodes } : { nodes };
  }

  async setBinding(nodeId: string, id: string | undefined): Promise<void> {
    const b = this.bindings();
    if (id === undefined) delete b.nodes[nodeId];
    else b.nodes[nodeId] = id;
    await this.state.update(BINDINGS_KEY, b);
    this.emit();
  }

  async setDefault(id: string | undefined): Promise<void> {
    const b = this.bindings();
    await this.state.update(BINDINGS_KEY, id === undefined ? { nodes: b.nodes } : { ...b, defaultId: id });
    this.emit();
  }

  /** Checks the wallet (deriving its address) and stores it. The same address again replaces the secret. */
  async importWallet(input: WalletInput): Promise<CredentialMeta> {
    const signer = await signerOf(toMaterial(input));
    const existing = this.list().find((m) => m.kind === 'wallet' && m.address === signer.address);
    const meta: CredentialMeta = {
      id: existing?.id ?? this.newId(), kind: 'wallet', form: input.form, address: signer.address,
      label: input.label?.trim() || existing?.label || shortLabel(signer.address), createdAt: existing?.createdAt ?? this.now(),
    };
    await this.secrets.store(secretKey(meta.id), JSON.stringify(toMaterial(input)));
    await this.saveMeta(meta);
    if (!this.bindings().defaultId) await this.setDefault(meta.id);
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
    await this.saveMeta(meta);
    if (!this.bindings().defaultId) await this.setDefault(meta.id);
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
    const existing = this.list().find((m) => m.kind === 'session' && m.nodeId === nodeId && m.sessionIdPrefix === session.sessionId.slice(0, 8));
    const meta: CredentialMeta = {
      id: existing?.id ?? this.newId(), kind: 'session', nodeId, address: input.renter ?? '', sessionIdPrefix: session.sessionId.slice(0, 8),
      label: input.label?.trim() || existing?.label || `shared ${nodeId.slice(0, 8)}`, createdAt: existing?.createdAt ?? this.now(),
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    };
    await this.secrets.store(secretKey(meta.id), JSON.stringify({ form: 'session', sessionId: session.sessionId, sessionIdSign: input.sessionIdSign.trim() }));
    await this.saveMeta(meta);
    if (!this.bindings().nodes[nodeId]) await this.setBinding(nodeId, meta.id);
    return meta;
  }

  async remove(id: string): Promise<void> {
    const meta = this.get(id);
    await this.secrets.delete(secretKey(id));
    this.built.delete(id);
    await this.state.update(META_KEY, this.list().filter((m) => m.id !== id));
    if (meta) await this.clearDerivedFor(meta.address);
    const b = this.bindings(); // drops bindings to ids that no longer exist
    await this.state.update(BINDINGS_KEY, b);
    this.emit();
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

  /** Drops built credentials after a secret changed elsewhere (another window). */
  secretChanged(key: string): void {
    if (key.startsWith('dbc.credential.')) this.built.clear();
  }

  /** The signer of a stored wallet, or of the first member wallet of a multisig account. */
  async signerFor(id: string): Promise<Signer> {
    const meta = this.get(id);
    if (meta?.kind === 'multisig') return this.walletSigner(meta.signerIds[0] ?? '');
    return this.walletSigner(id);
  }

  // ---- sessions derived from our own wallet, used for polling (no signature per request) ----

  async derivedSession(nodeId: string, address: string): Promise<SessionCredential | undefined> {
    const raw = await this.secrets.get(derivedKey(nodeId, address));
    const material = raw === undefined ? undefined : parseSecret(raw);
    if (material?.form !== 'session') return undefined;
    try {
      return new SessionCredential(material.sessionId, material.sessionIdSign, address);
    } catch {
      return undefined;
    }
  }

  async saveDerivedSession(nodeId: string, address: string, sessionId: string, sessionIdSign: string): Promise<void> {
    await this.secrets.store(derivedKey(nodeId, address), JSON.stringify({ form: 'session', sessionId, sessionIdSign }));
    const index = this.derivedIndex();
    if (!index.includes(derivedKey(nodeId, address))) await this.state.update(DERIVED_KEY, [...index, derivedKey(nodeId, address)]);
  }

  async clearDerivedSession(nodeId: string, address: string): Promise<void> {
    await this.secrets.delete(derivedKey(nodeId, address));
    await this.state.update(DERIVED_KEY, this.derivedIndex().filter((k) => k !== derivedKey(nodeId, address)));
  }

  private async clearDerivedFor(address: string): Promise<void> {
    if (!address) return;
    const index = this.derivedIndex();
    const mine = index.filter((k) => k.endsWith(`.${address}`));
    for (const k of mine) await this.secrets.delete(k);
    if (mine.length) await this.state.update(DERIVED_KEY, index.filter((k) => !mine.includes(k)));
  }

  private derivedIndex(): string[] {
    const raw = this.state.get<unknown>(DERIVED_KEY);
    return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [];
  }

  private async build(id: string): Promise<Credential> {
    const meta = this.get(id);
    if (!meta) throw new CredentialError('session-format', `No stored credential ${id}.`);
    switch (meta.kind) {
      case 'wallet': return new WalletCredential(await this.walletSigner(id));
      case 'multisig': {
        const signers = await Promise.all(meta.signerIds.map((s) => this.walletSigner(s)));
        return MultisigCredential.create({ wallets: meta.wallets, threshold: meta.threshold, signers });
      }
      case 'session': {
        const material = await this.material(id);
        if (material?.form !== 'session') throw new CredentialError('session-format', 'The stored shared access is missing or damaged; add it again.');
        return new SessionCredential(material.sessionId, material.sessionIdSign, meta.address);
      }
    }
  }

  private async walletSigner(id: string): Promise<Signer> {
    const material = await this.material(id);
    if (!material || material.form === 'session') throw new CredentialError('seed-format', 'The stored wallet is missing or damaged; import it again.');
    return signerOf(material);
  }

  private async material(id: string): Promise<SecretMaterial | undefined> {
    const raw = await this.secrets.get(secretKey(id));
    return raw === undefined ? undefined : parseSecret(raw);
  }

  private async saveMeta(meta: CredentialMeta): Promise<void> {
    const others = this.list().filter((m) => m.id !== meta.id);
    await this.state.update(META_KEY, [...others, meta]);
    this.built.delete(meta.id);
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}

function toMaterial(input: WalletInput): SecretMaterial {
  switch (input.form) {
    case 'seed': return { form: 'seed', seed: input.seed.trim() };
    case 'mnemonic': return { form: 'mnemonic', mnemonic: input.mnemonic.trim().split(/\s+/).join(' ') };
    case 'keystore': return { form: 'keystore', json: input.json, password: input.password };
  }
}

function signerOf(m: Exclude<SecretMaterial, { form: 'session' }> | SecretMaterial): Promise<Signer> {
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

