// Where credentials live, and nothing more: secret material (seeds, mnemonics, keystores and their
// passwords, session_id_sign, the sessions derived for polling) goes ONLY to SecretStorage, one entry per
// credential; what the UI may show (label, kind, address, node) and which node uses which credential go
// to globalState. Stored JSON is validated on read and treated as absent if malformed. No crypto and no
// network here: src/access checks keys before they are saved and turns material into signers. Takes the
// storage interfaces by shape, so unit tests pass in-memory fakes.
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

/** A session_id and its signature, as shared by a renter or derived from our own wallet. */
export type SessionMaterial = Extract<SecretMaterial, { form: 'session' }>;

const META_KEY = 'dbc.credentials.v1';
const BINDINGS_KEY = 'dbc.credentialBindings.v1';
const DERIVED_KEY = 'dbc.derivedSessions.v1';
const secretKey = (id: string): string => `dbc.credential.${id}`;
const derivedKey = (nodeId: string, address: string): string => `dbc.derivedSession.${nodeId}.${address}`;

export class CredentialStore {
  private readonly listeners = new Set<() => void>();
  /** The last stored list read and what it parsed to: every tree row and poll asks, the value rarely changes. */
  private parsed: { raw: unknown; list: CredentialMeta[] } | undefined;
  /** Derived polling sessions read from SecretStorage, by their key (see derivedSession). */
  private readonly derived = new Map<string, Promise<SessionMaterial | undefined>>();

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly state: MementoLike,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(): CredentialMeta[] {
    const raw = this.state.get<unknown>(META_KEY);
    // The same stored value parses to the same list (a write stores a new array, here and in another window).
    const parsed = this.parsed?.raw === raw && this.parsed
      ? this.parsed
      : (this.parsed = { raw, list: Array.isArray(raw) ? raw.map(parseMeta).filter((m): m is CredentialMeta => m !== undefined) : [] });
    return [...parsed.list];
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

  /** Saves a credential (a meta with the same id is replaced), with its secret when it has one. */
  async save(meta: CredentialMeta, material?: SecretMaterial): Promise<void> {
    if (material) await this.secrets.store(secretKey(meta.id), JSON.stringify(material));
    const others = this.list().filter((m) => m.id !== meta.id);
    await this.state.update(META_KEY, [...others, meta]);
    this.emit();
  }

  /** The secret of a stored credential; undefined when it is missing or damaged. */
  async material(id: string): Promise<SecretMaterial | undefined> {
    const raw = await this.secrets.get(secretKey(id));
    return raw === undefined ? undefined : parseSecret(raw);
  }

  async remove(id: string): Promise<void> {
    const meta = this.get(id);
    await this.secrets.delete(secretKey(id));
    await this.state.update(META_KEY, this.list().filter((m) => m.id !== id));
    if (meta) await this.clearDerivedFor(meta.address);
    const b = this.bindings(); // drops bindings to ids that no longer exist
    await this.state.update(BINDINGS_KEY, b);
    this.emit();
  }

  /** True for the SecretStorage keys of stored credentials (another window changed one). */
  isCredentialKey(key: string): boolean {
    return key.startsWith('dbc.credential.');
  }

  // ---- sessions derived from our own wallet, used for polling (no signature per request) ----

  /**
   * Every poll of a node asks for its session: it is read from SecretStorage (in VS Code a round trip to
   * the main process) once, then kept in memory until it is saved, cleared, or changed in another window
   * (secretChanged).
   */
  derivedSession(nodeId: string, address: string): Promise<SessionMaterial | undefined> {
    const key = derivedKey(nodeId, address);
    let read = this.derived.get(key);
    if (!read) {
      read = Promise.resolve(this.secrets.get(key)).then((raw) => {
        const material = raw === undefined ? undefined : parseSecret(raw);
        return material?.form === 'session' ? material : undefined;
      });
      this.derived.set(key, read);
      read.catch(() => this.derived.delete(key));
    }
    return read;
  }

  async saveDerivedSession(nodeId: string, address: string, sessionId: string, sessionIdSign: string): Promise<void> {
    const key = derivedKey(nodeId, address);
    await this.secrets.store(key, JSON.stringify({ form: 'session', sessionId, sessionIdSign }));
    this.derived.delete(key);
    const index = this.derivedIndex();
    if (!index.includes(key)) await this.state.update(DERIVED_KEY, [...index, key]);
  }

  async clearDerivedSession(nodeId: string, address: string): Promise<void> {
    const key = derivedKey(nodeId, address);
    await this.secrets.delete(key);
    this.derived.delete(key);
    await this.state.update(DERIVED_KEY, this.derivedIndex().filter((k) => k !== key));
  }

  /** A SecretStorage entry changed (another window, or a write here): a derived session is read afresh. */
  secretChanged(key: string): void {
    this.derived.delete(key);
  }

  private async clearDerivedFor(address: string): Promise<void> {
    if (!address) return;
    const index = this.derivedIndex();
    const mine = index.filter((k) => k.endsWith(`.${address}`));
    for (const k of mine) {
      await this.secrets.delete(k);
      this.derived.delete(k);
    }
    if (mine.length) await this.state.update(DERIVED_KEY, index.filter((k) => !mine.includes(k)));
  }

  private derivedIndex(): string[] {
    const raw = this.state.get<unknown>(DERIVED_KEY);
    return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [];
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
