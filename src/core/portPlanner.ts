// Choosing host ports for a new VM that clash with nothing on the GPU node, and checking a spec against the
// ports the node's tasks already use, in O(n log P) for n ports (validation/portIndex.ts). The node itself checks only against running tasks; we avoid the
// ports of every task, so a stopped VM can still start later.
import { type CreateTaskSpec, type ModifyTaskSpec, type TaskInfo } from '../api/types';
import { createPortClaims } from './validation/createSpec';
import {
  checkCustomPortList, type CustomPortProtocol, formatCustomPort, type PortRange, protocolsOf,
} from './validation/customPort';
import { fieldIssue, type Issue } from './validation/issue';
import { modifyPortClaims, MODIFY_FIELDS } from './validation/modifySpec';
import { ClaimIndex } from './validation/portIndex';
import { type PortClaim, type PortProtocol, portValue } from './validation/ports';
import { type OsKind } from './validation/system';

/** What we know of a task's host ports: T2 reports ssh/rdp/vnc; custom ports only if we recorded them. */
export type ExistingTask = Pick<TaskInfo, 'task_id' | 'ssh_port' | 'rdp_port' | 'vnc_port'> & {
  custom_port?: readonly string[];
};

export interface PlannerOptions {
  /** Ranges for ssh/rdp ports, tried in order. */
  loginRanges?: readonly PortRange[];
  /** Ranges for VNC ports, tried in order (the node accepts 5900–65535). */
  vncRanges?: readonly PortRange[];
  /** Ranges for the host side of custom ports, tried in order. */
  customRanges?: readonly PortRange[];
  /** Host ports never to propose, on both protocols (e.g. the host's own services). */
  reserved?: readonly number[];
}

/**
 * Default ranges: ssh/rdp from 5600–5899 (where the docs' examples live, just below VNC), then
 * 10000–19999; VNC from 5900–6999; custom ports from 20000–29999 (below Linux's ephemeral ports).
 */
export const DEFAULT_PORT_RANGES = {
  login: [{ from: 5600, to: 5899 }, { from: 10000, to: 19999 }],
  vnc: [{ from: 5900, to: 6999 }],
  custom: [{ from: 20000, to: 29999 }],
} as const satisfies Record<string, readonly PortRange[]>;

interface Owner {
  taskId: string;
  field: string;
}

type OwnedClaim = PortClaim & { owner?: Owner };

/** The host ports a task occupies; invalid values are skipped. */
export function taskPortClaims(task: ExistingTask): PortClaim[] {
  const single = (field: 'ssh_port' | 'rdp_port' | 'vnc_port'): PortClaim[] => {
    const port = portValue(task[field]);
    return port === undefined ? [] : [{ field, protocol: 'tcp', from: port, to: port }];
  };
  const custom = checkCustomPortList('custom_port', task.custom_port ? [...task.custom_port] : undefined).claims;
  return [...single('ssh_port'), ...single('rdp_port'), ...single('vnc_port'), ...custom];
}

/**
 * Hands out free host ports, avoiding every claim of the node's tasks and what it handed out before.
 * Each question is O(log P) on a port index, so planning n ports is O(n log P), not O(n²).
 */
export class PortPlanner {
  private readonly index = new ClaimIndex<OwnedClaim>();
  private readonly ranges: Required<Omit<PlannerOptions, 'reserved'>>;
  /** Where the search for a free run of a given width and protocol may start (free runs only get rarer). */
  private readonly cursors = new Map<string, number>();

  constructor(tasks: readonly ExistingTask[] = [], options: PlannerOptions = {}) {
    this.ranges = {
      loginRanges: options.loginRanges ?? DEFAULT_PORT_RANGES.login,
      vncRanges: options.vncRanges ?? DEFAULT_PORT_RANGES.vnc,
      customRanges: options.customRanges ?? DEFAULT_PORT_RANGES.custom,
    };
    for (const task of tasks) {
      for (const c of taskPortClaims(task)) this.index.add({ ...c, owner: { taskId: task.task_id, field: c.field } });
    }
    for (const port of options.reserved ?? []) this.reserve('tcp/udp', { from: port, to: port });
  }

  /** The task and field using a host port, if a task does. */
  ownerOf(protocol: PortProtocol, port: number): Owner | undefined {
    return this.index.firstOverlap(protocol, port, port)?.owner;
  }

  isFree(protocol: CustomPortProtocol, range: PortRange): boolean {
    return protocolsOf(protocol).every((p) => this.index.firstTwo(p, range.from, range.to).length === 0);
  }

  /** Marks host ports as taken, so nothing proposed later uses them. */
  reserve(protocol: CustomPortProtocol, range: PortRange, field = 'reserved'): void {
    for (const p of protocolsOf(protocol)) this.index.add({ field, protocol: p, ...range });
  }

  /** A free ssh/rdp port (tcp), now taken; undefined when the ranges are full. */
  takeLoginPort(): number | undefined {
    return this.takeRange(this.ranges.loginRanges, 1, 'tcp')?.from;
  }

  /** A free VNC port (tcp), now taken. */
  takeVncPort(): number | undefined {
    return this.takeRange(this.ranges.vncRanges, 1, 'tcp')?.from;
  }

  /** A free run of `width` consecutive host ports for a custom port rule, now taken. */
  takeCustomRange(width: number, protocol: CustomPortProtocol): PortRange | undefined {
    return this.takeRange(this.ranges.customRanges, width, protocol);
  }

