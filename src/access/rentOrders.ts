// Which rent order a GPU node's requests carry (docs/dbc-real-node.md §1: a per-GPU renter must send
// its order id with every request, a whole-machine renter none). The order chosen for the node in
// settings wins; otherwise the node's rent cache (`POST /api/v1/rent_orders`, no signature) is read
// once per node and the signing wallet's only renting order is used — none when it has none, and a
// clear "choose one" error when it has several. What was found is kept for the node row and the
// picker until forgotten (Refresh). Pure: no vscode import.
import { isCancellation, TransportError } from '../api/errors';
import type { Credential, RentOrderEntry } from '../api/types';
import { nodeKey, type NodeRef } from '../config/model/refs';
import { chooseRentOrder, describeRentOrder, rentingOrdersOf } from '../core/rentOrders';
import { UserFacingError, type ErrorAction } from '../ui/model/errors';
import { errorMessage } from '../util/errorMessage';

/** The wallet rents several orders on the node and none is chosen: nothing can be sent for it. */
export type RentOrderChoiceNeeded = UserFacingError & { rentOrderChoice: { node: NodeRef; orders: readonly RentOrderEntry[] } };

export function rentOrderChoiceNeeded(node: NodeRef, orders: readonly RentOrderEntry[], actions: readonly ErrorAction[] = []): RentOrderChoiceNeeded {
  const err = new UserFacingError('This wallet rents {0} orders on this GPU node ({1}); choose the one to use.', [orders.length, orders.map(describeRentOrder).join(', ')],
    'Use "Choose Rent Order…" on the node.', actions);
  return Object.assign(err, { rentOrderChoice: { node, orders } });
}

export function isRentOrderChoiceNeeded(err: unknown): err is RentOrderChoiceNeeded {
  return err instanceof UserFacingError && 'rentOrderChoice' in err;
}

/** What the node row shows about its rent order. */
export interface NodeRentOrderView {
  /** `chosen`: from settings; `found`: the wallet's only renting order; `none`: no order (whole machine); `several`: a choice is needed. */
  kind: 'chosen' | 'found' | 'none' | 'several';
  /** The order sent (chosen or found). */
  id?: string;
  /** Its record in the node's rent cache, when listed there. */
  entry?: RentOrderEntry;
  /** The wallet's renting orders on the node. */
  orders: RentOrderEntry[];
}

export interface RentOrdersOptions {
  /** The order chosen for the node in settings. */
  chosen(ref: NodeRef): string | undefined;
  /** The node's rent cache. */
  list(ref: NodeRef, signal?: AbortSignal): Promise<RentOrderEntry[]>;
  /** The view of this node changed. */
  onChange?(ref: NodeRef): void;
  /** Buttons for the "choose one" error (e.g. run "Choose Rent Order…" on the node). */
  chooseActions?(ref: NodeRef): ErrorAction[];
  log?(message: string): void;
  now?(): number;
}

interface Cached {
  entries: Promise<RentOrderEntry[]>;
  /** The last list read (kept while a later read runs, and when it fails). */
  value?: RentOrderEntry[];
  /** When `value` was read. */
  at?: number;
  reading: boolean;
}

