// Turning validated specs into the `additional` object sent on the wire: real nodes read every scalar as a
// JSON string (a number is silently treated as absent), ignore a literal tcp/udp, and prefer absent keys to
// empty ones.
import { type CreateSnapshotSpec, type CreateTaskSpec, type ModifyTaskSpec } from '../../api/types';
import { CREATE_FIELDS } from './createSpec';
import { expandCustomPorts } from './customPort';
import { stringsOf } from './lists';
import { MODIFY_FIELDS } from './modifySpec';
import { canonicalWhole } from './numbers';
import { readScalar } from './values';

export type WireAdditional = Record<string, string | string[]>;

const WHOLE_FIELDS = new Set([
  'ssh_port', 'rdp_port', 'vnc_port', 'gpu_count', 'cpu_cores', 'mem_size', 'disk_size',
  'new_ssh_port', 'new_rdp_port', 'new_vnc_port', 'new_gpu_count', 'new_cpu_cores', 'new_mem_size',
]);
const CUSTOM_PORT_FIELDS = new Set(['custom_port', 'new_custom_port']);
/** Lists whose emptiness means something: an empty `new_custom_port` removes every custom port. */
const KEEP_EMPTY = new Set(['new_custom_port', 'new_network_filters']);
/** Scalars whose blank means something: `new_public_ip: ""` removes the VM's public IP. */
const KEEP_BLANK = new Set(['new_public_ip']);

function scalarText(field: string, value: unknown): string | undefined {
  const v = readScalar(value);
  if (v.kind !== 'text') return undefined;
  return WHOLE_FIELDS.has(field) ? canonicalWhole(v.text.trim()) : v.text;
}

function listValue(field: string, value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = stringsOf(value);
  const list = CUSTOM_PORT_FIELDS.has(field) ? expandCustomPorts(strings.map((s) => s.trim())) : strings;
  return list.length > 0 || KEEP_EMPTY.has(field) ? list : undefined;
}

/** Known fields first, in `order`, then any extra keys; values of other types are dropped. */
function normalize(spec: object, order: readonly string[]): WireAdditional {
  const source = spec as Record<string, unknown>;
  const keys = [...order, ...Object.keys(source).filter((k) => !order.includes(k))];
  const out: WireAdditional = {};
  for (const key of keys) {
    const value = source[key];
    const wire = Array.isArray(value) ? listValue(key, value) : KEEP_BLANK.has(key) && value === '' ? '' : scalarText(key, value);
    if (wire !== undefined) out[key] = wire;
  }
  return out;
}

/**
 * The wire `additional` of create: strings for every scalar (numbers become decimal text), `tcp/udp`
 * custom ports expanded into a tcp and a udp entry, blank optional fields and empty lists dropped.
 */
export function normalizeCreateSpec(spec: CreateTaskSpec | Record<string, unknown>): WireAdditional {
  return normalize(spec, CREATE_FIELDS);
}

/** The wire `additional` of modify; empty `new_custom_port` / `new_network_filters` lists are kept (they clear). */
export function normalizeModifySpec(spec: ModifyTaskSpec | Record<string, unknown>): WireAdditional {
  return normalize(spec, MODIFY_FIELDS);
}

/** A snapshot spec with an empty description dropped (the API client sends it as `desc`). */
export function normalizeSnapshotSpec(spec: CreateSnapshotSpec): CreateSnapshotSpec {
  const out: CreateSnapshotSpec = { snapshot_name: spec.snapshot_name };
  if (spec.description) out.description = spec.description;
  if (spec.image_server) out.image_server = spec.image_server;
  return out;
}
