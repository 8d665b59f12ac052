// The GPU node's rent-record cache (RentOrderManager.cpp) and the chain's block clock.
//
// A record is keyed by its rent order id (a per-GPU rental: the chain's u64 id as decimal text) or,
// for a whole-machine rental fetched without an order, by the renter's wallet (HttpDBCChainClient.cpp
// `__set_id(is_order ? rent_order : renter)`). Every lookup is `find(rent_order.empty() ? wallet :
// rent_order)` followed by `renter == wallet`: there is no "any order of this wallet" fallback.
//
// Rent ends are chain block numbers. The simulator's chain advances one block every 6 simulated
// seconds from `chain.baseBlock` at `chain.baseTime`, so a test (or the lease guard's chain endpoint)
// can move it with the simulator's clock.

/** The chain's `rentStatus` text; the node treats `renting` and `waitingVerifying` as renting. */
export type RentStatus = 'renting' | 'waitingVerifying' | 'rentExpired' | (string & {});

export interface RentOrder {
  /** The order id (decimal u64 text), or the renter's wallet for a whole-machine rental. */
  id: string;
  renter: string;
  status: RentStatus;
  gpuIndexes: number[];
  /** The chain's `gpuNum` (the whole-machine form: the machine's GPU count). */
  gpuNum: number;
  /** Chain block at which the rental ends. */
  rentEnd: number;
  /**
   * On the chain but not yet in the GPU node's cache: the node fetches an order when a request names
   * it (`check_authority` → `UpdateRentOrder`) or at its next prune cycle (`getRentOrderList`), so a
   * new per-GPU order is not listed by `/rent_orders` and its renter is "not rented" until then.
   */
  pending?: boolean;
}

export interface ChainClock {
  /** Block number at `baseTime`. */
  baseBlock: number;
  /** Simulated epoch ms at which the chain was at `baseBlock`. */
  baseTime: number;
}

export const BLOCK_MS = 6_000;
export const BLOCKS_PER_HOUR = 600;
export const BLOCKS_PER_DAY = BLOCKS_PER_HOUR * 24;
/** A plausible mainnet height for a fresh world. */
export const DEFAULT_CHAIN_BLOCK = 4_000_000;
/** Default length of a scenario rental: 30 days. */
export const DEFAULT_RENT_DAYS = 30;

export function blockAt(chain: ChainClock, now: number): number {
  return chain.baseBlock + Math.floor((now - chain.baseTime) / BLOCK_MS);
}

/** A chain rent order id: the node splices it unquoted into JSON-RPC, so it must be a decimal u64. */
export function isOrderId(id: string): boolean {
  return /^\d{1,20}$/.test(id);
}

/** Whether the record is a whole-machine rental (keyed by the renter's wallet). */
export function isWholeMachineRecord(o: RentOrder): boolean {
  return !isOrderId(o.id);
}

export function isRentingStatus(status: RentStatus): boolean {
  return status === 'renting' || status === 'waitingVerifying';
}

interface HasRecords { rentOrders: RentOrder[] }

/** `rent_orders_.find(rent_order.empty() ? wallet : rent_order)` with `renter == wallet`. */
export function rentRecord(node: HasRecords, rentOrder: string, wallet: string): RentOrder | undefined {
  const key = rentOrder === '' ? wallet : rentOrder;
  const record = node.rentOrders.find((o) => o.id === key && !o.pending);
  return record && record.renter === wallet ? record : undefined;
}

/** `GetRentStatus(rent_order, wallet) == Renting`. */
export function isRenting(node: HasRecords, rentOrder: string, wallet: string): boolean {
  const record = rentRecord(node, rentOrder, wallet);
  return record !== undefined && isRentingStatus(record.status);
}

/** `GetRentedGpuIndex`: empty when the record is missing or belongs to someone else. */
export function rentedGpuIndexes(node: HasRecords, rentOrder: string, wallet: string): number[] {
  return rentRecord(node, rentOrder, wallet)?.gpuIndexes ?? [];
}

/** `GetRentEnd`: 0 when unknown. */
export function rentEnd(node: HasRecords, rentOrder: string, wallet: string): number {
  return rentRecord(node, rentOrder, wallet)?.rentEnd ?? 0;
}

/** The cache as `POST /api/v1/rent_orders` walks it: a std::map, so sorted by id as strings. */
export function sortedRecords(node: HasRecords): RentOrder[] {
  return node.rentOrders.filter((o) => !o.pending).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * `UpdateRentOrder(machine_id, rent_order)`: the node asks the chain for the named order and caches
 * what the chain still holds (`onChain` decides, see chain/chainView.ts). Returns whether it changed.
 */
export function fetchPendingOrder(node: HasRecords, rentOrder: string, onChain: (o: RentOrder) => boolean): boolean {
  const record = rentOrder === '' ? undefined : node.rentOrders.find((o) => o.id === rentOrder && o.pending);
  if (!record || !onChain(record)) return false;
  delete record.pending;
  return true;
}

/** Inserts or replaces the record with the same id. */
export function putRecord(node: HasRecords, record: RentOrder): void {
  const at = node.rentOrders.findIndex((o) => o.id === record.id);
  if (at >= 0) node.rentOrders.splice(at, 1, record);
  else node.rentOrders.push(record);
}

/** Reads a record written by an older simulator (whole-machine id "", status "expired", no block). */
export function upgradeRecord(o: Partial<RentOrder> & { id?: string; renter?: string }, defaultEnd: number): RentOrder {
  const renter = o.renter ?? '';
  const gpuIndexes = Array.isArray(o.gpuIndexes) ? o.gpuIndexes : [];
  return {
    id: o.id === undefined || o.id === '' ? renter : o.id,
    renter,
    status: o.status === 'expired' ? 'rentExpired' : o.status ?? 'renting',
    gpuIndexes,
    gpuNum: typeof o.gpuNum === 'number' ? o.gpuNum : gpuIndexes.length,
    rentEnd: typeof o.rentEnd === 'number' ? o.rentEnd : defaultEnd,
    ...(o.pending === true ? { pending: true } : {}),
  };
}
