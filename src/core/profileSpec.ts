// From a parsed VM profile to the create spec: "auto" ports resolved through the port planner against the
// node's tasks, then the create rules and the port conflicts checked and reported under profile names.
import { type CreateTaskSpec } from '../api/types';
import { type JsonPosition } from './jsonPositions';
import { conflicts, describeRanges, DEFAULT_PORT_RANGES, type ExistingTask, type PlannerOptions, PortPlanner } from './portPlanner';
import {
  locate, parseProfile, type ParsedProfile, PROFILE_TO_WIRE, type ProfileIssue, type VmProfile,
} from './profile';
import { validateCreateSpec } from './validation/createSpec';
import { type CustomPortRule, formatCustomPort, parseCustomPort } from './validation/customPort';
import { fieldIssue, type Issue, makeIssue, renameIssue } from './validation/issue';
import { specOsKind } from './validation/system';

export interface ProfileSpecResult {
  /** The GPU node the profile names, if any. */
  node?: string;
  /** The create spec (strings, wire names); set only when there is no issue. */
  spec?: CreateTaskSpec;
  issues: ProfileIssue[];
}

const WIRE_TO_PROFILE: Record<string, string> = Object.fromEntries(
  Object.entries(PROFILE_TO_WIRE).map(([profile, wire]) => [wire, profile]),
);

/** `custom_port[2]` → `customPorts[2]`, `vnc_port` → `vncPort`. */
export function profileField(wireField: string): string {
  const m = /^([a-z_]+)(.*)$/.exec(wireField);
  const mapped = m ? WIRE_TO_PROFILE[m[1]!] : undefined;
  return mapped ? `${mapped}${m![2]}` : wireField;
}

type CustomItem = { text: string } | { protocol: CustomPortRule['protocol']; guest: CustomPortRule['guest'] } | { issue: Issue };

/** A profile custom port: a wire string, or an object whose host side may be "auto". */
function customItem(field: string, entry: NonNullable<VmProfile['customPorts']>[number]): CustomItem {
  if (typeof entry === 'string') return { text: entry };
  const host = entry.host ?? 'auto';
  if (host !== 'auto') return { text: `${entry.protocol},${host}:${entry.guest}` };
  const parsed = parseCustomPort(`${entry.protocol},${entry.guest}`, field);
  if (!parsed.ok) return { issue: parsed.issue };
  return { protocol: parsed.rule.protocol, guest: parsed.rule.guest };
}

interface ResolvedPorts {
  ports: Partial<Record<'ssh_port' | 'rdp_port' | 'vnc_port', string>>;
  custom: string[];
  issues: Issue[];
}

/** Fixed ports are reserved first, then every "auto" port is taken from the planner's ranges. */
function resolvePorts(profile: VmProfile, tasks: readonly ExistingTask[], options: PlannerOptions): ResolvedPorts {
  const planner = new PortPlanner(tasks, options);
  const result: ResolvedPorts = { ports: {}, custom: [], issues: [] };
  const windows = specOsKind(profile.os) === 'windows';
  const login = windows ? { field: 'rdpPort', wire: 'rdp_port' as const, value: profile.rdpPort ?? 'auto' }
    : { field: 'sshPort', wire: 'ssh_port' as const, value: profile.sshPort ?? 'auto' };
  const vnc = profile.vncPort ?? 'auto';
  const items = (profile.customPorts ?? []).map((e, i) => customItem(`customPorts[${i}]`, e));
  for (const p of [login.value, vnc]) if (p !== 'auto') planner.reserve('tcp', { from: p, to: p });
  for (const item of items) {
    const rule = 'text' in item ? parseCustomPort(item.text) : undefined;
    if (rule?.ok) planner.reserve(rule.rule.protocol, rule.rule.host);
  }
  const other = windows ? profile.sshPort : profile.rdpPort;
  if (typeof other === 'number') result.ports[windows ? 'ssh_port' : 'rdp_port'] = String(other);
  const take = (value: number | 'auto', field: string, next: () => number | undefined, ranges: string): string | undefined => {
    const port = value === 'auto' ? next() : value;
    if (port === undefined) result.issues.push(fieldIssue(field, 'noFreePort', ranges));
    return port === undefined ? undefined : String(port);
  };
  const loginPort = take(login.value, login.field, () => planner.takeLoginPort(), describeRanges(options.loginRanges ?? DEFAULT_PORT_RANGES.login));
  if (loginPort) result.ports[login.wire] = loginPort;
  const vncPort = take(vnc, 'vncPort', () => planner.takeVncPort(), describeRanges(options.vncRanges ?? DEFAULT_PORT_RANGES.vnc));
  if (vncPort) result.ports.vnc_port = vncPort;
  items.forEach((item, i) => {
    if ('issue' in item) return result.issues.push(item.issue);
    if ('text' in item) return result.custom.push(item.text);
    const width = item.guest.to - item.guest.from + 1;
    const host = planner.takeCustomRange(width, item.protocol);
    if (host) return result.custom.push(formatCustomPort({ protocol: item.protocol, host, guest: item.guest }));
    const ranges = describeRanges(options.customRanges ?? DEFAULT_PORT_RANGES.custom);
    return result.issues.push(fieldIssue(`customPorts[${i}]`, 'noFreeRange', width, item.protocol, ranges));
  });
  return result;
}

