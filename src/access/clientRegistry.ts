// One DbcClient per endpoint URL, rebuilt when the request timeout changes. Clients keep what they
// learned about their endpoint (the snapshot route style). Pure: no vscode import.
import { DbcClient, type Exchange } from '../api/client';
import type { FetchLike } from '../api/transport';

export interface ClientRegistryOptions {
  timeoutMs: () => number;
  onExchange?: (e: Exchange) => void;
  fetch?: FetchLike;
}

export class ClientRegistry {
  private readonly clients = new Map<string, { client: DbcClient; timeoutMs: number }>();

  constructor(private readonly options: ClientRegistryOptions) {}

  client(endpoint: string): DbcClient {
    const timeoutMs = this.options.timeoutMs();
    const cached = this.clients.get(endpoint);
    if (cached && cached.timeoutMs === timeoutMs) return cached.client;
    const client = new DbcClient({
      baseUrl: endpoint, timeoutMs, onExchange: this.options.onExchange, fetch: this.options.fetch,
      snapshotRouteStyle: cached?.client.snapshotRouteStyle,
    });
    this.clients.set(endpoint, { client, timeoutMs });
    return client;
  }

  retain(endpoints: readonly string[]): void {
    for (const url of [...this.clients.keys()]) if (!endpoints.includes(url)) this.clients.delete(url);
  }
}
