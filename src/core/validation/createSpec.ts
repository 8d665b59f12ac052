// Validation of the `additional` of create (T3), before anything is sent (protocol §8.1).
import { type CreateTaskSpec } from '../../api/types';
import { checkCustomPortList } from './customPort';
import { fieldIssue, firstPerField, type Issue } from './issue';
import { checkMulticastList } from './multicast';
import { checkNetworkFilterList } from './networkFilter';
import { checkWhole } from './numbers';
import { checkPort, findClashes, LOGIN_PORT_RULE, type PortClaim, portValue, VNC_PORT_RULE } from './ports';
import { biosModeOf, checkBiosMode, checkOperationSystem, type OsKind, specOsKind } from './system';
import {
  checkFileName, checkImageName, checkInterfaceModel, checkPublicIp, checkRentOrderId, checkSafeText, checkTaskId, checkText,
} from './text';
import { checkLanName } from './lanSpec';
import { isAbsent, typeName } from './values';
import { isRecord } from '../../util/isRecord';

export type CreateField = keyof CreateTaskSpec;
type Spec = Record<string, unknown>;
type Rule = (field: string, value: unknown, spec: Spec) => Issue | Issue[] | undefined;

const count = (min: 0 | 1): Rule => (f, v) => checkWhole(f, v, { min, required: true });

/** The login port the OS needs is required unless a public IP is set (the node then falls back to 22/3389). */
const loginPort = (kind: OsKind): Rule => (f, v, spec) => {
  const required = specOsKind(spec.operation_system) === kind && isAbsent(spec.public_ip);
  if (required && isAbsent(v)) return fieldIssue(f, 'requiredForOs', kind === 'linux' ? 'Linux' : 'Windows');
  return checkPort(f, v, LOGIN_PORT_RULE);
};

/** Rules in the order real nodes apply them, then the fields they do not check. */
const CREATE_RULES: Record<CreateField, Rule> = {
  task_id: checkTaskId,
  gpu_count: count(0),
  desc: checkSafeText,
  operation_system: checkOperationSystem,
  bios_mode: checkBiosMode,
  image_name: checkImageName,
  public_ip: checkPublicIp,
  ssh_port: loginPort('linux'),
  rdp_port: loginPort('windows'),
  vnc_port: (f, v) => checkPort(f, v, VNC_PORT_RULE),
  cpu_cores: count(1),
  mem_size: count(1),
  disk_size: (f, v, spec) => checkWhole(f, v, { min: 1, required: biosModeOf(spec.bios_mode) !== 'pxe' }),
  data_file_name: (f, v) => checkFileName(f, v),
  network_name: (f, v) => checkLanName(f, v, false),
  custom_port: (f, v) => checkCustomPortList(f, v).issues,
  multicast: checkMulticastList,
  network_filters: checkNetworkFilterList,
  interface_model_type: checkInterfaceModel,
  custom_image_name: (f, v) => checkText(f, v),
  rent_order: (f, v) => checkRentOrderId(f, v),
};

export const CREATE_FIELDS = Object.keys(CREATE_RULES) as CreateField[];

export function isCreateField(field: string): field is CreateField {
  return Object.prototype.hasOwnProperty.call(CREATE_RULES, field);
}

function asList(result: Issue | Issue[] | undefined): Issue[] {
  if (!result) return [];
  return Array.isArray(result) ? result : [result];
}

/** The issues of one create field, given the rest of the spec (OS, public IP and boot mode matter). */
export function checkCreateField(field: CreateField, value: unknown, spec: Spec): Issue[] {
  return asList(CREATE_RULES[field](field, value, spec));
}

/**
 * The host ports a create spec occupies: the login port the OS uses (both when the OS is invalid), the
 * VNC port and every custom port. Invalid values claim nothing.
 */
export function createPortClaims(spec: Spec): PortClaim[] {
  const kind = specOsKind(spec.operation_system);
  const single = (field: string): PortClaim[] => {
    const port = portValue(spec[field]);
    return port === undefined ? [] : [{ field, protocol: 'tcp', from: port, to: port }];
  };
  return [
    ...(kind !== 'windows' ? single('ssh_port') : []),
    ...(kind !== 'linux' ? single('rdp_port') : []),
    ...single('vnc_port'),
    ...checkCustomPortList('custom_port', spec.custom_port).claims,
  ];
}

export function isSpecObject(spec: unknown): spec is Spec {
  return isRecord(spec);
}

/** Every problem of a create spec, at most one per field, in the node's order. Empty means valid. */
export function validateCreateSpec(spec: CreateTaskSpec | Spec): Issue[] {
  if (!isSpecObject(spec)) return [fieldIssue('additional', 'notObject', typeName(spec))];
  const issues = CREATE_FIELDS.flatMap((field) => checkCreateField(field, spec[field], spec));
  return firstPerField([...issues, ...findClashes(createPortClaims(spec))]);
}
