// Reads a wallet's leases on one GPU node: the node's rent cache first (it also knows ended rentals),
// then the chain for the current block and each order's latest end (a renewal shows there before the
// node's next 15-minute check). Without the chain the leases still come back, with their end blocks.
import { errorMessage } from '../util/errorMessage';
import type { ChainClient } from './client';
import { ChainRpcError } from './errors';
import { bySoonestEnd, leaseFromChain, leasesOf, withChainOrder, type BlockReading, type Lease, type RentRecord } from './lease';

export interface LeaseSources {
  /** The node's rent cache (`POST /api/v1/rent_orders`). */
  rentRecords(nodeId: string, signal?: AbortSignal): Promise<RentRecord[]>;
  /** Undefined: no chain endpoint configured. */
  chain?: ChainClient;
  now?: () => number;
}

export interface NodeLeases {
  leases: Lease[];
  /** The chain's height when read; undefined without a chain answer. */
  reading?: BlockReading;
  /** Why the time is unknown (the chain did not answer). */
  chainError?: unknown;
  /** Chain reads that failed after the block was known: the node's cached ends were used there. */
  warnings: string[];
}

export async function readNodeLeases(src: LeaseSources, nodeId: string, wallet: string, signal?: AbortSignal): Promise<NodeLeases> {
  const cached = leasesOf(await src.rentRecords(nodeId, signal), wallet);
  const chain = src.chain;
  if (!chain) return { leases: cached, warnings: [] };
  let reading: BlockReading;
  try {
    const block = await chain.currentBlock({ signal });
    reading = { block, seenAtMs: (src.now ?? Date.now)() };
  } catch (err) {
    return { leases: cached, chainError: err, warnings: [] };
  }
  const warnings: string[] = [];
  const orders = await freshOrders(chain, nodeId, wallet, cached, warnings, signal);
  const leases = await freshWholeMachine(chain, nodeId, wallet, orders, warnings, signal);
  return { leases: leases.sort(bySoonestEnd), reading, warnings };
}

/** Cached orders with the chain's end, plus the wallet's orders the node has not cached yet. */
async function freshOrders(chain: ChainClient, nodeId: string, wallet: string, cached: Lease[], warnings: string[], signal?: AbortSignal): Promise<Lease[]> {
  let onChain: string[] = [];
  try {
    onChain = await chain.machineRentOrderIds(nodeId, { signal });
  } catch (err) {
    warnings.push(`the machine's rent orders: ${errorMessage(err)}`);
  }
  const known = new Set(cached.map((l) => l.rentOrder));
  const ids = [...new Set([...cached.flatMap((l) => (l.rentOrder ? [l.rentOrder] : [])), ...onChain])];
  const found = await Promise.all(ids.map(async (id) => {
    try {
      return { id, order: await chain.rentOrder(id, { signal }) };
    } catch (err) {
      warnings.push(`rent order ${id}: ${errorMessage(err)}`);
      return { id, order: undefined };
    }
  }));
  const byId = new Map(found.map((f) => [f.id, f.order]));
  const updated = cached.map((l) => (l.rentOrder ? withChainOrder(l, byId.get(l.rentOrder)) : l));
  const added = found.filter((f) => !known.has(f.id) && f.order?.renter === wallet).map((f) => leaseFromChain(f.id, f.order!));
  return [...updated, ...added];
}

/**
 * The whole-machine form (`rentMachine_getRentOrder ["<node_id>"]`), asked only when the node caches a
 * whole-machine rental of the wallet or the chain says the wallet rents the machine without an order of it.
 */
async function freshWholeMachine(chain: ChainClient, nodeId: string, wallet: string, leases: Lease[], warnings: string[], signal?: AbortSignal): Promise<Lease[]> {
  const whole = leases.find((l) => l.rentOrder === undefined);
  try {
    if (!whole && (leases.length > 0 || !(await chain.isMachineRenter(nodeId, wallet, { signal })))) return leases;
    const order = await chain.machineRentOrder(nodeId, { signal });
    if (whole) return leases.map((l) => (l === whole ? withChainOrder(l, order) : l));
    if (order?.renter !== wallet) return leases;
    return [...leases, leaseFromChain(undefined, order)];
  } catch (err) {
    // Newer chains take only order ids here (-32602 invalid params): the node's cached end stands.
    if (!(err instanceof ChainRpcError)) warnings.push(`the whole-machine rental: ${errorMessage(err)}`);
    return leases;
  }
}
