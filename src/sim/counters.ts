// Requests received per route and in total (for benchmarks); resettable through the admin API.
import { ROUTE_IDS, type RouteId } from './http/routes';

export interface CounterSnapshot {
  total: number;
  routes: Record<string, number>;
  /** Requests answered by routing itself (400/404/500 before any route handler). */
  unrouted: number;
  /** JSON-RPC calls to the simulated chain at `POST /`, by method (not in `total`). */
  chain: Record<string, number>;
  since: string;
}

export class Counters {
  private total = 0;
  private unrouted = 0;
  private routes = new Map<RouteId, number>();
  private chain = new Map<string, number>();
  private since = new Date();

  count(route: RouteId | undefined): void {
    this.total++;
    if (route) this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
    else this.unrouted++;
  }

  countChain(method: string): void {
    this.chain.set(method, (this.chain.get(method) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.unrouted = 0;
    this.routes.clear();
    this.chain.clear();
    this.since = new Date();
  }

  snapshot(): CounterSnapshot {
    const routes: Record<string, number> = {};
    for (const id of ROUTE_IDS) routes[id] = this.routes.get(id) ?? 0;
    return { total: this.total, routes, unrouted: this.unrouted, chain: Object.fromEntries(this.chain), since: this.since.toISOString() };
  }
}
