// What each route's reply may be (dbc-protocol.md §7 and the node's source), used by client.ts where each
// route is defined: the shape of `message` and the largest body read. Shapes are loose where node versions
// differ (numbers or digits, extra keys) and strict where later code depends on a value: ids that go into
// paths, lists that are iterated, texts that are printed.
import { anything, count, id, list, natural, oneOf, record, string, text, type Shape } from './shape';
import type {
  CreatedTask, DiskEntry, ImageServers, LanNetwork, MiningNodeEntry, NodeInfo, RentOrderEntry, SnapshotInfo, TaskInfo, TaskLogs, TaskSummary, TransferProgress, VersionInfo,
} from './types';

/** The `message` of an action route: `ok`, or a sentence such as `some changes will take effect on the next boot`. */
export const ACK: Shape<string> = text;

export const VERSION: Shape<VersionInfo> = record({ client_version: text });

export const NODE_LIST: Shape<{ mining_nodes?: MiningNodeEntry[] }> = record({}, { mining_nodes: list(record({ node_id: string }, { name: text, version: text })) });

const IMAGE_ENTRY: Shape<Record<string, unknown>> = record({}, { image_name: text, 'image_name:': text, image_size: text }, 'an image');

export const NODE_INFO: Shape<Omit<NodeInfo, 'images'> & { images?: Record<string, unknown>[] }> = record({}, {
  version: text, node_type: text, ip: text, os: text, images: list(IMAGE_ENTRY),
  cpu: record({}), gpu: record({}), mem: record({}), disk_system: record({}), disk_data: list(record({})),
});

export const SESSION_ID: Shape<{ session_id: string }> = record({ session_id: id });

/** R1: every renter's records on the node (an order id is sent back as rent_order, so it must be an id). */
export const RENT_ORDERS: Shape<{ rent_orders?: RentOrderEntry[] }> = record({}, {
  rent_orders: list(record({ id, renter: text, rent_end: text, rent_status: text, gpu_nums: text, gpu_index: list(natural) }, {}, 'a rent order')),
});

const TASK_SUMMARY_FIELDS = { create_time: text, desc: text };

export const TASK_SUMMARY: Shape<TaskSummary> = record({ task_id: id, status: text }, TASK_SUMMARY_FIELDS, 'a task');

export const TASK_LIST: Shape<TaskSummary[]> = list(TASK_SUMMARY);

export const TASK_INFO: Shape<TaskInfo> = record({ task_id: id, status: text }, {
  ...TASK_SUMMARY_FIELDS,
  os: text, ssh_ip: text, ssh_port: text, rdp_port: text, vnc_port: text, user_name: text, login_password: text, vnc_password: text,
  cpu_cores: count, gpu_count: count, mem_size: text, disk_system: text, network_name: text, rent_order: text,
  local_address: list(text), network_filters: list(text),
  disks: list(record({ name: text }, { size: text, source_file: text }, 'a disk')),
  interface: list(record({}, { name: text, type: text, mac_address: text }, 'an interface')),
}, 'a task');

export const CREATED_TASK: Shape<CreatedTask> = record({ task_id: id }, { status: text, create_time: text, desc: text }, 'a created task') as Shape<CreatedTask>;

export const TASK_LOGS: Shape<TaskLogs> = record({ log_content: list(text) }, { task_id: text }, 'a log window') as Shape<TaskLogs>;

export const SNAPSHOT: Shape<SnapshotInfo> = record({ snapshot_name: id }, {
  description: text, snapshot_file: text, create_time: text, status: text,
}, 'a snapshot');

export const SNAPSHOT_LIST: Shape<SnapshotInfo[]> = list(SNAPSHOT);

/** The probe of the snapshot route style reads any answer (client.ts classifies it). */
export const PROBE: Shape<unknown> = anything;

export const IMAGE_SERVERS: Shape<Partial<ImageServers>> = record({}, { image_server: list(text) });

export const IMAGE_LIST: Shape<Record<string, unknown>[]> = list(IMAGE_ENTRY);

export const TRANSFER_PROGRESS: Shape<TransferProgress> = record({ status: text, progress: text }, {}, 'transfer progress');

/** D1: the VM's disks (TaskDiskManager.cpp): a name, its file on the node and its size. */
export const DISK_LIST: Shape<DiskEntry[]> = list(record({ name: text, file: text, size: text }, {}, 'a disk'));

const LAN: Shape<LanNetwork> = record({ network_name: text, ip_cidr: text, members: list(text) }, {
  bridge_name: text, vxlan_name: text, vxlan_vni: text, ip_start: text, ip_end: text, dhcp_interface: text, machine_id: text,
  rent_wallet: text, lastUseTime: text, native_flags: text,
}, 'a network');

/** L1: the client node answers `{networks: [...]}`, a GPU node the bare list (node_request_service.cpp list_lan). */
export const LAN_LIST: Shape<{ networks?: LanNetwork[] } | LanNetwork[]> = oneOf<{ networks?: LanNetwork[] } | LanNetwork[]>(
  'a list of networks', list(LAN), record({}, { networks: list(LAN) }),
);

/** N1: the node's monitor servers, `host:port`. */
export const MONITORS: Shape<{ servers?: string[] }> = record({}, { servers: list(text) });

/** A route's reply: the shape of its `message` and the largest body read before giving up. */
export interface ReplySpec<T> {
  shape: Shape<T>;
  maxBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Reply size limits by kind (the transport's own default, 16 MiB, is for nothing in particular). */
export const REPLY_BYTES = {
  /** An acknowledgement is a word or a sentence. */
  ack: 64 * KiB,
  /** A log window is at most 100 lines within the node's 8 KiB content cap (1 KiB on old nodes). */
  log: 256 * KiB,
  /** One object: task info, node info, progress. */
  item: 1 * MiB,
  /** Lists of tasks, snapshots, images, nodes: thousands of entries fit. */
  list: 4 * MiB,
} as const;

export const replySpec = <T>(shape: Shape<T>, maxBytes: number): ReplySpec<T> => ({ shape, maxBytes });
const spec = replySpec;
const ACK_BYTES = REPLY_BYTES.ack;
const LOG_BYTES = REPLY_BYTES.log;
const ITEM_BYTES = REPLY_BYTES.item;
const LIST_BYTES = REPLY_BYTES.list;

export const REPLY = {
  ack: spec(ACK, ACK_BYTES),
  version: spec(VERSION, ITEM_BYTES),
  nodeList: spec(NODE_LIST, LIST_BYTES),
  nodeInfo: spec(NODE_INFO, ITEM_BYTES),
  sessionId: spec(SESSION_ID, ITEM_BYTES),
  rentOrders: spec(RENT_ORDERS, LIST_BYTES),
  taskList: spec(TASK_LIST, LIST_BYTES),
  taskInfo: spec(TASK_INFO, ITEM_BYTES),
  createdTask: spec(CREATED_TASK, ITEM_BYTES),
  taskLogs: spec(TASK_LOGS, LOG_BYTES),
  snapshotList: spec(SNAPSHOT_LIST, LIST_BYTES),
  snapshot: spec(SNAPSHOT, ITEM_BYTES),
  probe: spec(PROBE, LIST_BYTES),
  imageServers: spec(IMAGE_SERVERS, ITEM_BYTES),
  imageList: spec(IMAGE_LIST, LIST_BYTES),
  transferProgress: spec(TRANSFER_PROGRESS, ITEM_BYTES),
  diskList: spec(DISK_LIST, LIST_BYTES),
  lanList: spec(LAN_LIST, LIST_BYTES),
  monitors: spec(MONITORS, ITEM_BYTES),
} as const;
