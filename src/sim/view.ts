// A JSON view of the whole simulator (admin `GET /__sim/state`): nodes, tasks incl. passwords,
// snapshots, images, sessions, transfers, faults and counters.
import type { SimContext } from './context';
import { formatDate } from './format';
import { blockAt } from './rent';
import { networkView } from './gpu/lan';
import type { NodeState, Task, TaskEvent } from './state';

function eventView(e: TaskEvent, now: number): Record<string, unknown> {
  const remaining = e.startedAt === undefined ? e.durationMs : Math.max(0, Math.round(e.startedAt + e.durationMs - now));
  return { kind: e.kind, task_id: e.taskId, running: e.startedAt !== undefined, remaining_ms: remaining, fail: e.fail, ...(e.disk ? { disk: e.disk } : {}) };
}

function taskView(t: Task, node: NodeState, now: number): Record<string, unknown> {
  const queued = node.queue.filter((e) => e.taskId === t.taskId);
  return {
    task_id: t.taskId, owner: t.owner, status: t.status, vm: t.vm, os: t.os, image_name: t.imageName,
    ssh_port: t.sshPort, rdp_port: t.rdpPort, vnc_port: t.vncPort, public_ip: t.publicIp, user_name: t.userName,
    login_password: t.loginPassword, gpu_count: t.gpuCount, gpu_indexes: t.gpuIndexes, cpu_cores: t.cpuCores,
    mem_gb: t.memGb, disk_gb: t.diskGb, desc: t.desc, rent_order: t.rentOrder, create_time: formatDate(t.createTime),
    custom_port: t.customPort, network_filters: t.networkFilters, network_name: t.networkName,
    disks: t.disks.map((d) => ({ name: d.name, file: d.file, size_gb: d.sizeGb })),
    transition: queued[0] ? eventView(queued[0], now) : null,
    snapshots: t.snapshots.map((s) => ({ name: s.name, status: s.status, file: s.file, image_server: s.imageServer })),
    log_lines: t.logs.length,
  };
}

function nodeView(n: NodeState, now: number): Record<string, unknown> {
  return {
    node_id: n.nodeId, name: n.name, status: n.status, broadcasting: n.broadcasting, version: n.version,
    rent_orders: n.rentOrders.map((o) => ({
      id: o.id, renter: o.renter, rent_status: o.status, gpu_indexes: o.gpuIndexes, gpu_num: o.gpuNum, rent_end: o.rentEnd,
      ...(o.pending ? { pending: true } : {}),
    })),
    verifiers: n.verifiers, gpu_count: n.gpuCount, cpu_cores: n.cpuCores, mem_gb: n.memGb, disk_gb: n.diskGb,
    images: n.images.map((i) => ({ name: i.name, size_gb: i.sizeGb, dir: i.dir, ...(i.backing ? { backing: i.backing } : {}) })),
    sessions: n.sessions.map((s) => ({ wallet: s.wallet, session_id: s.sessionId, members: s.members })),
    nonces_seen: n.nonces.size,
    transfers: n.transfers.map((t) => ({ kind: t.kind, key: t.key, filename: t.filename, server: t.server, local_dir: t.localDir, done: t.done })),
    monitors: n.monitors,
    queue: n.queue.map((e) => eventView(e, now)),
    tasks: [...n.tasks.values()].map((t) => taskView(t, n, now)),
  };
}

export function stateView(sim: SimContext): Record<string, unknown> {
  const now = sim.clock.now();
  return {
    speed: sim.clock.speed(),
    sim_time: new Date(now).toISOString(),
    client_version: sim.state.clientVersion,
    chain_block: blockAt(sim.state.chain, now),
    nodes: [...sim.state.nodes.values()].map((n) => nodeView(n, now)),
    image_servers: sim.state.imageServers.map((s) => ({ id: s.id, images: s.images.map((i) => ({ name: i.name, size_gb: i.sizeGb })) })),
    client_files: sim.state.clientFiles.map((f) => ({ name: f.name, size_gb: f.sizeGb, dir: f.dir })),
    networks: sim.state.networks.map(networkView),
    faults: sim.faults.list(),
    counters: sim.counters.snapshot(),
  };
}
