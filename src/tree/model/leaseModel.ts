// The rentals shown on node and VM rows and watched by the lease guard: the wallet's records of each
// node's rent cache (from the store), timed by the chain's block clock. Pure: no vscode.
import type { TaskInfo } from '../../api/types';
import type { BlockClock } from '../../chain/blockClock';
import { leasesOf, leaseTime, type Lease, type LeaseTime, type RentRecord } from '../../chain/lease';
import type { NodeRef } from '../../config/model/refs';

/** How a row offers the lease actions: `ending` within the warning window, `ended` after the end. */
export type RentalStage = 'active' | 'ending' | 'ended';

export interface NodeLease {
  ref: NodeRef;
  lease: Lease;
  time: LeaseTime;
  stage: RentalStage;
  /** One rental until its end: warnings shown are remembered under it (a renewal is a new end, warned again). */
  key: string;
  /** The rental whatever its end: "Don't warn for this rental" is remembered under it. */
  orderKey: string;
}

export interface LeaseClockView {
  clock: Pick<BlockClock, 'latest' | 'msPerBlock'>;
  now: number;
  /** The warning window: a rental ending within it is `ending`. */
  soonSeconds: number;
}

export function orderKeyOf(ref: NodeRef, lease: Lease): string {
  return `${ref.endpoint}|${ref.nodeId}|${lease.rentOrder ?? `wallet:${lease.renter}`}`;
}

export function leaseKeyOf(ref: NodeRef, lease: Lease): string {
  return `${orderKeyOf(ref, lease)}|${lease.rentEndBlock}`;
}

export function stageOf(time: LeaseTime, soonSeconds: number): RentalStage {
  if (time.phase === 'ended' || time.phase === 'deleted') return 'ended';
  return time.secondsLeft !== undefined && time.secondsLeft <= soonSeconds ? 'ending' : 'active';
}

/** A lease as it stands now. */
export function timedLease(ref: NodeRef, lease: Lease, view: LeaseClockView): NodeLease {
  const time = leaseTime(lease, view.clock.latest, view.now, view.clock.msPerBlock);
  return { ref, lease, time, stage: stageOf(time, view.soonSeconds), key: leaseKeyOf(ref, lease), orderKey: orderKeyOf(ref, lease) };
}

/** What the guard remembers of a node between sessions: the records of one wallet when last read. */
export interface SavedRecords {
  wallet: string;
  records: RentRecord[];
}

/** The node's records as fetched now, else as saved for this wallet (none for another wallet, or no credential). */
export function knownRecords(fetched: readonly RentRecord[] | undefined, saved: SavedRecords | undefined, wallet: string | undefined): readonly RentRecord[] | undefined {
  if (fetched) return fetched;
  return wallet !== undefined && saved?.wallet === wallet ? saved.records : undefined;
}

/** The wallet's rentals among the node's rent records, most urgent first (ended before ending before the rest). */
export function nodeLeases(records: readonly RentRecord[] | undefined, ref: NodeRef, wallet: string | undefined, view: LeaseClockView): NodeLease[] {
  if (!wallet || !records) return [];
  return byUrgency(leasesOf(records, wallet).map((l) => timedLease(ref, l, view)));
}

const STAGE_ORDER: Record<RentalStage, number> = { ended: 0, ending: 1, active: 2 };

export function byUrgency(leases: NodeLease[]): NodeLease[] {
  return [...leases].sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || a.lease.rentEndBlock - b.lease.rentEndBlock);
}

/**
 * The rental a VM runs on: the one its task info names (`rent_order`), the whole-machine one for a VM
 * without an order, or, before the task info is known, the wallet's only rental on the node.
 */
export function vmLease(leases: readonly NodeLease[], info: TaskInfo | undefined): NodeLease | undefined {
  if (info) return leases.find((l) => (l.lease.rentOrder ?? '') === (info.rent_order ?? ''));
  return leases.length === 1 ? leases[0] : undefined;
}
