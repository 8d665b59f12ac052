// What the lease guard needs from the extension, and what its watch (leaseWatch.ts) reads and updates
// of the guard: one file both import, so they do not import each other.
import type { ChainTime } from '../chain/chainTime';
import type { RentRecord } from '../chain/lease';
import type { NodeRef } from '../config/model/refs';
import type { MementoLike } from '../secrets/credentialStore';
import type { NodeLease } from '../tree/model/leaseModel';
import type { Logger } from '../ui/model/logger';
import type { Notifier } from '../ui/model/notifier';
import type { WarnMemory } from './model/leaseWarnings';

export interface LeaseGuardHost {
  log: Logger;
  state: MementoLike;
  chain: ChainTime;
  /** The node's rent records as last read (every renter's), if any were. */
  records(ref: NodeRef): readonly RentRecord[] | undefined;
  /** The configured GPU nodes and the address of each one's credential (none: no rentals to show). */
  nodes(): { ref: NodeRef; wallet?: string }[];
  nodeName(ref: NodeRef): string;
  /** Seconds before the end at which to warn, largest first. */
  thresholds(): number[];
  notifier(): Notifier;
  /** Reads the node's rent records now (before a warning: a renewal moves the end). */
  readRentOrders(ref: NodeRef): Promise<void>;
  /** The rows that show lease times changed (they count down between refreshes). */
  redraw(refs: NodeRef[]): void;
  now?: () => number;
}

export interface LeaseGuardState {
  /** Warnings shown and rentals silenced. */
  memory: WarnMemory;
  readonly disposed: boolean;
  /** Every rental on every configured node, most urgent first. */
  leases(): NodeLease[];
  /** Look again soon. */
  changed(): void;
  /** Keeps the rent records as last read, for later sessions. */
  rememberRecords(): void;
  save(): Promise<void>;
}
