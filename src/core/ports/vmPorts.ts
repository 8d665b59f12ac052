// Every way into a VM, as "guest → ip:host port": ssh (guest 22) or rdp (guest 3389), VNC (served by
// the host itself, no guest port) and each `custom_port` rule. The node's task info reports ssh, rdp
// and vnc but not custom ports, so those come from what was sent at create or modify (the caller's
// record). Entries the node skips (bad syntax, a literal `tcp/udp`) are skipped here too. Pure.
import { parseCustomPort, type PortRange } from '../validation/customPort';

export type PortService = 'ssh' | 'rdp' | 'vnc' | 'custom';

export interface VmPort {
  service: PortService;
  protocol: 'tcp' | 'udp';
  /** The port inside the VM ("22", "8888", "6000-6010"); undefined for VNC. */
  guest?: string;
  /** A single guest port (for forwarding), when `guest` is not a range. */
  guestPort?: number;
  host: string;
  /** "20022" or a range "26000-26010". */
  hostPort: string;
  /** `http://<ip>:<host port>` for a single mapped TCP port. */
  url?: string;
  /** `tcp 8888 → 1.2.3.4:20888`, `ssh 22 → …`, `vnc → …`. */
  text: string;
}

export interface PortSource {
  ssh_ip?: string;
  ssh_port?: string;
  rdp_port?: string;
  vnc_port?: string;
}

const range = (r: PortRange): string => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);
const validPort = (p: string | undefined): p is string => p !== undefined && /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;

export function vmPorts(info: PortSource, customPorts: readonly string[] = []): VmPort[] {
  const ip = info.ssh_ip;
  if (!ip) return [];
  const out: VmPort[] = [];
  const add = (p: Omit<VmPort, 'host' | 'text'>): void => {
    const guest = p.guest === undefined ? p.service : `${p.service === 'custom' ? p.protocol : p.service} ${p.guest}`;
    out.push({ ...p, host: ip, text: `${guest} → ${ip}:${p.hostPort}` });
  };
  if (validPort(info.ssh_port)) add({ service: 'ssh', protocol: 'tcp', guest: '22', guestPort: 22, hostPort: info.ssh_port });
  if (validPort(info.rdp_port)) add({ service: 'rdp', protocol: 'tcp', guest: '3389', guestPort: 3389, hostPort: info.rdp_port });
  if (validPort(info.vnc_port)) add({ service: 'vnc', protocol: 'tcp', hostPort: info.vnc_port });
  for (const entry of customPorts) {
    const parsed = parseCustomPort(entry);
    if (!parsed.ok || parsed.rule.protocol === 'tcp/udp') continue;
    const { protocol, host, guest } = parsed.rule;
    const single = host.from === host.to;
    add({
      service: 'custom', protocol, guest: range(guest), hostPort: range(host),
      ...(single ? { guestPort: guest.from } : {}),
      ...(single && protocol === 'tcp' ? { url: `http://${ip.includes(':') ? `[${ip}]` : ip}:${host.from}` } : {}),
    });
  }
  return out;
}
