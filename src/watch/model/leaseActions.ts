// The lease actions a warning, the status bar and the row menus offer, as commands. Pure.
import type { NodeLease } from '../../tree/model/leaseModel';

export type LeaseAction = 'snapshot' | 'renew' | 'mute';

export const LEASE_COMMANDS: Record<LeaseAction, string> = { snapshot: 'dbc.lease.snapshotVms', renew: 'dbc.lease.renew', mute: 'dbc.lease.mute' };

/** What the lease commands take: `{ endpoint, nodeId, rentOrder }` ('' for a whole-machine rental). */
export function leaseTarget(l: NodeLease): { endpoint: string; nodeId: string; rentOrder: string } {
  return { endpoint: l.ref.endpoint, nodeId: l.ref.nodeId, rentOrder: l.lease.rentOrder ?? '' };
}
