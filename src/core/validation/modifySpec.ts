// Validation of the `additional` of modify (T12, protocol §8.2): every field optional, at least one given.
import { type ModifyTaskSpec } from '../../api/types';
import { checkCustomPortList } from './customPort';
import { fieldIssue, firstPerField, type Issue } from './issue';
import { checkNetworkFilterList } from './networkFilter';
import { checkWhole } from './numbers';
import { checkPort, findClashes, LOGIN_PORT_RULE, type PortClaim, portValue, VNC_PORT_RULE } from './ports';
import { checkPublicIp } from './text';
import { isAbsent, typeName } from './values';

export type ModifyField = keyof ModifyTaskSpec;
type Rule = (field: string, value: unknown) => Issue | Issue[] | undefined;

const optionalCount = (min: 0 | 1): Rule => (f, v) => checkWhole(f, v, { min, required: false });

const MODIFY_RULES: Record<ModifyField, Rule> = {
  new_public_ip: checkPublicIp,
  new_ssh_port: (f, v) => checkPort(f, v, LOGIN_PORT_RULE),
  new_rdp_port: (f, v) => checkPort(f, v, LOGIN_PORT_RULE),
  new_custom_port: (f, v) => checkCustomPortList(f, v).issues,
  new_network_filters: checkNetworkFilterList,
  new_vnc_port: (f, v) => checkPort(f, v, { ...VNC_PORT_RULE, required: false }),
  new_gpu_count: optionalCount(0),
  new_cpu_cores: optionalCount(1),
  new_mem_size: optionalCount(1),
};

/** The seed document's `increase_disk_size` is read by no node (it answers `ok` and does nothing). */
const IGNORED_BY_NODE = 'increase_disk_size';

export const MODIFY_FIELDS = Object.keys(MODIFY_RULES) as ModifyField[];

export function isModifyField(field: string): field is ModifyField {
  return Object.prototype.hasOwnProperty.call(MODIFY_RULES, field);
}

/**
 * Lists count as given even when empty (an empty `new_custom_port` removes every custom port), and so
 * does a blank `new_public_ip` (it removes the VM's public IP).
 */
function isGiven(value: unknown, field?: string): boolean {
  return Array.isArray(value) || (field === 'new_public_ip' && value === '') || !isAbsent(value);
}

export function checkModifyField(field: ModifyField, value: unknown, spec: Record<string, unknown>): Issue[] {
  const result = MODIFY_RULES[field](field, value);
  const issues = !result ? [] : Array.isArray(result) ? result : [result];
  if (issues.length === 0 && field === 'new_rdp_port') {
    const equal = sameLoginPorts({ ...spec, new_rdp_port: value });
    if (equal) issues.push(equal);
  }
  return issues;
}

function sameLoginPorts(spec: Record<string, unknown>): Issue | undefined {
  const ssh = portValue(spec.new_ssh_port);
  if (ssh === undefined || ssh !== portValue(spec.new_rdp_port)) return undefined;
  return fieldIssue('new_rdp_port', 'portsEqual', 'new_ssh_port', ssh);
}

export function modifyPortClaims(spec: Record<string, unknown>): PortClaim[] {
  const single = (field: string): PortClaim[] => {
    const port = portValue(spec[field]);
    return port === undefined ? [] : [{ field, protocol: 'tcp', from: port, to: port }];
  };
  return [
    ...single('new_ssh_port'),
    ...single('new_rdp_port'),
    ...single('new_vnc_port'),
    ...checkCustomPortList('new_custom_port', spec.new_custom_port).claims,
  ];
}

/** Every problem of a modify spec, at most one per field. Empty means valid. */
export function validateModifySpec(spec: ModifyTaskSpec | Record<string, unknown>): Issue[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [fieldIssue('additional', 'notObject', typeName(spec))];
  }
  const s = spec as Record<string, unknown>;
  if (isGiven(s[IGNORED_BY_NODE])) return [fieldIssue(IGNORED_BY_NODE, 'increaseDiskIgnored')];
  if (!MODIFY_FIELDS.some((f) => isGiven(s[f], f))) {
    return [fieldIssue('additional', 'modifyEmpty', MODIFY_FIELDS.join(', '))];
  }
  const issues = MODIFY_FIELDS.flatMap((f) => checkModifyField(f, s[f], s));
  return firstPerField([...issues, ...findClashes(modifyPortClaims(s))]);
}
