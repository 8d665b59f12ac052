// Wire types of the DBC client-node HTTP API (see docs/dbc-protocol.md §4–§7).
// Everything the node returns is typed loosely enough to survive older and newer nodes:
// unknown keys are kept, and numbers that should be strings are tolerated where nodes differ.

/** The reply envelope: exactly `errcode` and `message`. */
export interface Envelope<T = unknown> {
  errcode: number;
  message: T;
}

/** The request envelope (§4). `additional` values are JSON strings or arrays of strings. */
export interface RequestBody {
  peer_nodes_list: string[];
  additional: Record<string, AdditionalValue>;
  [auth: string]: unknown;
}

export type AdditionalValue = string | string[] | number | Record<string, unknown>[] | undefined;

// ---- auth fields (§5) -------------------------------------------------------------------------

export interface WalletAuthFields {
  wallet: string;
  nonce: string;
  sign: string;
}

export interface MultisigSign {
  wallet: string;
  nonce: string;
  sign: string;
}

export interface MultisigAuthFields {
  multisig_accounts: {
    wallets: string[];
    /** A JSON string, e.g. "2" (the node runs atoi on it). */
    threshold: string;
    signs: MultisigSign[];
  };
}

export interface SessionAuthFields {
  session_id: string;
  session_id_sign: string;
}

export type AuthFields = WalletAuthFields | MultisigAuthFields | SessionAuthFields;

export type CredentialKind = 'wallet' | 'multisig' | 'session';

/**
 * What authenticates a request to a GPU node (src/auth builds them). `authFields()` is called once per
 * request and returns fresh nonces and signatures every time (a nonce is one-shot per GPU node).
 */
export interface Credential {
  readonly kind: CredentialKind;
  /** Who acts: the wallet address, the multisig account, or the renter a session belongs to. */
  readonly address: string;
  authFields(): Promise<AuthFields>;
}

// ---- version and nodes ------------------------------------------------------------------------

export interface VersionInfo {
  client_version: string;
}

export interface MiningNodeEntry {
  node_id: string;
  name?: string;
  version?: string;
  [key: string]: unknown;
}

export interface ImageEntry {
  image_name: string;
  image_size?: string;
}

export interface NodeInfo {
  version?: string;
  node_type?: string;
  ip?: string;
  os?: string;
  cpu?: { type?: string; hz?: string; cores?: string; used_usage?: string; physical_cpus?: string };
  gpu?: { gpu_count?: string; gpu_used?: string; [key: string]: unknown };
  mem?: { size?: string; free?: string; used_usage?: string };
  disk_system?: { type?: string; size?: string };
  disk_data?: { path?: string; type?: string; size?: string; free?: string; used_usage?: string }[];
  images?: ImageEntry[];
  [key: string]: unknown;
}

// ---- tasks ------------------------------------------------------------------------------------

/** Status strings of §9. Kept open: nodes may add more. */
export type TaskStatus =
  | 'running' | 'closed' | 'pmsuspend'
  | 'creating' | 'starting' | 'being shutdown' | 'being poweroff' | 'restarting' | 'resetting' | 'deleting'
  | 'create error' | 'start error' | 'shutdown error' | 'poweroff error' | 'restart error' | 'reset error'
  | 'none' | 'disk resizing' | 'disk adding' | 'disk deleting' | 'snapshot creating' | 'error' | 'delete error'
  | 'resize disk error' | 'add disk error' | 'delete disk error' | 'create snapshot error'
  | (string & {});

/** One row of T1 (list tasks). */
export interface TaskSummary {
  task_id: string;
  create_time?: string;
  desc?: string;
  status: TaskStatus;
  [key: string]: unknown;
}

export interface TaskDisk {
  name: string;
  size?: string;
  source_file?: string;
}

