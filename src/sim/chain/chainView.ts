// The simulated chain's view of rentals, from the same rent records the GPU nodes cache (rent.ts).
// The chain holds an order from its rent until its end block: at `rent_end` it drops it
// (DeepBrainChain-MainChain rent-machine `check_if_rent_finished` → `RentInfo::remove`), while the
// node keeps its cached record and end (RentOrderManager.cpp). One store serves both here, so a
// renewal set through the admin API shows on the chain and in the node's cache at once.
import { blockAt, isRentingStatus, isWholeMachineRecord, type RentOrder } from '../rent';
import type { SimContext } from '../context';
import type { NodeState } from '../state';

/** The chain's default account (all zero bytes), an older chain's renter of "no rental". */
export const CHAIN_DEFAULT_ACCOUNT = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM';

export function currentBlock(sim: SimContext): number {
  return blockAt(sim.state.chain, sim.clock.now());
}

/** Moves the chain to `block` now (admin); it keeps advancing from there, one block per 6 simulated seconds. */
export function setCurrentBlock(sim: SimContext, block: number): number {
  if (!Number.isSafeInteger(block) || block < 0) throw new Error(`block must be a whole number >= 0 (got ${block})`);
  sim.state.chain = { baseBlock: block, baseTime: sim.clock.now() };
  sim.changed();
  return block;
}

/** Whether the chain still holds the record at `block` (not past its end, not expired). */
export function onChain(record: RentOrder, block: number): boolean {
  return block < record.rentEnd && isRentingStatus(record.status);
}

/** The machine's per-GPU orders the chain holds (`MachineRentOrder`). */
export function chainOrders(node: NodeState, block: number): RentOrder[] {
  return node.rentOrders.filter((o) => !isWholeMachineRecord(o) && onChain(o, block));
}

/** An order by its id, on whichever machine, while the chain holds it. */
export function findChainOrder(sim: SimContext, id: string, block: number): { node: NodeState; order: RentOrder } | undefined {
  for (const node of sim.state.nodes.values()) {
    const order = node.rentOrders.find((o) => o.id === id && !isWholeMachineRecord(o));
    if (order && onChain(order, block)) return { node, order };
  }
  return undefined;
}

/** The machine's whole-machine rental while the chain holds it. */
export function chainWholeRental(node: NodeState, block: number): RentOrder | undefined {
  return node.rentOrders.find((o) => isWholeMachineRecord(o) && onChain(o, block));
}
