// The "extra ports" answer of Create VM: guest ports that get free host ports from the port planner
// (`8888`, `6000-6010/udp`, `7000/tcp/udp`), or full rules in the node's own syntax (`tcp,8080:80`).
// Pure: text in, wire entries (host → guest) out.
import { PortPlanner, type ExistingTask } from '../../../core/portPlanner';
import { formatCustomPort, parseCustomPort, type CustomPortProtocol, type Issue, type PortRange } from '../../../core/validation';
import { portValue } from '../../../core/validation/ports';
import type { Translate } from '../../../ui/model/translate';

export type PortToken =
  | { kind: 'rule'; text: string }
  | { kind: 'guest'; token: string; protocol: CustomPortProtocol; guest: PortRange };

export type TokenResult = { ok: true; tokens: PortToken[] } | { ok: false; token: string; issue?: Issue };

const GUEST = /^([1-9]\d{0,4})(?:-([1-9]\d{0,4}))?(?:\/(tcp|udp|tcp\/udp))?$/;

function guestToken(token: string): PortToken | undefined {
  const m = GUEST.exec(token);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > to || to > 65535) return undefined;
  return { kind: 'guest', token, protocol: (m[3] ?? 'tcp') as CustomPortProtocol, guest: { from, to } };
}

/** Splits and checks the answer; an empty answer means no extra ports. */
export function parsePortTokens(text: string): TokenResult {
  const tokens: PortToken[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    if (token.includes(',')) {
      const parsed = parseCustomPort(token);
      if (!parsed.ok) return { ok: false, token, issue: parsed.issue };
      tokens.push({ kind: 'rule', text: token });
      continue;
    }
    const guest = guestToken(token);
    if (!guest) return { ok: false, token };
    tokens.push(guest);
  }
  return { ok: true, tokens };
}

export interface PlannedPorts {
  entries: string[];
  /** The guest tokens no free host range was found for. */
  unplaced: string[];
}

/**
 * Wire entries for the tokens: rules as written, guest ports on free host ranges that clash neither
 * with the node's tasks nor with the other ports of this VM (`reserved`).
 */
export function planPortTokens(tokens: readonly PortToken[], tasks: readonly ExistingTask[], reserved: readonly unknown[] = []): PlannedPorts {
  const planner = new PortPlanner(tasks);
  for (const r of reserved) {
    const port = portValue(r);
    if (port !== undefined) planner.reserve('tcp', { from: port, to: port });
  }
  for (const t of tokens) {
    if (t.kind !== 'rule') continue;
    const parsed = parseCustomPort(t.text);
    if (parsed.ok) planner.reserve(parsed.rule.protocol, parsed.rule.host);
  }
  const out: PlannedPorts = { entries: [], unplaced: [] };
  for (const t of tokens) {
    if (t.kind === 'rule') {
      out.entries.push(t.text);
      continue;
    }
    const host = planner.takeCustomRange(t.guest.to - t.guest.from + 1, t.protocol);
    if (host) out.entries.push(formatCustomPort({ protocol: t.protocol, host, guest: t.guest }));
    else out.unplaced.push(t.token);
  }
  return out;
}

/** "tcp 20000 → 8888", "udp 20001-20011 → 6000-6010", for the summary. */
export function describeEntry(entry: string): string {
  const parsed = parseCustomPort(entry);
  if (!parsed.ok) return entry;
  const range = (r: PortRange) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);
  return `${parsed.rule.protocol} ${range(parsed.rule.host)} → ${range(parsed.rule.guest)}`;
}

/** The answer text that gives these entries back (rules as written: they are already planned). */
export function entriesText(entries: readonly string[] | undefined): string {
  return (entries ?? []).join(' ');
}

export function tokenProblem(t: Translate, result: Extract<TokenResult, { ok: false }>): string {
  if (result.issue) return t(result.issue.template, ...result.issue.args);
  return t('"{0}" is not a port, a range or a rule (e.g. 8888, 6000-6010/udp, tcp,8080:80).', result.token);
}
