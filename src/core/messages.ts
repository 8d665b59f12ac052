// Every user-facing English sentence of src/core, in one place. The editor layer translates them with
// `vscode.l10n.t(template, ...args)`; `{0}`, `{1}`, … are the placeholders (never write another `{word}`).
// In issue templates `{0}` is always the field the issue is about.

/** Validation, conflict, planner and profile issues. */
export const MESSAGES = {
  required: '{0} is required.',
  requiredForOs: '{0} is required for a {1} VM.',
  notText: '{0} must be a string, got a value of type {1}.',
  notScalar: '{0} must be a string or a number, got a value of type {1}.',
  notList: '{0} must be a list of strings, got a value of type {1}.',
  notObject: '{0} must be an object, got a value of type {1}.',
  notNumber: '{0} must be a number, got a value of type {1}.',
  wholeNonNegative: '{0} must be a whole number of 0 or more (digits only), got "{1}".',
  wholePositive: '{0} must be a whole number greater than 0 (digits only), got "{1}".',
  tooLarge: '{0} must be at most {1}, got "{2}".',
  portRange: '{0} must be a port number from {1} to {2} (digits only, no leading zero), got "{3}".',
  osUnsupported:
    '{0} must name a Linux or Windows system, i.e. contain "linux", "ubuntu" or "win" (for example linux, ubuntu 20.04, windows), got "{1}".',
  biosUnsupported: '{0} must be legacy, uefi or pxe, got "{1}".',
  imageExtension: '{0} must be an image file name ending in .qcow2, got "{1}".',
  unsafeText:
    '{0} must not contain double quotes ("), backslashes (\\) or control characters such as line breaks: the node copies this text into its JSON replies without escaping, and those replies could no longer be read.',
  taskIdFormat: '{0} must be 20 to 22 letters or digits, got "{1}".',
  rentOrderId: '{0} must be a rent order id: the number of the order on the DBC chain, digits only, got "{1}".',
  interfaceModel: '{0} must be empty (the default virtio model), e1000 or rtl8139, got "{1}".',
  publicIp: '{0} must be a unicast IPv4 address (not 0.x.x.x, 127.x.x.x, multicast, reserved or broadcast; not IPv6), got "{1}".',
  fileName: '{0} must be the name of a file in /data on the node: no / or \\, no "..", no quotes and no control characters, got "{1}".',
  networkFilterFormat:
    '{0} must have the form <direction>,<protocol>,<ports>,<address>,<action>, for example in,tcp,22,0.0.0.0/0,accept, got "{1}".',
  networkFilterDirection: '{0}: direction "{1}" must be in, out or inout.',
  networkFilterProtocol: '{0}: protocol "{1}" must be all, tcp, udp, ssh, rdp, http, https, icmp, ftp, dns(udp) or dns(tcp).',
  networkFilterPorts: '{0}: ports "{1}" must be N or A-B with ports from 1 to 65535 (digits only, no leading zero).',
  networkFilterPortsFixed: '{0}: the node ignores the ports of a {1} rule; write all, got "{2}".',
  networkFilterAddress:
    '{0}: address "{1}" must be 0.0.0.0/0 (any) or one IPv4 address (a.b.c.d or a.b.c.d/32): the node applies the address alone, not a shorter prefix.',
  networkFilterAction: '{0}: action "{1}" must be accept or drop.',
  multicastFormat: '{0} must have the form <IPv4 address>:<port>, for example 230.0.0.1:5558, got "{1}".',
  multicastAddress: '{0}: {1} is not a multicast address; it must lie in 224.0.0.0–239.255.255.255 (224.0.0.0/4).',
  multicastPort: '{0}: port "{1}" must be a number from 1 to 65535 without leading zeros.',
  customPortFormat:
    '{0} must have the form <protocol>,<ports>, for example tcp,8080 or udp,6000-6010:7000-7010, got "{1}".',
  customPortProtocol: '{0}: protocol "{1}" must be tcp, udp or tcp/udp.',
  customPortSpec:
    '{0}: "{1}" must be N, A:B, A-B or A-B:C-D written with digits only (host ports before the colon, guest ports after it).',
  customPortLeadingZero: '{0}: port "{1}" must not start with 0 (iptables would read it as an octal number).',
  customPortNumber: '{0}: port {1} is outside 1–65535.',
  customPortRangeOrder: '{0}: range {1} must not start after it ends.',
  customPortRangeWidth: '{0}: host range {1} and guest range {2} must have the same number of ports.',
  portClash: '{0} uses {1} host port {2}, which {3} also uses.',
  portsEqual: '{0} and {1} must differ, both are {2}.',
  modifyEmpty: 'Nothing to change: give at least one of {1}.',
  increaseDiskIgnored:
    '{0} is read by no DBC node: the node would answer ok and change nothing. Grow a disk with Resize Disk (dbc vm disk resize) instead.',
  snapshotName:
    '{0} may contain only letters, digits, dots (.), underscores (_) and hyphens (-), must start with a letter or digit and be at most 64 characters long, got "{1}".',
  imageServerUnknown: '{0} must be one of the image servers of the client node ({1}), got "{2}".',
  imageServerNone: '{0}: the client node has no image servers configured.',
  diskName: '{0} must be a disk name such as vda or vdb, got "{1}".',
  diskSystem: '{0}: vda is the system disk; the node never deletes it.',
  mountDir: '{0} must be an absolute directory on the GPU node, for example /data, got "{1}".',
  lanName: '{0} must be 6 to 10 letters or digits, got "{1}".',
  ipCidr: '{0} must be an IPv4 network such as 10.10.0.0/24, got "{1}".',
  ipCidrDefaultNet: '{0}: {1} overlaps 192.168.122.0/24, the network every VM already has; choose another range.',
  monitorCount: '{0}: a node takes at most two monitor servers, got {1}.',
  monitorServer: '{0} must have the form host:port, for example 10.0.0.1:10051, got "{1}".',
  portInUse: '{0}: {1} host port {2} is already used by task {3} ({4}).',
  noFreePort: '{0}: no free port is left in {1}.',
  noFreeRange: '{0}: no run of {1} free {2} host ports is left in {3}.',
  jsonSyntax: 'The profile is not valid JSON at line {1}, column {2}: {3}.',
  profileNotObject: 'The profile must be a JSON object, got a value of type {1}.',
  unknownField: '{0} is not a profile field.',
  unknownFieldSuggest: '{0} is not a profile field; did you mean {1}?',
  portOrAuto: '{0} must be a port number or "auto", got {1}.',
  nodeId: '{0} must be a node id: 64 hexadecimal characters without 0x, got "{1}".',
  customPortEntry: '{0} must be a string such as "tcp,8080" or an object with protocol and guest, got a value of type {1}.',
  duplicateKey: '{0} appears more than once in the profile; only the last value would count.',
  profilePortType: '{0} must be a port number, a range such as "6000-6010", or "auto", got {1}.',
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** Labels: VM states and statuses, and the markers the log follower inserts. */
export const LABELS = {
  stateRunning: 'Running',
  stateStopped: 'Stopped',
  stateSleeping: 'Sleeping',
  stateCreating: 'Creating',
  stateTransitioning: 'Busy',
  stateError: 'Error',
  stateUnknown: 'Unknown',
  statusStarting: 'Starting',
  statusShuttingDown: 'Shutting down',
  statusPoweringOff: 'Powering off',
  statusRestarting: 'Restarting',
  statusResetting: 'Resetting',
  statusDeleting: 'Deleting',
  statusDiskResizing: 'Resizing disk',
  statusDiskAdding: 'Adding disk',
  statusDiskDeleting: 'Removing disk',
  statusSnapshotCreating: 'Creating snapshot',
  statusCreateError: 'Creation failed',
  statusStartError: 'Start failed',
  statusShutdownError: 'Shutdown failed',
  statusPoweroffError: 'Power-off failed',
  statusRestartError: 'Restart failed',
  statusResetError: 'Reset failed',
  statusDeleteError: 'Delete failed',
  statusResizeDiskError: 'Disk resize failed',
  statusAddDiskError: 'Adding disk failed',
  statusDeleteDiskError: 'Removing disk failed',
  statusCreateSnapshotError: 'Snapshot failed',
  statusOther: '{0} (status not known to this extension)',
  logGap: '… some log lines may be missing here: the log grew faster than it was read …',
  logRestarted: '… the log was restarted (rotated or truncated); what follows is the new log …',
  logBlocked: '… a log line the node cannot send (it holds a quote or a backslash) hides the lines around it; following continues after it …',
} as const;

export type LabelCode = keyof typeof LABELS;

/** Details of JSON syntax errors, passed as the last argument of `jsonSyntax` (translate them too). */
export const JSON_ERRORS = {
  endOfText: 'the text ends too early',
  expectedValue: 'a value (object, array, string, number, true, false or null) was expected',
  expectedKey: 'a property name in double quotes was expected',
  expectedColon: 'a colon (:) was expected after the property name',
  expectedCommaOrBrace: 'a comma (,) or a closing brace (}) was expected',
  expectedCommaOrBracket: 'a comma (,) or a closing bracket (]) was expected',
  unterminatedString: 'this string is not closed',
  controlInString: 'a string cannot contain a raw line break or control character (write \\n)',
  badEscape: 'this escape sequence is not valid',
  badNumber: 'this number is not valid',
  trailing: 'there is more text after the end of the JSON value',
  comment: 'comments are not allowed in a profile (it is plain JSON)',
  tooDeep: 'lists and objects are nested more than 64 levels deep',
} as const;

export type JsonErrorCode = keyof typeof JSON_ERRORS;

/** Every template, for the translators (l10n bundles are keyed by the English text). */
export const ALL_TEMPLATES: readonly string[] = [
  ...Object.values(MESSAGES), ...Object.values(LABELS), ...Object.values(JSON_ERRORS),
];

/** A translatable text: the template, its arguments and the formatted English. */
export interface Localizable {
  template: string;
  args: string[];
  message: string;
}

/** Replaces `{n}` by `args[n]`, like `vscode.l10n.t` does; unknown placeholders stay as they are. */
export function formatTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

export function label(code: LabelCode, ...args: string[]): Localizable {
  const template = LABELS[code];
  return { template, args, message: formatTemplate(template, args) };
}
