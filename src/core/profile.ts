// The workspace VM profile (`.dbc/vm.json`, schema in media/schemas/vm-profile.schema.json): a VM to
// create, declared with readable names. Parsing checks the JSON and the shape of each field here; the
// value rules are the create-spec rules (see profileSpec.ts), reported under the profile's field names.
import { type JsonPosition, parseJsonWithPositions } from './jsonPositions';
import { fieldIssue, type Issue, makeIssue } from './validation/issue';
import { listEntries } from './validation/lists';
import { typeName } from './validation/values';

export const PROFILE_PATH = '.dbc/vm.json';
export const PROFILE_SCHEMA_PATH = 'media/schemas/vm-profile.schema.json';

/** A port, or "auto" to let the port planner choose a free one. */
export type PortSetting = number | 'auto';

/** A custom port with a host side the planner may choose. */
export interface CustomPortSetting {
  protocol: 'tcp' | 'udp' | 'tcp/udp';
  /** Guest port or range: 8888 or "6000-6010". */
  guest: number | string;
  /** Host port or range of the same width, or "auto" (the default). */
  host?: number | string;
}

export interface VmProfile {
  $schema?: string;
  node?: string;
  image: string;
  os?: string;
  bios?: string;
  gpus: number;
  cpus: number;
  memoryGb: number;
  diskGb?: number;
  sshPort?: PortSetting;
  rdpPort?: PortSetting;
  vncPort?: PortSetting;
  customPorts?: (string | CustomPortSetting)[];
  multicast?: string[];
  description?: string;
  name?: string;
  publicIp?: string;
  dataFile?: string;
  network?: string;
  networkFilters?: string[];
  interfaceModel?: string;
  rentOrder?: string;
}

/** Profile fields that become create-spec fields, with their wire names. */
export const PROFILE_TO_WIRE = {
  image: 'image_name',
  os: 'operation_system',
  bios: 'bios_mode',
  gpus: 'gpu_count',
  cpus: 'cpu_cores',
  memoryGb: 'mem_size',
  diskGb: 'disk_size',
  sshPort: 'ssh_port',
  rdpPort: 'rdp_port',
  vncPort: 'vnc_port',
  customPorts: 'custom_port',
  multicast: 'multicast',
  description: 'desc',
  name: 'custom_image_name',
  publicIp: 'public_ip',
  dataFile: 'data_file_name',
  network: 'network_name',
  networkFilters: 'network_filters',
  interfaceModel: 'interface_model_type',
  rentOrder: 'rent_order',
} as const satisfies Partial<Record<keyof VmProfile, string>>;

export const PROFILE_FIELDS: readonly string[] = ['$schema', 'node', ...Object.keys(PROFILE_TO_WIRE)];

/** An issue with where it is in the file, when known. */
export interface ProfileIssue extends Issue {
  position?: JsonPosition;
}

export interface ParsedProfile {
  /** Set when the file has the right shape (values may still break create rules). */
  profile?: VmProfile;
  issues: ProfileIssue[];
  /** Where each value starts in the file, by field path (`customPorts[1]`). */
  positions: Map<string, JsonPosition>;
}

type Check = (field: string, value: unknown) => Issue[];

const text: Check = (f, v) => (typeof v === 'string' ? [] : [fieldIssue(f, 'notText', typeName(v))]);
const number: Check = (f, v) => (typeof v === 'number' ? [] : [fieldIssue(f, 'notNumber', typeName(v))]);
const port: Check = (f, v) => (typeof v === 'number' || v === 'auto' ? [] : [fieldIssue(f, 'portOrAuto', JSON.stringify(v))]);
const strings: Check = (f, v) => listEntries(f, v).flatMap((e) => (e.issue ? [e.issue] : []));

const CUSTOM_PORT_KEYS = ['protocol', 'guest', 'host'];

