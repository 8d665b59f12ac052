// The request bodies of the two docs, as `additional` objects (comments removed).
import { type CreateSnapshotSpec, type CreateTaskSpec, type ModifyTaskSpec } from '../../../../src/api/types';

/** dbc-client-api.md, 虚拟机管理 1 (create). */
export const SEED_CREATE: CreateTaskSpec = {
  ssh_port: '5684',
  rdp_port: '5685',
  vnc_port: '5904',
  custom_port: ['tcp/udp,123', 'tcp/udp,111:222', 'tcp/udp,333-444', 'tcp/udp,555-666:777-888'],
  image_name: 'ubuntu.qcow2',
  custom_image_name: 'my-ubuntu-1804',
  operation_system: 'ubuntu',
  bios_mode: 'legacy',
  multicast: ['230.0.0.1:5558'],
  gpu_count: '2',
  cpu_cores: '8',
  mem_size: '8',
  disk_size: '10',
};

/** dbc-client-api.md, 虚拟机管理 9 (modify). */
export const SEED_MODIFY: ModifyTaskSpec = {
  new_ssh_port: '5586',
  new_vnc_port: '5986',
  new_rdp_port: '5786',
  new_custom_port: ['tcp,123', 'udp,111:222', 'tcp,333-444', 'udp,555-666:777-888'],
  new_gpu_count: '2',
  new_cpu_cores: '8',
  new_mem_size: '8',
};

/** The seed's modify example also sends `increase_disk_size: '10'`, which no node reads. */
export const SEED_INCREASE_DISK = '10';

/** dbc-protocol.md §12 (create). */
export const PROTOCOL_CREATE: CreateTaskSpec = {
  image_name: 'ubuntu.qcow2',
  operation_system: 'linux',
  bios_mode: 'legacy',
  ssh_port: '5684',
  vnc_port: '5904',
  gpu_count: '1',
  cpu_cores: '8',
  mem_size: '16',
  disk_size: '100',
  custom_port: ['tcp,8080', 'udp,6000-6010'],
  desc: 'train-1',
};

/** dbc-client-api.md, 快照管理 1, plus the image server the client node requires (protocol S3). */
export const SEED_SNAPSHOT: CreateSnapshotSpec = {
  snapshot_name: 'snap2',
  description: 'finish hello world',
  image_server: 'ID_1',
};
