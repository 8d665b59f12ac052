// One DbcClient per endpoint URL, rebuilt when the request timeout or the user's consent to plain http
// changes. Clients keep what they learned about their endpoint (the snapshot route style); an ssh://
// endpoint's requests go through its tunnel. Pure: no vscode import.
import { DbcClient, type Exchange } from '../api/client';
import type { FetchLike } from '../api/transport';
import type { Credential } from '../api/types';

export interface ClientRegistryOptions {
  timeoutMs: () => number;
  onExchange?: (e: Exchange) => void;
  fetch?: FetchLike;
  /** Whether the user allowed signed requests over plain http to this (non-loopback) endpoint. */
  insecureHttpAllowed?: (endpoint: string) => boolean;
  /** The local URL of an ssh:// endpoint's tunnel. */
  tunnel?: (endpoint: string) => Promise<string>;
  /** The rent order of a node's requests through `endpoint` (see ./rentOrders.ts). */
  rentOrderFor?: (endpoint: string, nodeId: string, credential: Credential | undefined, signal?: AbortSignal) => Promise<string | undefined>;
}

export class ClientRegistry {
  private readonly clients = new Map<string, { client: DbcClient; timeoutMs: number; insecure: boolean }>();

  constructor(private readonly options: ClientRegistryOptions) {}

  client(endpoint: string): DbcClient {
    const timeoutMs = this.options.timeoutMs();
    const insecure = this.options.insecureHttpAllowed?.(endpoint) ?? false;
    const cached = this.clients.get(endpoint);
    if (cached && cached.timeoutMs === timeoutMs && cached.insecure === insecure) return cached.client;
    const tunnel = this.options.tunnel;
    const client = new DbcClient({
      baseUrl: endpoint, timeoutMs, onExchange: this.options.onExchange, fetch: this.options.fetch,
      snapshotRouteStyle: cached?.client.snapshotRouteStyle, allowInsecureHttp: insecure,
      ...(/^ssh:/i.test(endpoint) && tunnel ? { tunnel: () => tunnel(endpoint) } : {}),
      rentOrderFor: this.options.rentOrderFor && ((nodeId, credential, signal) => this.options.rentOrderFor!(endpoint, nodeId, credential, signal)),
    });
    this.clients.set(endpoint, { client, timeoutMs, insecure });
    return client;
  }

  retain(endpoints: readonly string[]): void {
    for (const url of [...this.clients.keys()]) if (!endpoints.includes(url)) this.clients.delete(url);
  }
}