function customPortEntry(field: string, entry: unknown): Issue[] {
  if (typeof entry === 'string') return [];
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [fieldIssue(field, 'customPortEntry', typeName(entry))];
  }
  const e = entry as Record<string, unknown>;
  const unknown = Object.keys(e).filter((k) => !CUSTOM_PORT_KEYS.includes(k)).map((k) => unknownKey(`${field}.${k}`, k, CUSTOM_PORT_KEYS));
  const portLike = (f: string, v: unknown): Issue[] =>
    typeof v === 'number' || typeof v === 'string' ? [] : [fieldIssue(f, 'profilePortType', JSON.stringify(v))];
  return [
    ...unknown,
    ...(e.protocol === undefined ? [fieldIssue(`${field}.protocol`, 'required')] : text(`${field}.protocol`, e.protocol)),
    ...(e.guest === undefined ? [fieldIssue(`${field}.guest`, 'required')] : portLike(`${field}.guest`, e.guest)),
    ...(e.host === undefined ? [] : portLike(`${field}.host`, e.host)),
  ];
}

const customPorts: Check = (f, v) => {
  if (!Array.isArray(v)) return [fieldIssue(f, 'notList', typeName(v))];
  return v.flatMap((entry: unknown, i) => customPortEntry(`${f}[${i}]`, entry));
};

const NODE_ID = /^[0-9a-fA-F]{64}$/;
const node: Check = (f, v) => {
  if (typeof v !== 'string') return [fieldIssue(f, 'notText', typeName(v))];
  return NODE_ID.test(v) ? [] : [fieldIssue(f, 'nodeId', v)];
};

const SHAPES: Record<string, Check> = {
  $schema: text, node, image: text, os: text, bios: text,
  gpus: number, cpus: number, memoryGb: number, diskGb: number,
  sshPort: port, rdpPort: port, vncPort: port,
  customPorts, multicast: strings, networkFilters: strings,
  description: text, name: text, publicIp: text, dataFile: text, network: text, interfaceModel: text, rentOrder: text,
};

/** The smallest number of single-character edits between two words (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function unknownKey(field: string, key: string, known: readonly string[]): Issue {
  const best = known.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3))
    ? fieldIssue(field, 'unknownFieldSuggest', best.k)
    : fieldIssue(field, 'unknownField');
}

/** The position of a field, or of the nearest enclosing value that has one. */
export function positionOf(positions: Map<string, JsonPosition>, field: string): JsonPosition | undefined {
  let path = field;
  for (;;) {
    const found = positions.get(path);
    if (found || path === '') return found ?? positions.get('');
    const parent = path.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    path = parent === path ? '' : parent;
  }
}

export function locate(issues: readonly Issue[], positions: Map<string, JsonPosition>): ProfileIssue[] {
  return issues.map((i) => ({ ...i, position: positionOf(positions, i.field) }));
}

/** Parses the text of a profile file and checks the JSON and the type of every field. */
export function parseProfile(source: string): ParsedProfile {
  const parsed = parseJsonWithPositions(source);
  if (!parsed.ok) {
    const { detail, position } = parsed.error;
    const issue = makeIssue('', 'jsonSyntax', ['', String(position.line), String(position.column), detail]);
    return { issues: [{ ...issue, position }], positions: new Map() };
  }
  const { value, positions } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: locate([fieldIssue('', 'profileNotObject', typeName(value))], positions), positions };
  }
  const raw = value as Record<string, unknown>;
  const issues: Issue[] = [
    ...parsed.duplicates.map((path) => fieldIssue(path, 'duplicateKey')),
    ...Object.keys(raw).filter((k) => !PROFILE_FIELDS.includes(k)).map((k) => unknownKey(k, k, PROFILE_FIELDS)),
    ...Object.entries(raw).flatMap(([k, v]) => (Object.hasOwn(SHAPES, k) ? SHAPES[k]!(k, v) : [])),
  ];
  return { profile: issues.length === 0 ? (raw as unknown as VmProfile) : undefined, issues: locate(issues, positions), positions };
}