const asText = (v: number | string | undefined): string | undefined => (v === undefined ? undefined : String(v));

/** The create spec a profile describes, before validation (wire names, strings). */
function buildSpec(profile: VmProfile, ports: ResolvedPorts): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    image_name: profile.image,
    operation_system: profile.os,
    bios_mode: profile.bios,
    gpu_count: asText(profile.gpus),
    cpu_cores: asText(profile.cpus),
    mem_size: asText(profile.memoryGb),
    disk_size: asText(profile.diskGb),
    ...ports.ports,
    custom_port: ports.custom,
    multicast: profile.multicast,
    desc: profile.description,
    custom_image_name: profile.name,
    public_ip: profile.publicIp,
    data_file_name: profile.dataFile,
    network_name: profile.network,
    network_filters: profile.networkFilters,
    interface_model_type: profile.interfaceModel,
    rent_order: profile.rentOrder,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/**
 * The create spec of a profile, with "auto" ports chosen against the node's tasks. Issues name profile
 * fields; with `positions` (from parseProfile) they also say where they are in the file.
 */
export function profileToCreateSpec(
  profile: VmProfile, tasks: readonly ExistingTask[] = [], options: PlannerOptions = {},
  positions: Map<string, JsonPosition> = new Map(),
): ProfileSpecResult {
  const ports = resolvePorts(profile, tasks, options);
  const spec = buildSpec(profile, ports);
  const wireIssues = [...validateCreateSpec(spec), ...conflicts(spec as unknown as CreateTaskSpec, tasks)];
  const seen = new Set(ports.issues.map((i) => i.field));
  const renamed = wireIssues.map(toProfileNames).filter((i) => !seen.has(i.field));
  const issues = locate(firstEach([...ports.issues, ...renamed]), positions);
  return { node: profile.node, spec: issues.length === 0 ? (spec as unknown as CreateTaskSpec) : undefined, issues };
}

/** The issue under its profile field; a clash also names the other field by its profile name. */
function toProfileNames(issue: Issue): Issue {
  const renamed = renameIssue(issue, profileField(issue.field));
  if (issue.code !== 'portClash') return renamed;
  const args = renamed.args.map((a, i) => (i === 3 ? profileField(a) : a));
  return makeIssue(renamed.field, renamed.code, args);
}

function firstEach(issues: Issue[]): Issue[] {
  const fields = new Set<string>();
  return issues.filter((i) => (fields.has(i.field) ? false : (fields.add(i.field), true)));
}

export interface LoadedProfile extends ProfileSpecResult {
  profile?: VmProfile;
}

/** Parse, check and convert a profile file in one go. */
export function loadProfile(source: string, tasks: readonly ExistingTask[] = [], options: PlannerOptions = {}): LoadedProfile {
  const parsed: ParsedProfile = parseProfile(source);
  if (!parsed.profile) return { issues: parsed.issues };
  return { profile: parsed.profile, ...profileToCreateSpec(parsed.profile, tasks, options, parsed.positions) };
}
