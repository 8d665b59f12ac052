// Per-run state shared by the commands: endpoint, node and timeout from flags and environment, the
// API client, the credential (resolved lazily, only by commands that need one) and the printer.
import type { Command } from 'commander';
import os from 'node:os';
import { DbcClient } from '../api/client';
import { ChainClient } from '../chain/client';
import { ChainUrlError, DEFAULT_CHAIN_RPC, normalizeChainUrl } from '../chain/endpoint';
import { ClientNodeError, TransportError } from '../api/errors';
import { requireNodeId } from '../api/ids';
import type { Credential } from '../api/types';
import type { Signer } from '../auth/types';
import { describeRentOrder, isRentOrderId, RentOrderDiscovery } from '../core/rentOrders';
import { availableKinds, resolveAuth, walletSigner, type AuthSources, type ResolvedAuth } from './auth';
import { UsageError } from './exitCodes';
import { abortableSleep } from '../util/sleep';
import { errorMessage } from '../util/errorMessage';
import type { CliIo } from './io';
import { Printer } from './output';
import { EndpointTunnel, parseSshEndpoint, type SshEndpointUrl } from '../ssh/core/endpointTunnel';
import { defaultSshPaths } from '../ssh/core/paths';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:5002';

export interface GlobalOptions extends AuthSources {
  endpoint?: string;
  node?: string;
  json?: boolean;
  timeout?: string;
  rentOrder?: string;
  chain?: string;
  allowInsecureHttp?: boolean;
  sshIdentity?: string;
}

export class CliContext {
  readonly printer: Printer;
  private clientInstance: DbcClient | undefined;
  private auth: Promise<ResolvedAuth> | undefined;
  private discovery: RentOrderDiscovery | undefined;
  private discoveryWarned = false;
  private tunnel: Promise<EndpointTunnel> | undefined;

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
    const endpoint = this.endpoint;
    const ssh = /^ssh:/i.test(endpoint) ? parseSshEndpoint(endpoint) : undefined;
    if (/^ssh:/i.test(endpoint) && !ssh) throw new UsageError(`--endpoint ${endpoint}: an SSH endpoint is ssh://user@host[:ssh-port][/client-node-port], e.g. ssh://me@gpu-box or ssh://me@gpu-box:2222/5002`);
    this.clientInstance ??= new DbcClient({
      baseUrl: endpoint, fetch: this.io.fetch, timeoutMs: this.timeoutMs(),
      rentOrderFor: (nodeId, credential, signal) => this.rentOrderFor(nodeId, credential, signal),
      allowInsecureHttp: this.allowInsecureHttp,
      ...(ssh ? { tunnel: () => this.tunnelUrl(ssh) } : {}),
    });
    return this.clientInstance;
  }

  /** The DBC chain's JSON-RPC: --chain, else DBC_CHAIN_RPC, else the node's own default endpoint. */
  chain(): ChainClient {
    const raw = this.opts.chain ?? (this.env['DBC_CHAIN_RPC']?.trim() || DEFAULT_CHAIN_RPC);
    let url: string;
    try {
      url = normalizeChainUrl(raw);
    } catch (err) {
      throw err instanceof ChainUrlError ? new UsageError(`${this.opts.chain !== undefined ? '--chain' : 'DBC_CHAIN_RPC'}: ${err.message}`) : err;
    }
    return new ChainClient({ url, fetch: this.io.fetch, timeoutMs: this.timeoutMs() });
  }

  /** `--allow-insecure-http` or DBC_ALLOW_INSECURE_HTTP=1: signed requests may go over plain http to another machine. */
  get allowInsecureHttp(): boolean {
    return this.opts.allowInsecureHttp === true || /^(1|true|yes)$/i.test(this.env['DBC_ALLOW_INSECURE_HTTP']?.trim() ?? '');
  }

  /** The home folder (HOME, USERPROFILE, else the OS's), for ~ and our ssh files. */
  get home(): string {
    return this.env['HOME'] || this.env['USERPROFILE'] || os.homedir();
  }

  /** Opens the SSH tunnel of an ssh:// endpoint once per run; later requests reuse it (it reconnects by itself). */
  private tunnelUrl(endpoint: SshEndpointUrl): Promise<string> {
    this.tunnel ??= EndpointTunnel.open({
      endpoint, env: { paths: defaultSshPaths(this.home) }, home: this.home,
      identityFile: this.opts.sshIdentity ?? (this.env['DBC_SSH_IDENTITY']?.trim() || undefined),
      agentSocket: this.env['SSH_AUTH_SOCK'] || undefined,
      onHostKey: (k) => {
        if (k.learned) this.printer.note(`dbc: learned the host key of ${endpoint.host}:${endpoint.port}: ${k.type} ${k.fingerprint}`);
      },
    });
    return this.tunnel.then((t) => t.url);
  }

  /** Closes what the run opened (the SSH tunnel). */
  async close(): Promise<void> {
    const tunnel = await this.tunnel?.catch(() => undefined);
    await tunnel?.close();
  }

  /** --rent-order, else DBC_RENT_ORDER; digits only. */
  explicitRentOrder(): string | undefined {
    const flag = this.opts.rentOrder !== undefined;
    const raw = (flag ? this.opts.rentOrder : this.env['DBC_RENT_ORDER'])?.trim();
    if (!raw) return undefined;
    if (!isRentOrderId(raw)) {
      throw new UsageError(`${flag ? '--rent-order' : 'DBC_RENT_ORDER'} must be a rent order id: the number of the order on the DBC chain, digits only (got "${raw}")`);
    }
    return raw;
  }

  /**
   * The rent order sent with every request for `nodeId`: the explicit one, else the signing wallet's
   * only renting order on that node (asked once per run), else none (a whole-machine rental).
   */
  async rentOrderFor(nodeId: string, credential: Credential | undefined, signal?: AbortSignal): Promise<string | undefined> {
    const explicit = this.explicitRentOrder();
    if (explicit || !credential) return explicit;
    this.discovery ??= new RentOrderDiscovery((id, s) => this.client().rentOrders(id, { signal: s ?? this.signal }));
    let choice;
    try {
      choice = await this.discovery.choose(nodeId, credential.address, signal);
    } catch (err) {
      // An unreachable client node or an unknown GPU node fails the request itself just the same: say it once, there.
      const quiet = err instanceof ClientNodeError || err instanceof TransportError;
      if (!quiet && !this.discoveryWarned) this.printer.note(`dbc: could not read the node's rent orders (${errorMessage(err)}); sending no rent order (pass --rent-order ID for a per-GPU rental)`);
      this.discoveryWarned = true;
      return undefined;
    }
    if (choice.kind === 'order') return choice.order.id;
    if (choice.kind === 'none') return undefined;
    throw new UsageError(`${credential.address} rents ${choice.orders.length} orders on node ${nodeId}: ${choice.orders.map(describeRentOrder).join(', ')}; choose one with --rent-order ID or DBC_RENT_ORDER`);
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