/** T2 (task info). `cpu_cores` and `gpu_count` are numbers on real nodes; older ones send strings. */
export interface TaskInfo extends TaskSummary {
  os?: string;
  ssh_ip?: string;
  ssh_port?: string;
  rdp_port?: string;
  user_name?: string;
  login_password?: string;
  cpu_cores?: number | string;
  gpu_count?: number | string;
  mem_size?: string;
  disk_system?: string;
  vnc_port?: string;
  vnc_password?: string;
  network_name?: string;
  rent_order?: string;
  local_address?: string[];
  disks?: TaskDisk[];
  network_filters?: string[];
  interface?: { name?: string; type?: string; mac_address?: string }[];
}

/** Reply of T3 (create). */
export interface CreatedTask {
  task_id: string;
  create_time?: string;
  desc?: string;
  status: TaskStatus;
}

export interface TaskLogs {
  task_id: string;
  log_content: string[];
}

export type LogFlag = 'head' | 'tail';

// ---- create / modify / snapshot specs (what callers pass; validated by src/core/validation) ----

/** The documented `additional` of T3. Numbers are accepted here and sent as strings. */
export interface CreateTaskSpec {
  image_name: string;
  operation_system?: string;
  bios_mode?: string;
  ssh_port?: string | number;
  rdp_port?: string | number;
  vnc_port: string | number;
  gpu_count: string | number;
  cpu_cores: string | number;
  mem_size: string | number;
  disk_size: string | number;
  custom_port?: string[];
  multicast?: string[];
  desc?: string;
  custom_image_name?: string;
  task_id?: string;
  public_ip?: string;
  data_file_name?: string;
  network_name?: string;
  network_filters?: string[];
  interface_model_type?: string;
  rent_order?: string;
}

/** The documented `additional` of T12. Every field optional. */
export interface ModifyTaskSpec {
  new_ssh_port?: string | number;
  new_rdp_port?: string | number;
  new_vnc_port?: string | number;
  new_custom_port?: string[];
  new_gpu_count?: string | number;
  new_cpu_cores?: string | number;
  new_mem_size?: string | number;
  /** Absent is read as "": the VM's public IP is cleared unless its current one is sent again. */
  new_public_ip?: string;
  new_network_filters?: string[];
}

/** S3: the node reads only `snapshot_name` and `desc` (sent from `description`), and always snapshots vda. */
export interface CreateSnapshotSpec {
  snapshot_name: string;
  description?: string;
  image_server?: string;
}

export interface SnapshotInfo {
  snapshot_name: string;
  description?: string;
  snapshot_file?: string;
  create_time?: string;
  /** `creating` → `uploading` → `none` (done). */
  status?: string;
  [key: string]: unknown;
}

// ---- images -----------------------------------------------------------------------------------

export interface ImageServers {
  image_server: string[];
}

export interface TransferProgress {
  status: string;
  progress: string;
}

// ---- rent orders ------------------------------------------------------------------------------

/**
 * One record of a GPU node's rent cache (`POST /api/v1/rent_orders`, every renter's, at most 51).
 * `id` is the chain's rent order id for a per-GPU rental, or the renter's wallet for a whole-machine
 * rental. `rent_end` is a chain block number (600 blocks per hour).
 */
export interface RentOrderEntry {
  id: string;
  renter: string;
  rent_end: string;
  /** `renting`, `waitingVerifying` (both count as renting) or `rentExpired`. */
  rent_status: string;
  gpu_nums: string;
  gpu_index: number[];
}

// ---- disks, virtual LANs, node services -------------------------------------------------------

/** One disk of a VM (`/disk/list/<task>`): `vda` system, `vdb` data, then added disks. */
export interface DiskEntry {
  name: string;
  /** The qcow2 file on the GPU node. */
  file: string;
  /** e.g. `350G`. */
  size: string;
}

/** A virtual LAN (`/lan`): every value is a string, `members` the task ids in it. */
export interface LanNetwork {
  network_name: string;
  bridge_name?: string;
  vxlan_name?: string;
  vxlan_vni?: string;
  ip_cidr: string;
  ip_start?: string;
  ip_end?: string;
  dhcp_interface?: string;
  /** The node that created it. */
  machine_id?: string;
  rent_wallet?: string;
  members: string[];
  lastUseTime?: string;
  native_flags?: string;
}
