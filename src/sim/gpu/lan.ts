// Virtual LANs (VxlanManager.cpp, node_request_service.cpp `list_lan` / `create_lan` / `delete_lan`,
// rest_api_service.cpp `rest_lan`): VXLAN networks between a renter's VMs, created on a GPU node and
// shared by the machines of the LAN. A VM joins with `network_name` at create and leaves when deleted.
import { randomInt } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { atoi, formatDate, utilSplit } from '../format';
import type { LanNetwork, Task } from '../state';

const VNI_MAX = 16_777_216;
const NATIVE_FLAGS_DEVICE = 1;
const NATIVE_FLAGS_DHCPSERVER = 2;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** `ipRangeHelper`: first and last host of the CIDR's network (network + 1, broadcast − 1). */
function range(ip: string, bits: number): { start: string; end: string } {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const base = (ipToInt(ip) & mask) >>> 0;
  return { start: intToIp(base + 1), end: intToIp(((base | (~mask >>> 0)) >>> 0) - 1) };
}

/** `random_string(10)`: digits and lowercase letters. */
function randomName(length: number): string {
  const chars = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length }, () => chars[randomInt(chars.length)]).join('');
}

/** `CreateNetworkServer`, in the node's order of checks. */
export function createNetwork(networks: LanNetwork[], machineId: string, name: string, ipCidr: string, wallet: string, now: number): string | undefined {
  if (name === '') return 'network name can not be empty';
  if (!/^[A-Za-z0-9]{6,10}$/.test(name)) return 'network name requires a combination of 6 to 10 letters or numbers';
  if (networks.some((n) => n.name === name)) return 'network name already existed';
  let vni = '';
  for (let i = 0; i <= 10 && vni === ''; i++) {
    const candidate = String(randomInt(VNI_MAX));
    if (!networks.some((n) => n.vni === candidate)) vni = candidate;
  }
  if (vni === '') return 'network vni is full';
  if (ipCidr === '') return 'ip cidr can not be empty';
  if (ipCidr.includes('192.168.122.')) return 'ip cidr already exist';
  const parts = utilSplit(ipCidr, '/');
  if (parts.length !== 2 || !isIPv4(parts[0]!)) return 'invalid ip cidr';
  const bits = Math.min(32, Math.max(0, atoi(parts[1]!)));
  const { start, end } = range(parts[0]!, bits);
  networks.push({
    name, bridgeName: `br${name}`, vxlanName: `vx${name}`, vni, ipCidr, ipStart: start, ipEnd: end,
    dhcpInterface: `tap${randomName(10)}`, machineId, rentWallet: wallet, members: [], lastUseTime: now,
    nativeFlags: NATIVE_FLAGS_DEVICE | NATIVE_FLAGS_DHCPSERVER,
  });
  return undefined;
}

/** `DeleteNetwork`. */
export function deleteNetwork(networks: LanNetwork[], name: string, wallet: string): string | undefined {
  const network = networks.find((n) => n.name === name);
  if (!network) return 'network name not exist';
  if (network.rentWallet !== wallet) return 'wallet error, you are not the owner of the network';
  if (network.members.length > 0) return 'network is in used, please delete task in the network first';
  networks.splice(networks.indexOf(network), 1);
  return undefined;
}

/** `JoinNetwork` (sent at create). */
export function joinNetwork(networks: LanNetwork[], task: Task, now = task.createTime): void {
  const network = networks.find((n) => n.name === task.networkName);
  if (!network) return;
  network.members.push(task.taskId);
  network.lastUseTime = now;
}

/** `LeaveNetwork` (sent when the VM is deleted). */
export function leaveNetwork(networks: LanNetwork[], task: Task, now: number): void {
  const network = networks.find((n) => n.name === task.networkName);
  if (!network) return;
  network.members = network.members.filter((m) => m !== task.taskId);
  network.lastUseTime = now;
}

/** The VM's DHCP lease on its LAN: the range's start plus its place among the members. */
export function lanAddress(networks: LanNetwork[], task: Task): string | undefined {
  const network = networks.find((n) => n.name === task.networkName);
  const at = network?.members.indexOf(task.taskId) ?? -1;
  return network && at >= 0 ? intToIp(ipToInt(network.ipStart) + at) : undefined;
}

/** One network as `vxlan_network_list` and `list_lan` write it (every value a string). */
export function networkView(n: LanNetwork): Record<string, unknown> {
  return {
    network_name: n.name, bridge_name: n.bridgeName, vxlan_name: n.vxlanName, vxlan_vni: n.vni, ip_cidr: n.ipCidr,
    ip_start: n.ipStart, ip_end: n.ipEnd, dhcp_interface: n.dhcpInterface, machine_id: n.machineId,
    rent_wallet: n.rentWallet, members: n.members, lastUseTime: formatDate(n.lastUseTime), native_flags: String(n.nativeFlags),
  };
}
