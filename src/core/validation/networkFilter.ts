// `network_filters` / `new_network_filters` entries: "<direction>,<protocol>,<ports>,<address>,<action>",
// read by the node into a libvirt nwfilter (vm_client.cpp createNWFilterXml). The node skips entries
// without five fields and writes whatever it gets into the XML: an unknown protocol dereferences a null
// rule, a prefix other than /0 is dropped (only the address is applied), and the ports of named protocols
// are replaced by their own. So everything is checked here, before anything is sent.
import { isIP } from 'node:net';
import { fieldIssue, type Issue } from './issue';
import { listEntries } from './lists';

const DIRECTIONS = ['in', 'out', 'inout'];
const PORTED = ['tcp', 'udp'];
const NAMED = ['all', 'ssh', 'rdp', 'http', 'https', 'icmp', 'ftp', 'dns(udp)', 'dns(tcp)'];
const ACTIONS = ['accept', 'drop'];
const PORT = /^[1-9]\d{0,4}$/;

export function checkNetworkFilter(field: string, entry: string): Issue | undefined {
  const parts = entry.split(',');
  if (parts.length !== 5) return fieldIssue(field, 'networkFilterFormat', entry);
  const [direction, protocol, ports, address, action] = parts as [string, string, string, string, string];
  if (!DIRECTIONS.includes(direction)) return fieldIssue(field, 'networkFilterDirection', direction);
  if (!PORTED.includes(protocol) && !NAMED.includes(protocol)) return fieldIssue(field, 'networkFilterProtocol', protocol);
  if (PORTED.includes(protocol) && !portsOk(ports)) return fieldIssue(field, 'networkFilterPorts', ports);
  if (NAMED.includes(protocol) && ports !== 'all') return fieldIssue(field, 'networkFilterPortsFixed', protocol, ports);
  if (!addressOk(address)) return fieldIssue(field, 'networkFilterAddress', address);
  if (!ACTIONS.includes(action)) return fieldIssue(field, 'networkFilterAction', action);
  return undefined;
}

function portsOk(text: string): boolean {
  const range = text.split('-');
  if (range.length > 2 || !range.every((p) => PORT.test(p) && Number(p) <= 65535)) return false;
  return range.length === 1 || Number(range[0]) <= Number(range[1]);
}

function addressOk(text: string): boolean {
  if (text === '0.0.0.0/0') return true;
  const [ip, prefix, ...rest] = text.split('/');
  if (rest.length > 0 || prefix !== undefined && prefix !== '32') return false;
  return ip !== undefined && isIP(ip) === 4 && !ip.split('.').some((o) => o.length > 1 && o.startsWith('0'));
}

/** Checks an optional list of filters; entries are named `<field>[i]`. */
export function checkNetworkFilterList(field: string, value: unknown): Issue[] {
  return listEntries(field, value).flatMap(({ name, entry, issue }) => {
    if (issue) return [issue];
    const problem = checkNetworkFilter(name, entry);
    return problem ? [problem] : [];
  });
}
