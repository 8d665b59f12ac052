// A renter's leases on one GPU node and how long each has left. The node's rent cache
// (`POST /api/v1/rent_orders`) gives every rental's end block and keeps it after the end (the chain
// forgets an ended order; RentOrderManager.cpp keeps the old rent_end "to delete the VM n days later").
// The chain gives the current block; a rent order read from the chain may carry a later end (renewed).
// Time is extrapolated from one observed block at 6 s per block.
import { BLOCK_MS, BLOCK_SECONDS, ORDER_DELETE_AFTER_BLOCKS, WHOLE_MACHINE_DELETE_AFTER_BLOCKS } from './blocks';
import { isRentOrderId } from '../api/ids';
import type { RentOrderEntry } from '../api/types';
import type { ChainRentOrder } from './client';

/** What a lease needs of a record of the node's rent cache (`POST /api/v1/rent_orders`). */
export type RentRecord = Pick<RentOrderEntry, 'id' | 'renter' | 'rent_end' | 'rent_status' | 'gpu_index'>;

export interface Lease {
  /** The chain's rent order id; undefined for a whole-machine rental. */
  rentOrder: string | undefined;
  renter: string;
  /** As the node (or the chain) reports it: `renting`, `waitingVerifying`, `rentExpired`. */
  rentStatus: string;
  gpuIndex: number[];
  rentEndBlock: number;
  /** Blocks after the end at which the node deletes the VMs. */
  deleteAfterBlocks: number;
}

/** One reading of the chain's height. */
export interface BlockReading {
  block: number;
  /** Epoch ms at which it was read. */
  seenAtMs: number;
}

/** Where a lease stands: before its end, ended (VMs off), or past the deletion point; `unknown` without a block. */
export type LeasePhase = 'renting' | 'ended' | 'deleted' | 'unknown';

export interface LeaseTime {
  phase: LeasePhase;
  currentBlock?: number;
  /** Negative after the end. */
  secondsLeft?: number;
  endsAtMs?: number;
  /** When the node deletes the VMs (it checks every 15 minutes from then). */
  deleteAtMs?: number;
}

/**
 * The wallet's leases in the node's cache, as the node looks them up (`find(rent_order or wallet)`,
 * then `renter == wallet`): its per-GPU orders, and its whole-machine record keyed by the wallet.
 */
export function leasesOf(records: readonly RentRecord[], wallet: string): Lease[] {
  return records
    .filter((r) => r.renter === wallet && (isRentOrderId(r.id) || r.id === wallet))
    .map((r) => {
      const order = isRentOrderId(r.id);
      return {
        rentOrder: order ? r.id : undefined, renter: r.renter, rentStatus: r.rent_status, gpuIndex: [...r.gpu_index],
        rentEndBlock: Number.parseInt(r.rent_end, 10) || 0,
        deleteAfterBlocks: order ? ORDER_DELETE_AFTER_BLOCKS : WHOLE_MACHINE_DELETE_AFTER_BLOCKS,
      };
    })
    .sort(bySoonestEnd);
}

/** The chain's view of an order wins where it has one of this renter (a renewal moves the end); an ended order keeps the node's end. */
export function withChainOrder(lease: Lease, order: ChainRentOrder | undefined): Lease {
  if (!order || order.renter !== lease.renter || order.rentEnd <= 0) return lease;
  return { ...lease, rentEndBlock: order.rentEnd, rentStatus: order.rentStatus, gpuIndex: order.gpuIndex ?? lease.gpuIndex };
}

/**
 * A lease the chain knows of that the node has not cached yet (it reads the chain every 15 minutes):
 * a rent order by its id, or (undefined) the whole-machine rental.
 */
export function leaseFromChain(rentOrder: string | undefined, order: ChainRentOrder): Lease {
  return {
    rentOrder, renter: order.renter, rentStatus: order.rentStatus, gpuIndex: order.gpuIndex ?? [], rentEndBlock: order.rentEnd,
    deleteAfterBlocks: rentOrder === undefined ? WHOLE_MACHINE_DELETE_AFTER_BLOCKS : ORDER_DELETE_AFTER_BLOCKS,
  };
}

/**
 * How the lease stands at `nowMs`, given a block reading (none: only the end block is known). The
 * block is extrapolated from the reading at `msPerBlock` (6 s, or the rate the chain was seen to run);
 * the time left is counted in chain time, 6 s a block.
 */
export function leaseTime(lease: Lease, reading: BlockReading | undefined, nowMs: number, msPerBlock = BLOCK_MS): LeaseTime {
  if (!reading || lease.rentEndBlock <= 0) return { phase: 'unknown' };
  const block = reading.block + (nowMs - reading.seenAtMs) / msPerBlock;
  const secondsLeft = Math.round((lease.rentEndBlock - block) * BLOCK_SECONDS);
  const endsAtMs = nowMs + secondsLeft * 1000;
  const deleteAtMs = endsAtMs + lease.deleteAfterBlocks * BLOCK_MS;
  const phase: LeasePhase = block < lease.rentEndBlock ? 'renting' : block < lease.rentEndBlock + lease.deleteAfterBlocks ? 'ended' : 'deleted';
  return { phase, currentBlock: Math.floor(block), secondsLeft, endsAtMs, deleteAtMs };
}

/** Soonest end first; per-GPU orders by id when they end together. */
export function bySoonestEnd(a: Lease, b: Lease): number {
  return a.rentEndBlock - b.rentEndBlock || (a.rentOrder ?? '').localeCompare(b.rentOrder ?? '');
}
