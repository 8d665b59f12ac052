// Free-text and identifier fields of create and snapshot specs.
import { isIP } from 'node:net';
import { isRentOrderId } from '../rentOrders';
import { fieldIssue, type Issue } from './issue';
import { typeName } from './values';

/** An optional text field: strings only (numbers are not accepted where the node expects words). */
export function checkText(field: string, value: unknown, required = false): Issue | undefined {
  if (value === undefined || value === null || value === '') return required ? fieldIssue(field, 'required') : undefined;
  if (typeof value !== 'string') return fieldIssue(field, 'notText', typeName(value));
  return required && value.trim() === '' ? fieldIssue(field, 'required') : undefined;
}

/**
 * Text the node echoes in its replies without JSON escaping (`desc`, snapshot `description`): a quote,
 * a backslash or a control character there makes the reply unparseable.
 */
export function checkSafeText(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string') return typeIssue;
  // eslint-disable-next-line no-control-regex
  return /["\\\u0000-\u001f\u007f]/.test(value) ? fieldIssue(field, 'unsafeText') : undefined;
}

/**
 * A file in the node's /data: the node builds "/data/" + name, so a separator or ".." would reach other
 * folders (`../../etc/shadow`), and a quote or control character breaks its JSON and libvirt XML.
 */
export function checkFileName(field: string, value: unknown, required = false): Issue | undefined {
  const typeIssue = checkText(field, value, required);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  // eslint-disable-next-line no-control-regex
  return /[/\\"'`\u0000-\u001f\u007f-\u009f]|\.\./.test(value) || value.trim() !== value ? fieldIssue(field, 'fileName', value) : undefined;
}

export function checkImageName(field: string, value: unknown): Issue | undefined {
  const nameIssue = checkFileName(field, value, true);
  if (nameIssue || typeof value !== 'string') return nameIssue;
  return /^.+\.qcow2$/s.test(value) ? undefined : fieldIssue(field, 'imageExtension', value);
}

export function checkTaskId(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  return /^[A-Za-z0-9]{20,22}$/.test(value) ? undefined : fieldIssue(field, 'taskIdFormat', value);
}

/** A per-GPU rent order id: the chain's u64 number, digits only (the node splices it into JSON-RPC unquoted). */
export function checkRentOrderId(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  return isRentOrderId(value) ? undefined : fieldIssue(field, 'rentOrderId', value);
}

/** Empty means virtio; the node rejects an explicit "virtio". */
export function checkInterfaceModel(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  return value === 'e1000' || value === 'rtl8139' ? undefined : fieldIssue(field, 'interfaceModel', value);
}

/** A public IP the node can give a VM: unicast IPv4 (not 0/8, 127/8, multicast 224/4, reserved 240/4 or broadcast). */
export function checkPublicIp(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  return isUnicastIpv4(value) ? undefined : fieldIssue(field, 'publicIp', value);
}

/** Dotted decimal IPv4 (no leading zeros) of a single host that can be routed to. */
export function isUnicastIpv4(text: string): boolean {
  if (isIP(text) !== 4 || text.split('.').some((o) => o.length > 1 && o.startsWith('0'))) return false;
  const first = Number(text.split('.')[0]);
  return first !== 0 && first !== 127 && first < 224;
}
