// `custom_port` entries (protocol §8.3): "<proto>,<spec>" with proto tcp, udp or the seed doc's tcp/udp,
// and spec N, A:B, A-B or A-B:C-D (host before the colon, guest after it). Real nodes silently skip
// anything else, including a literal tcp/udp, so tcp/udp is expanded into a tcp and a udp entry.
import { type MessageCode } from '../messages';
import { fieldIssue, type Issue } from './issue';
import { MAX_PORT, MIN_PORT, type PortClaim, type PortProtocol } from './ports';
import { listEntries } from './lists';

export type CustomPortProtocol = PortProtocol | 'tcp/udp';

export interface PortRange {
  from: number;
  to: number;
}

export interface CustomPortRule {
  protocol: CustomPortProtocol;
  host: PortRange;
  guest: PortRange;
}

export type CustomPortResult = { ok: true; rule: CustomPortRule } | { ok: false; issue: Issue };

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'tcp/udp'];
const SPEC_FORMS: readonly RegExp[] = [/^(\d+)$/, /^(\d+):(\d+)$/, /^(\d+)-(\d+)$/, /^(\d+)-(\d+):(\d+)-(\d+)$/];

/** Parses one entry; `field` names it in the issue (e.g. `custom_port[2]`). */
export function parseCustomPort(entry: string, field = 'custom_port'): CustomPortResult {
  const parts = entry.split(',');
  if (parts.length !== 2) return fail(field, 'customPortFormat', entry);
  const [protocol, spec] = parts as [string, string];
  if (!PROTOCOLS.includes(protocol)) return fail(field, 'customPortProtocol', protocol);
  const form = SPEC_FORMS.findIndex((re) => re.test(spec));
  if (form < 0) return fail(field, 'customPortSpec', spec);
  const texts = (SPEC_FORMS[form]!.exec(spec) ?? []).slice(1);
  const bad = texts.find((t) => t.startsWith('0') && t !== '0');
  if (bad !== undefined) return fail(field, 'customPortLeadingZero', bad);
  const outOfRange = texts.find((t) => Number(t) < MIN_PORT || Number(t) > MAX_PORT);
  if (outOfRange !== undefined) return fail(field, 'customPortNumber', outOfRange);
  return rangesOf(field, protocol as CustomPortProtocol, form, texts.map(Number));
}

function rangesOf(field: string, protocol: CustomPortProtocol, form: number, n: number[]): CustomPortResult {
  const [a, b, c, d] = n as [number, number, number, number];
  const pick: [PortRange, PortRange][] = [
    [{ from: a, to: a }, { from: a, to: a }],
    [{ from: a, to: a }, { from: b, to: b }],
    [{ from: a, to: b }, { from: a, to: b }],
    [{ from: a, to: b }, { from: c, to: d }],
  ];
  const [host, guest] = pick[form]!;
  for (const r of [host, guest]) {
    if (r.from > r.to) return fail(field, 'customPortRangeOrder', `${r.from}-${r.to}`);
  }
  if (host.to - host.from !== guest.to - guest.from) {
    return fail(field, 'customPortRangeWidth', `${host.from}-${host.to}`, `${guest.from}-${guest.to}`);
  }
  return { ok: true, rule: { protocol, host, guest } };
}

function fail(field: string, code: MessageCode, ...args: string[]): CustomPortResult {
  return { ok: false, issue: fieldIssue(field, code, ...args) };
}

/** The wire text of a rule; pass `protocol` to write one half of a tcp/udp rule. */
export function formatCustomPort(rule: CustomPortRule, protocol: CustomPortProtocol = rule.protocol): string {
  const range = (r: PortRange): string => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);
  const same = rule.host.from === rule.guest.from && rule.host.to === rule.guest.to;
  return `${protocol},${same ? range(rule.host) : `${range(rule.host)}:${range(rule.guest)}`}`;
}

/** Replaces every `tcp/udp,<spec>` by `tcp,<spec>` and `udp,<spec>`; other entries are kept verbatim. */
export function expandCustomPorts(entries: readonly string[]): string[] {
  return entries.flatMap((e) => {
    const m = /^tcp\/udp,(.*)$/s.exec(e);
    return m ? [`tcp,${m[1]}`, `udp,${m[1]}`] : [e];
  });
}

export function protocolsOf(protocol: CustomPortProtocol): PortProtocol[] {
  return protocol === 'tcp/udp' ? ['tcp', 'udp'] : [protocol];
}

/** The host ports a rule occupies, one claim per protocol. */
export function customPortClaims(rule: CustomPortRule, field: string): PortClaim[] {
  return protocolsOf(rule.protocol).map((protocol) => ({ field, protocol, ...rule.host }));
}

export interface CustomPortListResult {
  issues: Issue[];
  claims: PortClaim[];
}

/** Checks a `custom_port`-like list; entries are named `<field>[i]`. Absent lists and blank entries are fine. */
export function checkCustomPortList(field: string, value: unknown): CustomPortListResult {
  const result: CustomPortListResult = { issues: [], claims: [] };
  for (const { name, entry, issue } of listEntries(field, value)) {
    if (issue) {
      result.issues.push(issue);
      continue;
    }
    const parsed = parseCustomPort(entry, name);
    if (parsed.ok) result.claims.push(...customPortClaims(parsed.rule, name));
    else result.issues.push(parsed.issue);
  }
  return result;
}
