// Fault injection, per route or global, one-shot (`count`) or persistent. Set by CLI flags, by the
// scenario (`"faults": [...]`) and at run time through the admin API. See docs/simulator.md.
import { isRecord } from './format';
import { resolveRouteName, type RouteId } from './http/routes';

export const FAULT_KINDS = [
  'latency', 'timeout', 'timeout-applied', 'parse-error', 'reset', 'unknown-node', 'foreign-vms',
  'unescaped-json', 'vm-error',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** `*` (default), a route id such as `T3`, or its alias such as `tasks.create`. */
  route?: string;
  kind: FaultKind;
  /** How many times it fires; absent = until cleared. */
  count?: number;
  /** Only requests addressed to this node id. */
  node?: string;
  /** Milliseconds, for `latency`. */
  ms?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  route: string;
  remaining: number | null;
  hits: number;
}

function checkSpec(spec: FaultSpec): FaultSpec {
  if (!(FAULT_KINDS as readonly string[]).includes(spec.kind)) {
    throw new Error(`unknown fault kind '${String(spec.kind)}' (known: ${FAULT_KINDS.join(', ')})`);
  }
  const route = spec.route ?? '*';
  if (route !== '*' && !resolveRouteName(route)) throw new Error(`unknown route '${route}' in fault`);
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) throw new Error('fault count must be a positive integer');
  if (spec.kind === 'latency' && !(typeof spec.ms === 'number' && spec.ms >= 0)) throw new Error('latency fault needs ms >= 0');
  return { ...spec, route };
}

/** Parses `ROUTE=KIND[,count=N][,node=ID][,ms=N]`, e.g. `T3=timeout-applied,count=1` or `*=latency,ms=200`. */
export function parseFaultFlag(text: string): FaultSpec {
  const [head, ...opts] = text.split(',');
  const eq = head.indexOf('=');
  if (eq < 0) throw new Error(`fault '${text}': expected ROUTE=KIND`);
  const spec: FaultSpec = { route: head.slice(0, eq), kind: head.slice(eq + 1) as FaultKind };
  for (const opt of opts) {
    const [k, v] = opt.split('=');
    if (k === 'count' || k === 'ms') spec[k] = Number(v);
    else if (k === 'node') spec.node = v;
    else throw new Error(`fault '${text}': unknown option '${k}'`);
  }
  return checkSpec(spec);
}

export function parseFaultValue(v: unknown): FaultSpec {
  if (typeof v === 'string') return parseFaultFlag(v);
  if (!isRecord(v)) throw new Error('a fault must be an object or a ROUTE=KIND string');
  return checkSpec(v as unknown as FaultSpec);
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const checked = checkSpec(spec);
    const fault: Fault = { ...checked, route: checked.route ?? '*', id: this.nextId++, remaining: checked.count ?? null, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Clears one fault by id, all faults of a kind, or everything; returns how many were removed. */
  clear(filter: { id?: number; kind?: string } = {}): number {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => (filter.id !== undefined && f.id !== filter.id) ||
      (filter.kind !== undefined && f.kind !== filter.kind));
    return before - this.faults.length;
  }

  /** The summed latency of matching `latency` faults (each one counts as fired). */
  latency(route: RouteId, node: string | undefined): number {
    return this.matching(['latency'], route, node).reduce((ms, f) => ms + (this.fire(f) ? f.ms ?? 0 : 0), 0);
  }

  /** Takes (fires) the first matching fault of the given kinds. */
  take(kinds: FaultKind[], route: RouteId, node: string | undefined): Fault | undefined {
    const f = this.matching(kinds, route, node)[0];
    return f && this.fire(f) ? f : undefined;
  }

  private matching(kinds: FaultKind[], route: RouteId, node: string | undefined): Fault[] {
    return this.faults.filter((f) => kinds.includes(f.kind) &&
      (f.route === '*' || resolveRouteName(f.route) === route) && (!f.node || f.node === node));
  }

  private fire(f: Fault): boolean {
    f.hits++;
    if (f.remaining !== null && --f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return true;
  }
}
