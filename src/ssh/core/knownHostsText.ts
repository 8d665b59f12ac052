// Pure functions over known_hosts text (OpenSSH format, see sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").
// Host fields may be plain (`[1.2.3.4]:5684`, comma-separated lists) or hashed (`|1|salt|hmac`,
// HMAC-SHA1 of the host pattern keyed with the salt). Wildcard and negated patterns are not
// interpreted: we only ever look for the exact pattern of one VM endpoint.
import { createHmac, timingSafeEqual } from 'crypto';
import { joinLines, splitLines } from './configLines';

export interface HostKey {
  /** Key type as written in known_hosts, e.g. `ssh-ed25519`. */
  type: string;
  /** Base64 of the public key blob. */
  data: string;
}

export interface HostKeysFound {
  keys: HostKey[];
  revoked: HostKey[];
}

interface ParsedLine {
  indent: string;
  marker: string;
  hosts: string[];
  rest: string;
  key: HostKey;
}

const LINE = /^(\s*)(@[A-Za-z-]+\s+)?(\S+)(\s+(\S+)\s+(\S+).*)$/;

/** The host field OpenSSH writes for an endpoint: `host` on port 22, else `[host]:port`. */
export function knownHostsPattern(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

export function findHostKeys(text: string, host: string, port: number): HostKeysFound {
  const pattern = knownHostsPattern(host, port);
  const found: HostKeysFound = { keys: [], revoked: [] };
  for (const line of splitLines(text)) {
    const parsed = parseLine(line.text);
    if (!parsed || !parsed.hosts.some((h) => hostEntryMatches(h, pattern))) continue;
    const marker = parsed.marker.trim();
    if (marker === '') found.keys.push(parsed.key);
    else if (marker === '@revoked') found.revoked.push(parsed.key);
  }
  return found;
}

/** Removes the endpoint from every line (dropping lines left with no host). */
export function removeKnownHost(text: string, host: string, port: number): { text: string; removed: number } {
  const pattern = knownHostsPattern(host, port);
  let removed = 0;
  const kept = splitLines(text).flatMap((line) => {
    const parsed = parseLine(line.text);
    if (!parsed) return [line];
    const hosts = parsed.hosts.filter((h) => !hostEntryMatches(h, pattern));
    if (hosts.length === parsed.hosts.length) return [line];
    removed += parsed.hosts.length - hosts.length;
    if (hosts.length === 0) return [];
    return [{ ...line, text: `${parsed.indent}${parsed.marker}${hosts.join(',')}${parsed.rest}` }];
  });
  return { text: removed === 0 ? text : joinLines(kept), removed };
}

export function appendKnownHost(text: string, host: string, port: number, key: HostKey): string {
  const prefix = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${prefix}${knownHostsPattern(host, port)} ${key.type} ${key.data}\n`;
}

export function hostEntryMatches(entry: string, pattern: string): boolean {
  if (entry.startsWith('|1|')) return hashedEntryMatches(entry, pattern);
  return entry.toLowerCase() === pattern;
}

/** Hashes a pattern the way `ssh-keygen -H` does, with the given 20-byte salt. */
export function hashHostPattern(pattern: string, salt: Buffer): string {
  const mac = createHmac('sha1', salt).update(pattern).digest();
  return `|1|${salt.toString('base64')}|${mac.toString('base64')}`;
}

function hashedEntryMatches(entry: string, pattern: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(pattern).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function parseLine(text: string): ParsedLine | undefined {
  if (/^\s*(#|$)/.test(text)) return undefined;
  const m = LINE.exec(text);
  if (!m) return undefined;
  return { indent: m[1], marker: m[2] ?? '', hosts: m[3].split(','), rest: m[4], key: { type: m[5], data: m[6] } };
}
