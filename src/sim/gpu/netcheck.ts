// Address and filter checks used by create and modify validation.
import { isIPv4, isIPv6 } from 'node:net';
import { utilSplit } from '../format';

/** A valid, canonically written IPv4 or IPv6 address. */
export function isCanonicalIp(ip: string): boolean {
  if (isIPv4(ip)) return ip.split('.').every((o) => o === String(Number(o)));
  return isIPv6(ip);
}

export type MulticastError = 'multicast format: ip:port' | 'address is not a multicast address' | 'invalid multicast port';

/** `"<ipv4>:<port>"` with a 224.0.0.0/4 address and a port 1–65535 without leading zero. */
export function multicastError(entry: string): MulticastError | undefined {
  const parts = utilSplit(entry, ':');
  if (parts.length !== 2) return 'multicast format: ip:port';
  const [ip, port] = parts;
  const first = Number(ip.split('.')[0]);
  if (!isIPv4(ip) || first < 224 || first > 239) return 'address is not a multicast address';
  if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) return 'invalid multicast port';
  return undefined;
}

const CIDR = /^(\d{1,3}(\.\d{1,3}){3})(\/(\d|[12]\d|3[0-2]))?$/;

/** `in|out,<proto|all>,<port|all>,<cidr>,accept|drop` (wiki format of network_filters). */
export function isValidNetworkFilter(filter: string): boolean {
  const f = filter.split(',');
  if (f.length !== 5) return false;
  const [dir, proto, port, cidr, action] = f;
  return ['in', 'out'].includes(dir) && /^(all|tcp|udp|icmp)$/.test(proto) &&
    (port === 'all' || /^\d{1,5}$/.test(port)) && CIDR.test(cidr) && ['accept', 'drop'].includes(action);
}
