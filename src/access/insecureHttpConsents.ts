// The endpoints for which the user allowed signed requests over plain http to another machine (after a
// modal naming the risk). Kept in the extension's global state on this machine: not synced, and not
// something a workspace can set (dbc.endpoints is machine-scoped too).
import { endpointSecurity } from '../api/endpointPolicy';

/** The part of vscode.Memento used (unit tests pass a Map-backed one). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'dbc.insecureHttpAllowed';

export class InsecureHttpConsents {
  constructor(private readonly state: StateStore) {}

  /** Whether `url` may carry signed requests: always for loopback, https and ssh; for plain http only when allowed. */
  allowed(url: string): boolean {
    return endpointSecurity(url) !== 'insecure-http' || this.list().includes(url);
  }

  async allow(url: string): Promise<void> {
    if (!this.list().includes(url)) await this.state.update(KEY, [...this.list(), url]);
  }

  async revoke(url: string): Promise<void> {
    await this.state.update(KEY, this.list().filter((u) => u !== url));
  }

  private list(): string[] {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((u): u is string => typeof u === 'string') : [];
  }
}
