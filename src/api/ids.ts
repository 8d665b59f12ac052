// Checks on the values that end up in a URL path. The client node does no URL decoding (§2.1), so a
// slash or a question mark would silently change the route.
import { RequestError } from './requestError';

/** A GPU node id: its 64-hex sr25519 public key, no 0x. */
export function isNodeId(text: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(text);
}

export function requireNodeId(nodeId: string): string {
  const id = nodeId.trim();
  if (!isNodeId(id)) {
    throw new RequestError(`Invalid GPU node id "${nodeId}": expected the node's 64-character hex public key (no 0x).`);
  }
  return id;
}

/** A task id, snapshot name or other path segment: letters, digits, `_`, `-`, `.` only. */
export function requireSegment(what: string, value: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(value) || value === '.' || value === '..') {
    throw new RequestError(`Invalid ${what} "${value}": only letters, digits, "_", "-" and "." are allowed.`);
  }
  return value;
}

/** A rent order id: the chain's u64 order number in decimal (the node splices it into JSON-RPC unquoted). */
export function isRentOrderId(text: string): boolean {
  return /^\d{1,20}$/.test(text) && BigInt(text) <= 18446744073709551615n;
}

export function requireRentOrder(rentOrder: string): string {
  if (!isRentOrderId(rentOrder)) {
    throw new RequestError(`Invalid rent order "${rentOrder}": expected the number of the order on the DBC chain (digits only).`);
  }
  return rentOrder;
}
