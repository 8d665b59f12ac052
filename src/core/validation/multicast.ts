// `multicast` entries: "<ipv4>:<port>" with the address in 224.0.0.0/4 (224.0.0.0–239.255.255.255; the seed
// doc's "224.0.0.0~239.0.0.0" is wrong) and the port 1–65535 without a leading zero. A non-IP string makes
// real nodes throw an uncaught C++ exception, so it must never be sent.
import { fieldIssue, type Issue } from './issue';
import { listEntries } from './lists';

/** The four octets of a strict dotted-quad IPv4 address (as inet_pton reads it: no leading zeros). */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

export function isMulticastIpv4(octets: readonly number[]): boolean {
  return octets[0]! >= 224 && octets[0]! <= 239;
}

/** Checks one entry; `field` names it in the issue. */
export function checkMulticastEntry(field: string, entry: string): Issue | undefined {
  const colon = entry.lastIndexOf(':');
  const octets = colon < 0 ? undefined : parseIpv4(entry.slice(0, colon));
  if (!octets) return fieldIssue(field, 'multicastFormat', entry);
  if (!isMulticastIpv4(octets)) return fieldIssue(field, 'multicastAddress', entry.slice(0, colon));
  const port = entry.slice(colon + 1);
  const ok = /^[1-9]\d{0,4}$/.test(port) && Number(port) <= 65535;
  return ok ? undefined : fieldIssue(field, 'multicastPort', port);
}

/** Checks a `multicast` list; entries are named `multicast[i]`. */
export function checkMulticastList(field: string, value: unknown): Issue[] {
  return listEntries(field, value).flatMap((e) => {
    const issue = e.issue ?? checkMulticastEntry(e.name, e.entry);
    return issue ? [issue] : [];
  });
}
