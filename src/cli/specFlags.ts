// The create and modify flags, one per documented `additional` field, and the way back from a field
// name to its flag (so validation messages name what the user typed).
import type { Command } from 'commander';
import { collect } from './action';

export interface FlagSpec {
  flag: string;
  field: string;
  help: string;
  list?: boolean;
}

export const CREATE_FLAGS: FlagSpec[] = [
  { flag: '--image <file>', field: 'image_name', help: 'image on the GPU node, e.g. ubuntu.qcow2' },
  { flag: '--os <name>', field: 'operation_system', help: 'operating system: linux, ubuntu …, windows … (node default linux)' },
  { flag: '--bios <mode>', field: 'bios_mode', help: 'legacy (default), uefi (Windows) or pxe' },
  { flag: '--ssh-port <port>', field: 'ssh_port', help: 'host port forwarded to the guest\'s ssh (Linux, required)' },
  { flag: '--rdp-port <port>', field: 'rdp_port', help: 'host port forwarded to the guest\'s RDP (Windows, required)' },
  { flag: '--vnc-port <port>', field: 'vnc_port', help: 'host VNC port, 5900–65535 (required)' },
  { flag: '--gpus <n>', field: 'gpu_count', help: 'number of GPUs (>= 0)' },
  { flag: '--cpus <n>', field: 'cpu_cores', help: 'number of CPU cores (> 0)' },
  { flag: '--mem <gb>', field: 'mem_size', help: 'memory in GB (> 0)' },
  { flag: '--disk <gb>', field: 'disk_size', help: 'data disk in GB (> 0)' },
  { flag: '--custom-port <rule>', field: 'custom_port', help: 'extra forward, e.g. tcp,8080 or tcp/udp,6000-6010:7000-7010 (repeatable)', list: true },
  { flag: '--multicast <ip:port>', field: 'multicast', help: 'multicast address, e.g. 230.0.0.1:5558 (repeatable)', list: true },
  { flag: '--desc <text>', field: 'desc', help: 'your description of the VM' },
  { flag: '--custom-image-name <name>', field: 'custom_image_name', help: 'your own VM label, e.g. my-ubuntu-1804' },
  { flag: '--task-id <id>', field: 'task_id', help: 'choose the task id (20–22 letters or digits)' },
  { flag: '--public-ip <ip>', field: 'public_ip', help: 'a public IP of the node for this VM' },
  { flag: '--data-file <file>', field: 'data_file_name', help: 'an existing /data file to use as the data disk' },
  { flag: '--network <name>', field: 'network_name', help: 'join this virtual LAN' },
  { flag: '--network-filter <rule>', field: 'network_filters', help: 'e.g. in,tcp,22,0.0.0.0/0,accept (repeatable)', list: true },
  { flag: '--interface-model <model>', field: 'interface_model_type', help: 'e1000 or rtl8139 (default virtio)' },
];

export const MODIFY_FLAGS: FlagSpec[] = [
  { flag: '--new-ssh-port <port>', field: 'new_ssh_port', help: 'new ssh host port' },
  { flag: '--new-rdp-port <port>', field: 'new_rdp_port', help: 'new RDP host port' },
  { flag: '--new-vnc-port <port>', field: 'new_vnc_port', help: 'new VNC port, 5900–65535 (next boot)' },
  { flag: '--new-custom-port <rule>', field: 'new_custom_port', help: 'replaces all custom ports (repeatable; see --clear-custom-ports)', list: true },
  { flag: '--new-gpus <n>', field: 'new_gpu_count', help: 'new number of GPUs (next boot)' },
  { flag: '--new-cpus <n>', field: 'new_cpu_cores', help: 'new number of CPU cores (next boot)' },
  { flag: '--new-mem <gb>', field: 'new_mem_size', help: 'new memory in GB (next boot)' },
  { flag: '--new-public-ip <ip>', field: 'new_public_ip', help: 'new public IP (default: the current one is sent again, as the node needs)' },
  { flag: '--new-network-filter <rule>', field: 'new_network_filters', help: 'replaces all network filters (repeatable)', list: true },
];

export function addSpecFlags(cmd: Command, flags: FlagSpec[]): Command {
  for (const f of flags) {
    if (f.list) cmd.option(f.flag, f.help, collect);
    else cmd.option(f.flag, f.help);
  }
  return cmd;
}

/** The `additional` fields the user gave, keyed by wire name. */
export function specFromFlags(opts: Record<string, unknown>, flags: FlagSpec[]): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const f of flags) {
    const value = opts[optionKey(f.flag)];
    if (value !== undefined) spec[f.field] = value;
  }
  return spec;
}

/** `custom_port[1]` → `--custom-port #2`; unknown names stay as they are. */
export function flagNameOf(field: string, flags: FlagSpec[]): string {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(.*)$/.exec(field);
  const spec = m ? flags.find((f) => f.field === m[1]) : undefined;
  if (!m || !spec) return field;
  const name = spec.flag.split(' ')[0]!;
  return m[2] === undefined ? `${name}${m[3]}` : `${name} #${Number(m[2]) + 1}${m[3]}`;
}

/** commander's camel-case key of `--new-ssh-port <port>`. */
function optionKey(flag: string): string {
  return flag.split(' ')[0]!.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
