// Validation of virtual-LAN inputs (VxlanManager.cpp CreateNetworkServer) and of monitor servers
// (node_monitor_service.cpp setMonitorServer), before anything is sent.
import { isIPv4 } from 'node:net';
import { fieldIssue, type Issue } from './issue';
import { checkText } from './text';

/** A network name: 6 to 10 letters or digits (`check_network_name`). */
export function checkLanName(field: string, value: unknown, required = true): Issue | undefined {
  const typeIssue = checkText(field, value, required);
  if (typeIssue || typeof value !== 'string' || value === '') return typeIssue;
  return /^[A-Za-z0-9]{6,10}$/.test(value) ? undefined : fieldIssue(field, 'lanName', value);
}

/** `a.b.c.d/n`, IPv4, not on libvirt's default network 192.168.122.x (the node refuses it). */
export function checkIpCidr(field: string, value: unknown): Issue | undefined {
  const typeIssue = checkText(field, value, true);
  if (typeIssue || typeof value !== 'string') return typeIssue;
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(value);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) > 32) return fieldIssue(field, 'ipCidr', value);
  return value.includes('192.168.122.') ? fieldIssue(field, 'ipCidrDefaultNet', value) : undefined;
}

/** Zabbix servers: at most two `host:port`. */
export function checkMonitorServers(field: string, servers: readonly string[]): Issue[] {
  if (servers.length > 2) return [fieldIssue(field, 'monitorCount', servers.length)];
  return servers.flatMap((s, i) => {
    const [host, port, extra] = s.split(':');
    const ok = extra === undefined && !!host && /^[A-Za-z0-9.-]+$/.test(host) && /^[1-9]\d{0,4}$/.test(port ?? '') && Number(port) <= 65535;
    return ok ? [] : [fieldIssue(`${field}[${i}]`, 'monitorServer', s)];
  });
}
