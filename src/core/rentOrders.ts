// Rent orders of per-GPU rentals. A GPU node checks every request against its rent cache: by the
// request's top-level `rent_order`, or, when there is none, by the signing wallet as a whole-machine
// renter (docs/dbc-real-node.md §1). So a per-GPU renter must send the order id with every request;
// a whole-machine renter sends none. Discovery reads the node's cache (`POST /api/v1/rent_orders`).
import { isRentOrderId } from '../api/ids';
import type { RentOrderEntry } from '../api/types';

export { isRentOrderId };

/** The chain's statuses that the node accepts as renting. */
const RENTING = new Set(['renting', 'waitingVerifying']);
export function isRentingEntry(entry: RentOrderEntry): boolean {
  return RENTING.has(entry.rent_status);
}

/** The wallet's renting per-GPU orders (whole-machine records are keyed by the wallet, not an id). */
export function rentingOrdersOf(entries: readonly RentOrderEntry[], wallet: string): RentOrderEntry[] {
  return entries.filter((e) => e.renter === wallet && isRentingEntry(e) && isRentOrderId(e.id));
}

/** Whether the cache holds a renting whole-machine record of the wallet. */
export function rentsWholeMachine(entries: readonly RentOrderEntry[], wallet: string): boolean {
  return entries.some((e) => e.renter === wallet && isRentingEntry(e) && e.id === wallet);
}

export type RentOrderChoice =
  | { kind: 'order'; order: RentOrderEntry }
  /** No renting order: a whole-machine rental (or none at all); send no `rent_order`. */
  | { kind: 'none' }
  | { kind: 'several'; orders: RentOrderEntry[] };

/** Exactly one renting order → that one; none → none; several → the caller must choose. */
export function chooseRentOrder(entries: readonly RentOrderEntry[], wallet: string): RentOrderChoice {
  const orders = rentingOrdersOf(entries, wallet);
  if (orders.length === 1) return { kind: 'order', order: orders[0]! };
  if (orders.length === 0) return { kind: 'none' };
  return { kind: 'several', orders };
}

/** `120 (GPUs 4,5; ends at block 1200000)`. */
export function describeRentOrder(entry: RentOrderEntry): string {
  const gpus = entry.gpu_index.length ? `GPUs ${entry.gpu_index.join(',')}` : 'no GPUs';
  return `${entry.id} (${gpus}; ends at block ${entry.rent_end})`;
}

/**
 * Asks each node's rent cache once per wallet and remembers the choice (a run of the CLI, or an
 * editor session until refreshed). A failed request is not remembered.
 */
export class RentOrderDiscovery {
  private readonly choices = new Map<string, Promise<RentOrderChoice>>();

  constructor(private readonly list: (nodeId: string, signal?: AbortSignal) => Promise<RentOrderEntry[]>) {}

  choose(nodeId: string, wallet: string, signal?: AbortSignal): Promise<RentOrderChoice> {
    const key = `${nodeId}\n${wallet}`;
    let choice = this.choices.get(key);
    if (!choice) {
      choice = this.list(nodeId, signal).then((entries) => chooseRentOrder(entries, wallet));
      this.choices.set(key, choice);
      choice.catch(() => this.choices.delete(key));
    }
    return choice;
  }

  forget(nodeId?: string): void {
    if (nodeId === undefined) this.choices.clear();
    else for (const key of [...this.choices.keys()]) if (key.startsWith(`${nodeId}\n`)) this.choices.delete(key);
  }
}
