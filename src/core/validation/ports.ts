import { fieldIssue, type Issue } from './issue';
import { ClaimIndex } from './portIndex';
import { readScalar } from './values';

export type PortProtocol = 'tcp' | 'udp';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
/** The node accepts VNC ports from 5900 only. */
export const MIN_VNC_PORT = 5900;

export interface PortRule {
  min: number;
  max: number;
  required: boolean;
}

export const LOGIN_PORT_RULE: PortRule = { min: MIN_PORT, max: MAX_PORT, required: false };
export const VNC_PORT_RULE: PortRule = { min: MIN_VNC_PORT, max: MAX_PORT, required: true };

/** A single-port field such as `ssh_port` or `new_vnc_port`. */
export function checkPort(field: string, value: unknown, rule: PortRule): Issue | undefined {
  const v = readScalar(value);
  if (v.kind === 'absent') return rule.required ? fieldIssue(field, 'required') : undefined;
  if (v.kind === 'invalid') return fieldIssue(field, 'notScalar', v.type);
  const n = parsePort(v.text);
  if (n === undefined || n < rule.min || n > rule.max) {
    return fieldIssue(field, 'portRange', rule.min, rule.max, v.text);
  }
  return undefined;
}

/** The port of a valid port value, else undefined. */
export function portValue(value: unknown): number | undefined {
  const v = readScalar(value);
  if (v.kind !== 'text') return undefined;
  const n = parsePort(v.text);
  return n !== undefined && n >= MIN_PORT && n <= MAX_PORT ? n : undefined;
}

/**
 * Digits without a leading zero: iptables parses ports with base 0, so "0100" would mean 64 and "08080"
 * would be rejected, and the node would silently install no rule.
 */
export function parsePort(text: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : undefined;
}

/** Host ports that one field of a request (or of an existing task) occupies. */
export interface PortClaim {
  field: string;
  protocol: PortProtocol;
  from: number;
  to: number;
}

export function claimsOverlap(a: PortClaim, b: PortClaim): boolean {
  return a.protocol === b.protocol && a.from <= b.to && b.from <= a.to;
}

/**
 * Host-port clashes inside one request: each claim is compared with the claims before it, and a
 * field reports only its first clash (on the later field, naming the earlier one). O(n log P).
 */
export function findClashes(claims: readonly PortClaim[]): Issue[] {
  const issues: Issue[] = [];
  const reported = new Set<string>();
  const index = new ClaimIndex<PortClaim>();
  for (const claim of claims) {
    const earlier = reported.has(claim.field) ? undefined
      : index.firstOverlap(claim.protocol, claim.from, claim.to, (n) => index.claims[n]!.field !== claim.field);
    if (earlier) {
      reported.add(claim.field);
      issues.push(fieldIssue(claim.field, 'portClash', claim.protocol, Math.max(claim.from, earlier.from), earlier.field));
    }
    index.add(claim);
  }
  return issues;
}

/**
 * The clashes that involve `field` or its entries (`field[i]`), reported on that field or entry whichever
 * side of the clash it is on, at most one each (for live checks of one input).
 */
export function clashesOf(field: string, claims: readonly PortClaim[]): Issue[] {
  const isOwn = (c: PortClaim): boolean => c.field === field || c.field.startsWith(`${field}[`);
  const index = new ClaimIndex(claims);
  const issues: Issue[] = [];
  const reported = new Set<string>();
  claims.forEach((mine, n) => {
    if (!isOwn(mine) || reported.has(mine.field)) return;
    const other = index.firstOverlap(mine.protocol, mine.from, mine.to, (m) => m !== n && index.claims[m]!.field !== mine.field);
    if (!other) return;
    reported.add(mine.field);
    issues.push(fieldIssue(mine.field, 'portClash', mine.protocol, Math.max(mine.from, other.from), other.field));
  });
  return issues;
}