  private takeRange(ranges: readonly PortRange[], width: number, protocol: CustomPortProtocol): PortRange | undefined {
    for (const r of ranges) {
      const key = `${r.from}-${r.to}/${width}/${protocol}`;
      const found = this.freeRun(Math.max(r.from, this.cursors.get(key) ?? r.from), r.to, width, protocolsOf(protocol));
      this.cursors.set(key, found?.from ?? r.to + 1);
      if (!found) continue;
      this.reserve(protocol, found, 'proposed');
      return found;
    }
    return undefined;
  }

  /** The lowest run of `width` ports in from..to free on every protocol; each step skips a whole taken or too-short stretch. */
  private freeRun(from: number, to: number, width: number, protocols: PortProtocol[]): PortRange | undefined {
    const indexes = protocols.map((p) => this.index.index(p));
    let start = from;
    while (start + width - 1 <= to) {
      let free = start;
      for (let moved = true; moved;) {
        moved = false;
        for (const index of indexes) {
          const next = index.nextFree(free, to);
          if (next === undefined) return undefined;
          if (next !== free) [free, moved] = [next, true];
        }
      }
      const end = free + width - 1;
      if (end > to) return undefined;
      const taken = Math.min(...indexes.map((index) => index.nextTaken(free, end) ?? Infinity));
      if (taken === Infinity) return { from: free, to: end };
      start = taken + 1;
    }
    return undefined;
  }
}

export function describeRanges(ranges: readonly PortRange[]): string {
  return ranges.map((r) => `${r.from}–${r.to}`).join(', ');
}

export interface CustomPortRequest {
  protocol: CustomPortProtocol;
  guest: PortRange;
  /** A fixed host range (same width as `guest`), or `auto` (the default) for a free one. */
  host?: PortRange | 'auto';
}

export interface PortRequest {
  os: OsKind;
  /** The ssh (Linux) or rdp (Windows) port; default `auto`. */
  login?: number | 'auto';
  vnc?: number | 'auto';
  custom?: readonly CustomPortRequest[];
}

export interface PortPlan {
  ssh_port?: string;
  rdp_port?: string;
  vnc_port?: string;
  custom_port: string[];
  /** Set when a range had no free port left (`noFreePort`, `noFreeRange`). */
  issues: Issue[];
}

/**
 * Host ports for a new VM: fixed ports are kept (and avoided by the automatic ones; check them with
 * `conflicts`), `auto` ones are taken from the planner's ranges.
 */
export function planPorts(request: PortRequest, tasks: readonly ExistingTask[] = [], options: PlannerOptions = {}): PortPlan {
  const planner = new PortPlanner(tasks, options);
  const loginField = request.os === 'windows' ? 'rdp_port' : 'ssh_port';
  const fixed = (p: number | 'auto' | undefined): p is number => typeof p === 'number';
  if (fixed(request.login)) planner.reserve('tcp', { from: request.login, to: request.login });
  if (fixed(request.vnc)) planner.reserve('tcp', { from: request.vnc, to: request.vnc });
  for (const c of request.custom ?? []) if (c.host && c.host !== 'auto') planner.reserve(c.protocol, c.host);
  const plan: PortPlan = { custom_port: [], issues: [] };
  const login = fixed(request.login) ? request.login : planner.takeLoginPort();
  if (login === undefined) plan.issues.push(fieldIssue(loginField, 'noFreePort', describeRanges(options.loginRanges ?? DEFAULT_PORT_RANGES.login)));
  else plan[loginField] = String(login);
  const vnc = fixed(request.vnc) ? request.vnc : planner.takeVncPort();
  if (vnc === undefined) plan.issues.push(fieldIssue('vnc_port', 'noFreePort', describeRanges(options.vncRanges ?? DEFAULT_PORT_RANGES.vnc)));
  else plan.vnc_port = String(vnc);
  (request.custom ?? []).forEach((c, i) => {
    const width = c.guest.to - c.guest.from + 1;
    const host = c.host && c.host !== 'auto' ? c.host : planner.takeCustomRange(width, c.protocol);
    if (host) plan.custom_port.push(formatCustomPort({ protocol: c.protocol, host, guest: c.guest }));
    else plan.issues.push(fieldIssue(`custom_port[${i}]`, 'noFreeRange', width, c.protocol, describeRanges(options.customRanges ?? DEFAULT_PORT_RANGES.custom)));
  });
  return plan;
}

export interface ConflictOptions {
  /** The task being modified: its own ports are not conflicts. */
  ignoreTaskId?: string;
}

function isModifySpec(spec: object): boolean {
  return Object.keys(spec).some((k) => (MODIFY_FIELDS as readonly string[]).includes(k));
}

/**
 * The ports of a create or modify spec that tasks on the node already use: one issue per field, naming
 * the task and its field.
 */
export function conflicts(
  spec: CreateTaskSpec | ModifyTaskSpec, tasks: readonly ExistingTask[], options: ConflictOptions = {},
): Issue[] {
  const s = spec as Record<string, unknown>;
  const mine = isModifySpec(spec) ? modifyPortClaims(s) : createPortClaims(s);
  const theirs = new ClaimIndex(tasks.filter((t) => t.task_id !== options.ignoreTaskId)
    .flatMap((t) => taskPortClaims(t).map((c) => ({ ...c, taskId: t.task_id }))));
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const claim of mine) {
    if (reported.has(claim.field)) continue;
    const other = theirs.firstOverlap(claim.protocol, claim.from, claim.to);
    if (!other) continue;
    reported.add(claim.field);
    const port = Math.max(claim.from, other.from);
    issues.push(fieldIssue(claim.field, 'portInUse', claim.protocol, port, other.taskId, other.field));
  }
  return issues;
}
