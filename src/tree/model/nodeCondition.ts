// Answers about a GPU node that describe its rental or its reach, not a failure: the tree shows them as the
// node's state (own icon, a hint), not as a red "refresh failed", and Create VM does not offer such a node.
// The texts are the node's own (node_request_service.cpp check_authority; the client node's forward).
import { ClientNodeError, GpuNodeError } from '../../api/errors';
import type { IconSpec } from './icons';

export type NodeCondition = 'notRented' | 'rentedByOther' | 'expired' | 'unknownToClient';

export const NODE_CONDITIONS: readonly NodeCondition[] = ['notRented', 'rentedByOther', 'expired', 'unknownToClient'];

const BY_AUTHORITY_REASON: Record<string, NodeCondition> = {
  /** chain status online: nobody rents it */
  'machine is not be rented': 'notRented',
  /** chain status rented, but not by the signing wallet (or its rent order ended) */
  'wallet not rented': 'rentedByOther',
  /** a session whose renter no longer rents it */
  'machine has already expired': 'expired',
};

/** The condition a failed node request reveals, or undefined when it is a real failure. */
export function nodeCondition(error: unknown): NodeCondition | undefined {
  if (error instanceof GpuNodeError) return BY_AUTHORITY_REASON[error.authorityReason ?? ''];
  if (error instanceof ClientNodeError && error.kind === 'forward-failed' && /create node request failed/.test(error.nodeMessage)) {
    return 'unknownToClient';
  }
  return undefined;
}

export interface ConditionText {
  /** The node row's description. */
  label: string;
  /** The row under the node: what to do, short. */
  row: string;
  /** What it means and what to do (the tooltips). */
  hint: string;
}

/** English source texts (translated through l10n by the callers). */
export const CONDITION_TEXT: Record<NodeCondition, ConditionText> = {
  notRented: {
    label: 'not rented', row: 'Nobody rents it: rent it on the DBC chain first',
    hint: 'Nobody rents this machine. Rent it on the DBC chain, or remove it from the list.',
  },
  rentedByOther: {
    label: 'rented by someone else', row: 'Not rented by this credential: choose the one that rents it…',
    hint: 'The machine is rented, but not by this credential (or its rental ended). Choose the credential of the wallet that rents it, or ask the renter to share access.',
  },
  expired: {
    label: 'rental ended', row: 'The rental has ended: renew it, or get new access…',
    hint: 'The rental behind this shared access has ended. Renew it on the DBC chain, or ask the renter for new access.',
  },
  unknownToClient: {
    label: 'unknown to the client node', row: 'The client node has not seen this node lately: check its id',
    hint: 'The client node has not heard from this GPU node in the last minutes. Check the node id; a node that just started may need a few minutes to be seen.',
  },
};

/** Neutral icons: none of them red. */
export const CONDITION_ICONS: Record<NodeCondition, IconSpec> = {
  notRented: { id: 'circle-slash', color: 'descriptionForeground' },
  rentedByOther: { id: 'lock', color: 'descriptionForeground' },
  expired: { id: 'history', color: 'descriptionForeground' },
  unknownToClient: { id: 'question', color: 'descriptionForeground' },
};
