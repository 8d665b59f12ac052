// One SSH connection per VM, shared by everything that needs it (GPU sampling, port forwards): opened
// on first use, kept while in use, closed after `idleMs` without users, dropped (and reopened on next
// use) when the server closes it. Failed connects are not cached: the next use tries again.
import type { Client } from 'ssh2';
import { type VerifiedSession } from './sshClient';

export interface Lease {
  client: Client;
  release(): void;
  /** The connection turned out dead (e.g. `Not connected`): drop it, so the next lease reconnects. */
  discard?(): void;
}

interface Entry {
  ready: Promise<Client>;
  users: number;
  idle?: NodeJS.Timeout;
  client?: Client;
}

export class SshConnectionPool {
  private readonly entries = new Map<string, Entry>();

  /** `idleMs` may be a getter, read each time a connection falls idle (e.g. from a setting). */
  constructor(private readonly idleMs: number | (() => number)) {}

  /** Leases the connection for `key`, connecting with `connect` when there is none. */
  async acquire(key: string, connect: () => Promise<VerifiedSession>): Promise<Lease> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.open(key, connect);
      this.entries.set(key, entry);
    }
    entry.users++;
    clearTimeout(entry.idle);
    entry.idle = undefined;
    let client: Client;
    try {
      client = await entry.ready;
    } catch (err) {
      entry.users--;
      throw err;
    }
    let released = false;
    const held = entry;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        if (held.users === 0 && this.entries.get(key) === held) this.scheduleIdle(key, held);
      },
      discard: () => {
        if (this.entries.get(key) === held) this.close(key);
      },
    };
  }

  /** Runs `fn` on the connection for `key` (see acquire). */
  async use<T>(key: string, connect: () => Promise<VerifiedSession>, fn: (client: Client) => Promise<T>): Promise<T> {
    const lease = await this.acquire(key, connect);
    try {
      return await fn(lease.client);
    } finally {
      lease.release();
    }
  }

  isOpen(key: string): boolean {
    return this.entries.get(key)?.client !== undefined;
  }

  /** Closes the connection for `key` now, in use or not. */
  close(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    clearTimeout(entry.idle);
    entry.client?.end();
    // A connect still under way is ended when it completes.
    if (!entry.client) void entry.ready.then((c) => c.end(), () => undefined);
  }

  closeAll(): void {
    for (const key of [...this.entries.keys()]) this.close(key);
  }

  private open(key: string, connect: () => Promise<VerifiedSession>): Entry {
    const entry: Entry = { users: 0, ready: Promise.resolve(undefined as unknown as Client) };
    entry.ready = connect().then(
      ({ client }) => {
        entry.client = client;
        const gone = (): void => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          clearTimeout(entry.idle);
        };
        client.once('close', gone);
        client.once('end', gone);
        return client;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    return entry;
  }

  private scheduleIdle(key: string, entry: Entry): void {
    entry.idle = setTimeout(() => {
      if (this.entries.get(key) === entry && entry.users === 0) this.close(key);
    }, typeof this.idleMs === 'number' ? this.idleMs : this.idleMs());
    entry.idle.unref?.();
  }
}
