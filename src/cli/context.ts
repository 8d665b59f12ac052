// Per-run state shared by the commands: endpoint, node and timeout from flags and environment, the
// API client, the credential (resolved lazily, only by commands that need one) and the printer.
import type { Command } from 'commander';
import { DbcClient } from '../api/client';
import { requireNodeId } from '../api/ids';
import type { Credential } from '../api/types';
import type { Signer } from '../auth/types';
import { availableKinds, resolveAuth, walletSigner, type AuthSources, type ResolvedAuth } from './auth';
import { UsageError } from './exitCodes';
import { abortableSleep } from '../util/sleep';
import type { CliIo } from './io';
import { Printer } from './output';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:5002';

export interface GlobalOptions extends AuthSources {
  endpoint?: string;
  node?: string;
  json?: boolean;
  timeout?: string;
}

export class CliContext {
  readonly printer: Printer;
  private clientInstance: DbcClient | undefined;
  private auth: Promise<ResolvedAuth> | undefined;

  constructor(
    readonly io: CliIo,
    readonly opts: GlobalOptions,
  ) {
    this.printer = new Printer(io.stdout, io.stderr, opts.json === true);
  }

  static of(io: CliIo, cmd: Command): CliContext {
    return new CliContext(io, cmd.optsWithGlobals<GlobalOptions>());
  }

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  get cwd(): string {
    return this.io.cwd ?? process.cwd();
  }

  get signal(): AbortSignal | undefined {
    return this.io.signal;
  }

  get endpoint(): string {
    return this.opts.endpoint ?? (this.env['DBC_ENDPOINT']?.trim() || DEFAULT_ENDPOINT);
  }

  /** The GPU node: --node, else `fallback` (a profile's node), else DBC_NODE. */
  nodeId(fallback?: string): string {
    const raw = this.opts.node ?? fallback ?? this.env['DBC_NODE']?.trim();
    if (!raw) throw new UsageError('no GPU node: pass --node ID or set DBC_NODE (the node\'s 64-hex id, see `dbc node list`)');
    return requireNodeId(raw);
  }

  timeoutMs(): number | undefined {
    if (this.opts.timeout === undefined) return undefined;
    const seconds = Number(this.opts.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds (got "${this.opts.timeout}")`);
    return Math.round(seconds * 1000);
  }

  client(): DbcClient {
    this.clientInstance ??= new DbcClient({ baseUrl: this.endpoint, fetch: this.io.fetch, timeoutMs: this.timeoutMs() });
    return this.clientInstance;
  }

  async credential(): Promise<Credential> {
    return (await this.resolved()).credential;
  }

  /** Options for an authenticated call. */
  async authed(): Promise<{ auth: Credential; signal?: AbortSignal }> {
    return { auth: await this.credential(), signal: this.signal };
  }

  /** The credential if one is configured, else undefined (for routes where auth is optional). */
  async optionalCredential(): Promise<Credential | undefined> {
    return availableKinds(this.opts, this.env).length ? this.credential() : undefined;
  }

  /** The signer that can sign a session_id (wallet, keystore, or a multisig member). */
  async sessionSigner(): Promise<Signer> {
    const resolved = await this.resolved();
    if (resolved.signer) return resolved.signer;
    return walletSigner(this.opts, this.env, this.cwd);
  }

  /** Waits between polls; Ctrl+C ends the wait early without an error (the loops then see the signal). */
  async sleep(ms: number): Promise<void> {
    try {
      await (this.io.sleep ?? abortableSleep)(ms, this.signal);
    } catch (err) {
      if (!this.signal?.aborted) throw err;
    }
  }

  private resolved(): Promise<ResolvedAuth> {
    this.auth ??= resolveAuth(this.opts, this.env, this.cwd).then((r) => {
      for (const w of r.warnings) this.printer.note(`dbc: ${w}`);
      return r;
    });
    return this.auth;
  }
}
