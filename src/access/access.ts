// The one place that decides which credential a request to a GPU node carries, for reading (polling) and
// for acting. Pure (no vscode); it asks the store what is kept, the keyring for signers, and the node
// (through the client it is given) for a session_id — always downwards.
//
// The identity of a node is: its own choice → shared access imported for it → the default → the first
// wallet or multisig account. Polling prefers a session: with a wallet identity we fetch the renter's
// session_id once (M2: one signature), sign it once, and keep the pair in SecretStorage, so later polls
// cost no signature at all (protocol §5.6, §10). If that fails we fall back to the wallet itself.
// A node's first read goes out signed by the wallet at once; its session is derived only after that read
// showed the node's rows (afterRead), so a first look costs one round trip and one signature per node.
import type { DbcClient } from '../api/client';
import { isCancellation, isUnauthenticated, TransportError } from '../api/errors';
import type { Credential } from '../api/types';
import { signSessionId } from '../auth/credentials';
import type { NodeRef } from '../config/model/refs';
import type { CredentialSummary } from '../secrets/credentialSchema';
import type { CredentialMeta, CredentialStore } from '../secrets/credentialStore';
import { UserFacingError } from '../ui/model/errors';
import { errorMessage } from '../util/errorMessage';
import type { Keyring } from './keyring';

export interface AccessOptions {
  sessionPolling: () => boolean;
  now?: () => number;
  /** How long a failed session derivation is not retried. */
  retryDerivationMs?: number;
  log?: (message: string) => void;
}

export class Access {
  private readonly derivationFailedAt = new Map<string, number>();
  private readonly deriving = new Map<string, Promise<Credential | undefined>>();
  /** afterRead's work in flight (settled() waits for it). */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: CredentialStore,
    private readonly keyring: Keyring,
    private readonly options: AccessOptions,
  ) {}

  /** The credential the node acts with, or undefined when none is configured. */
  identity(nodeId: string): CredentialMeta | undefined {
    const all = this.store.list();
    const b = this.store.bindings();
    const bound = b.nodes[nodeId];
    if (bound) return all.find((m) => m.id === bound);
    const sessions = all.filter((m) => m.kind === 'session' && m.nodeId === nodeId).sort((a, z) => z.createdAt - a.createdAt);
    if (sessions[0]) return sessions[0];
    if (b.defaultId) return all.find((m) => m.id === b.defaultId);
    return all.find((m) => m.kind !== 'session');
  }

  summary(ref: NodeRef): CredentialSummary | undefined {
    const m = this.identity(ref.nodeId);
    return m ? { kind: m.kind, label: m.label, address: m.address } : undefined;
  }

  /** For actions (start, stop, create…); a node without a credential is a clear error saying how to add one. */
  async forWrite(nodeId: string): Promise<Credential> {
    const m = this.identity(nodeId);
    if (!m) throw new UserFacingError('No credential is set up for this GPU node.', [], 'Import the wallet that rents it, or add shared access from its renter.');
    return this.keyring.credential(m.id);
  }

  /** For polling: the node's derived session where there is one, else its identity itself (see afterRead). */
  async forRead(nodeId: string): Promise<Credential | undefined> {
    const m = this.identity(nodeId);
    if (!m) return undefined;
    if (m.kind === 'session' || !this.options.sessionPolling()) return this.keyring.credential(m.id);
    return (await this.keyring.derivedSession(nodeId, m.address)) ?? this.keyring.credential(m.id);
  }

  /**
   * A read signed by `used` succeeded (its rows are shown): when that was the wallet, derive the node's
   * polling session through `client` for the reads after — in the background, off the first read's path
   * (one request and two signatures). Resolves when that is done; never rejects.
   */
  afterRead(nodeId: string, client: DbcClient, used: Credential): Promise<void> {
    const m = this.identity(nodeId);
    if (used.kind === 'session' || !m || m.kind === 'session' || !this.options.sessionPolling()) return Promise.resolve();
    const done = (async () => {
      if (!(await this.keyring.derivedSession(nodeId, m.address))) await this.derive(nodeId, m, client);
    })().catch((err: unknown) => this.options.log?.(`no polling session for node ${nodeId.slice(0, 8)} (${errorMessage(err)})`));
    this.pending.add(done);
    return done.finally(() => this.pending.delete(done));
  }

  /** Resolves when no session is being derived (tests and benchmarks). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** A read with a derived session was refused: forget the session (the next poll derives again). */
  async readRefused(nodeId: string, credential: Credential, error: unknown): Promise<void> {
    const m = this.identity(nodeId);
    if (!m || m.kind === 'session' || credential.kind !== 'session' || !isUnauthenticated(error)) return;
    await this.store.clearDerivedSession(nodeId, m.address);
  }

  /** M2 with the wallet, then sign the session_id: the pair a renter shares or we poll with. */
  async sessionPair(nodeId: string, m: CredentialMeta, client: DbcClient, signal?: AbortSignal): Promise<{ sessionId: string; sessionIdSign: string; signer: string }> {
    const credential = await this.keyring.credential(m.id);
    const sessionId = await client.sessionId(nodeId, { auth: credential, signal });
    const signer = await this.keyring.signerFor(m.id);
    const signed = await signSessionId(signer, sessionId);
    return { sessionId, sessionIdSign: signed.session_id_sign, signer: signer.address };
  }

  private derive(nodeId: string, m: CredentialMeta, client: DbcClient, signal?: AbortSignal): Promise<Credential | undefined> {
    const key = `${nodeId}|${m.address}`;
    const now = this.options.now?.() ?? Date.now();
    const failedAt = this.derivationFailedAt.get(key);
    if (failedAt !== undefined && now - failedAt < (this.options.retryDerivationMs ?? 10 * 60_000)) return Promise.resolve(undefined);
    let p = this.deriving.get(key);
    if (!p) {
      p = (async () => {
        try {
          const pair = await this.sessionPair(nodeId, m, client, signal);
          await this.store.saveDerivedSession(nodeId, m.address, pair.sessionId, pair.sessionIdSign);
          this.options.log?.(`derived a polling session for node ${nodeId.slice(0, 8)}`);
          return this.keyring.derivedSession(nodeId, m.address);
        } catch (err) {
          if (isCancellation(err) || err instanceof TransportError) return undefined;
          this.derivationFailedAt.set(key, this.options.now?.() ?? Date.now());
          this.options.log?.(`no polling session for node ${nodeId.slice(0, 8)} (${errorMessage(err)}); polling with the ${m.kind}`);
          return undefined;
        } finally {
          this.deriving.delete(key);
        }
      })();
      this.deriving.set(key, p);
    }
    return p;
  }
}
