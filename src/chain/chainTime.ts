// The extension's one source of the chain's height: reads chain_getBlock at most once per
// `minIntervalMs` (callers at the same moment share the request), and only when asked — by a refresh
// of a node that has a rental, or by a lease warning that falls due. Between readings the BlockClock
// extrapolates. No chain configured, or no answer: the leases show their end block only. The JSON-RPC
// client is loaded with the first reading (activation does not need it; esbuild makes it a chunk).
import { errorMessage } from '../util/errorMessage';
import { BlockClock } from './blockClock';
import type { ChainClient } from './client';
import { isLoopbackUrl, normalizeChainUrl } from './endpoint';
import type { ChainFetch } from './rpc';

interface Endpoint {
  url: string;
  /** The normalized URL to read, or undefined when it is refused. */
  target: string | undefined;
  client?: ChainClient;
}

export interface ChainTimeDeps {
  /** The chain endpoint as configured (`dbc.chain.rpcUrl`); a new one forgets what the old one said. */
  url(): string;
  timeoutMs?(): number;
  /** Refuse an endpoint off this machine (extension tests: only the simulator's chain). */
  loopbackOnly?: boolean;
  fetch?: ChainFetch;
  now?: () => number;
  /** Default 20 s: a refresh of many nodes, or a burst of refreshes, reads the block once. */
  minIntervalMs?: number;
  /** After each reading or failure. */
  onChange?: () => void;
  log?: (message: string) => void;
}

export class ChainTime {
  readonly clock = new BlockClock();
  private inFlight: Promise<void> | undefined;
  private lastAttemptMs = -Infinity;
  private stale = false;
  private endpoint: Endpoint | undefined;
  /** The last failure, cleared by the next answer. */
  lastError: unknown;

  constructor(private readonly deps: ChainTimeDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The next read happens whatever the interval (an explicit refresh, a warning to confirm). */
  invalidate(): void {
    this.stale = true;
  }

  /** Reads the block unless one was read (or tried) within the interval; resolves when done. Never throws. */
  refresh(signal?: AbortSignal): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const endpoint = this.current();
    if (!endpoint.target) return Promise.resolve();
    if (!this.stale && this.now() - this.lastAttemptMs < (this.deps.minIntervalMs ?? 20_000)) return Promise.resolve();
    this.stale = false;
    this.lastAttemptMs = this.now();
    this.inFlight = this.read(endpoint, signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Resolves when the reading in flight (if any) is done: a warning is computed from it, not from before it. */
  settled(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  /** The configured endpoint, checked when it changes (one log line for a URL it refuses). */
  private current(): Endpoint {
    const url = this.deps.url();
    if (this.endpoint?.url === url) return this.endpoint;
    let target: string | undefined;
    try {
      target = normalizeChainUrl(url);
      if (this.deps.loopbackOnly && !isLoopbackUrl(target)) throw new Error(`${target} is not on this machine (only the simulator's chain is used here)`);
    } catch (err) {
      target = undefined;
      this.deps.log?.(`[chain] ${errorMessage(err)}`);
    }
    if (this.endpoint) {
      this.clock.forget();
      this.lastError = undefined;
      this.lastAttemptMs = -Infinity;
    }
    this.endpoint = { url, target };
    return this.endpoint;
  }

  private async read(endpoint: Endpoint, signal?: AbortSignal): Promise<void> {
    const [{ ChainClient }, { isChainCancellation }] = await Promise.all([import('./client'), import('./errors')]);
    endpoint.client ??= new ChainClient({ url: endpoint.target!, timeoutMs: this.deps.timeoutMs?.(), fetch: this.deps.fetch });
    try {
      const block = await endpoint.client.currentBlock({ signal });
      if (this.endpoint !== endpoint) return;
      this.clock.observe({ block, seenAtMs: this.now() });
      this.lastError = undefined;
    } catch (err) {
      if (isChainCancellation(err) || this.endpoint !== endpoint) return;
      if (this.lastError === undefined) this.deps.log?.(`[chain] ${endpoint.target}: ${errorMessage(err)}`);
      this.lastError = err;
    }
    this.deps.onChange?.();
  }
}