export class RentOrders {
  private readonly cache = new Map<string, Cached>();
  /** The wallet that last signed for a node (whose orders the row shows). */
  private readonly wallets = new Map<string, string>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: RentOrdersOptions) {}

  /**
   * The `rent_order` of a request for `ref` signed by `credential` (undefined for unsigned routes:
   * then only a chosen order is sent, and the cache is not read, so reading it never recurses).
   */
  async resolve(ref: NodeRef, credential: Credential | undefined, signal?: AbortSignal): Promise<string | undefined> {
    const chosen = this.options.chosen(ref);
    if (!credential) return chosen;
    this.noteWallet(ref, credential.address);
    if (chosen) {
      // The row shows the chosen order's GPUs: read the cache beside the request, never before it.
      void this.entries(ref).catch(() => undefined);
      return chosen;
    }
    let entries: RentOrderEntry[];
    try {
      entries = await this.entries(ref, signal);
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The request itself fails the same way when the client node is down; otherwise it goes without an order.
      const key = nodeKey(ref);
      if (!this.warned.has(key)) this.options.log?.(`could not read the rent orders of node ${ref.nodeId.slice(0, 8)} (${errorMessage(err)}); sending no rent order`);
      this.warned.add(key);
      return undefined;
    }
    const choice = chooseRentOrder(entries, credential.address);
    if (choice.kind === 'order') return choice.order.id;
    if (choice.kind === 'none') return undefined;
    throw rentOrderChoiceNeeded(ref, choice.orders, this.options.chooseActions?.(ref) ?? []);
  }

  /** What the node row shows; undefined before anything is known. */
  view(ref: NodeRef): NodeRentOrderView | undefined {
    const chosen = this.options.chosen(ref);
    const key = nodeKey(ref);
    const entries = this.cache.get(key)?.value;
    const wallet = this.wallets.get(key);
    const orders = entries && wallet ? rentingOrdersOf(entries, wallet) : [];
    if (chosen) return { kind: 'chosen', id: chosen, entry: entries?.find((e) => e.id === chosen), orders };
    if (!entries || !wallet) return undefined;
    const choice = chooseRentOrder(entries, wallet);
    if (choice.kind === 'order') return { kind: 'found', id: choice.order.id, entry: choice.order, orders };
    return { kind: choice.kind, orders };
  }

  /** What the row shows, once the node's rent cache has been read for `wallet` (for Create VM). */
  async current(ref: NodeRef, wallet: string, signal?: AbortSignal): Promise<NodeRentOrderView | undefined> {
    this.noteWallet(ref, wallet);
    await this.entries(ref, signal);
    return this.view(ref);
  }

  /** The wallet's renting orders on the node, read again (for the picker). */
  async ordersOf(ref: NodeRef, wallet: string, signal?: AbortSignal): Promise<RentOrderEntry[]> {
    this.forget(ref);
    this.noteWallet(ref, wallet);
    return rentingOrdersOf(await this.entries(ref, signal), wallet);
  }

  /** The node's rent records as last read, and when; undefined before any answer. */
  peek(ref: NodeRef): { value: readonly RentOrderEntry[]; at: number } | undefined {
    const cached = this.cache.get(nodeKey(ref));
    return cached?.value && cached.at !== undefined ? { value: cached.value, at: cached.at } : undefined;
  }

  /**
   * The node's rent records, read again when older than `maxAgeMs` (the lease guard's end blocks: a
   * renewal moves them). After a failed read, the last good list; undefined when none ever came.
   */
  async fresh(ref: NodeRef, maxAgeMs: number, signal?: AbortSignal): Promise<readonly RentOrderEntry[] | undefined> {
    const cached = this.cache.get(nodeKey(ref));
    const old = cached !== undefined && !cached.reading && (cached.at === undefined || this.now() - cached.at >= maxAgeMs);
    const entry = !cached || old ? this.read(ref) : cached;
    try {
      return await (signal ? raceAbort(entry.entries, signal) : entry.entries);
    } catch (err) {
      if (isCancellation(err)) throw err;
      return this.cache.get(nodeKey(ref))?.value;
    }
  }

  /** Reads the nodes' rent caches again when next needed (all nodes when `ref` is omitted). */
  forget(ref?: NodeRef): void {
    if (ref) this.cache.delete(nodeKey(ref));
    else this.cache.clear();
    this.warned.clear();
  }

  private noteWallet(ref: NodeRef, wallet: string): void {
    const key = nodeKey(ref);
    if (this.wallets.get(key) === wallet) return;
    this.wallets.set(key, wallet);
    if (this.cache.get(key)?.value) this.options.onChange?.(ref);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** One read of the node's cache at a time. */
  private entries(ref: NodeRef, signal?: AbortSignal): Promise<RentOrderEntry[]> {
    const cached = this.cache.get(nodeKey(ref)) ?? this.read(ref);
    return signal ? raceAbort(cached.entries, signal) : cached.entries;
  }

  /** Starts a read; the list read before stays visible meanwhile, and after a failure (none before: nothing is kept). */
  private read(ref: NodeRef): Cached {
    const key = nodeKey(ref);
    const previous = this.cache.get(key);
    const entry: Cached = {
      entries: this.options.list(ref).then((list) => {
        Object.assign(entry, { value: list, at: this.now(), reading: false });
        this.options.onChange?.(ref);
        return list;
      }),
      value: previous?.value, at: previous?.at, reading: true,
    };
    entry.entries.catch(() => {
      entry.reading = false;
      if (this.cache.get(key) !== entry) return;
      if (entry.value) this.cache.set(key, { ...entry, entries: Promise.resolve(entry.value) });
      else this.cache.delete(key);
    });
    this.cache.set(key, entry);
    return entry;
  }
}

/** A shared read that one caller stops waiting for without cancelling it for the others. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const cancelled = () => new TransportError('rent_orders', 'aborted', undefined, 'cancelled');
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
