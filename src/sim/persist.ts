// `--state FILE`: VMs, snapshots, session ids and images survive restarts. Nonce sets do not (a real
// node keeps them in memory). Writes are atomic and durable: a temp file (mode 600, it holds VM
// passwords) synced to disk, then renamed over the target.
import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BLOCKS_PER_DAY, DEFAULT_CHAIN_BLOCK, DEFAULT_RENT_DAYS, upgradeRecord, type ChainClock } from './rent';
import { SYSTEM_DISK_GB, type NodeState, type SimState, type Task, type TaskEvent, type TransitionKind } from './state';

/** What older simulators stored on a task: one pending transition, next-boot changes, the disk files. */
interface OlderTaskFields {
  transition?: { kind: TransitionKind; dueAt: number; fail: boolean };
  pending?: { gpuCount?: number; cpuCores?: number; memGb?: number; vncPort?: string };
  vdaFile?: string;
  vdbFile?: string;
  trickleAt?: number;
}

type PersistedTask = Task & OlderTaskFields;
type PersistedNode = Omit<NodeState, 'tasks' | 'nonces' | 'queue' | 'monitors'> & { tasks: PersistedTask[]; queue?: TaskEvent[]; monitors?: NodeState['monitors'] };

interface PersistedFile {
  format: 'dbc-sim-state';
  version: 1;
  /** Simulated time of the save; pending timers are shifted by (now − savedAt) on load. */
  savedAt: number;
  clientVersion: string;
  nodes: PersistedNode[];
  imageServers: SimState['imageServers'];
  clientFiles: SimState['clientFiles'];
  clientTransfers: SimState['clientTransfers'];
  /** Absent in files written before rent ends were block numbers. */
  chain?: ChainClock;
  networks?: SimState['networks'];
}

export function saveState(file: string, state: SimState, now: number): void {
  const data: PersistedFile = {
    format: 'dbc-sim-state', version: 1, savedAt: now, clientVersion: state.clientVersion,
    nodes: [...state.nodes.values()].map(({ tasks, nonces: _nonces, ...rest }) => ({ ...rest, tasks: [...tasks.values()] })),
    imageServers: state.imageServers, clientFiles: state.clientFiles, clientTransfers: state.clientTransfers,
    chain: state.chain, networks: state.networks,
  };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  // VM passwords are in it: readable by the owner only, and on disk before it replaces the old file.
  const fd = openSync(tmp, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, JSON.stringify(data));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function shiftTimers(node: PersistedNode, delta: number): void {
  for (const t of node.tasks) {
    if (t.transition) t.transition.dueAt += delta;
    for (const s of t.snapshots) if (s.phaseDue !== undefined) s.phaseDue += delta;
  }
  for (const e of node.queue ?? []) if (e.startedAt !== undefined) e.startedAt += delta;
  for (const t of node.transfers) t.startedAt += delta;
}

/** A task of an older file: disks from its files, next-boot changes applied, its transition queued. */
function upgradeTask(t: PersistedTask, queue: TaskEvent[], now: number): Task {
  const { transition, pending, vdaFile, vdbFile, trickleAt: _trickle, ...task } = t;
  if (!task.disks) {
    task.disks = task.biosMode === 'pxe' ? [] : [
      { name: 'vda', file: vdaFile ?? '', sizeGb: SYSTEM_DISK_GB }, { name: 'vdb', file: vdbFile ?? '', sizeGb: task.diskGb },
    ];
  }
  task.networkName ??= '';
  if (pending) Object.assign(task, pending);
  if (transition) queue.push({ kind: transition.kind, taskId: task.taskId, fail: transition.fail, durationMs: Math.max(0, transition.dueAt - now) });
  return task;
}

/** The saved world, or undefined when the file does not exist yet. */
export function loadState(file: string, now: number): SimState | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as PersistedFile;
  if (data.format !== 'dbc-sim-state' || data.version !== 1) throw new Error(`${file} is not a dbc-sim state file`);
  const delta = now - data.savedAt;
  // The chain keeps its height across the restart (simulated time is shifted like every timer).
  const chain: ChainClock = data.chain ? { ...data.chain, baseTime: data.chain.baseTime + delta } : { baseBlock: DEFAULT_CHAIN_BLOCK, baseTime: now };
  const defaultEnd = chain.baseBlock + DEFAULT_RENT_DAYS * BLOCKS_PER_DAY;
  const nodes = new Map<string, NodeState>();
  for (const n of data.nodes) {
    shiftTimers(n, delta);
    const rentOrders = n.rentOrders.map((o) => upgradeRecord(o, defaultEnd));
    const queue = n.queue ?? [];
    const tasks = n.tasks.map((t) => upgradeTask(t, queue, now));
    nodes.set(n.nodeId, { ...n, rentOrders, queue, monitors: n.monitors ?? {}, tasks: new Map(tasks.map((t) => [t.taskId, t])), nonces: new Set() });
  }
  for (const t of data.clientTransfers) t.startedAt += delta;
  return {
    clientVersion: data.clientVersion, nodes, imageServers: data.imageServers,
    clientFiles: data.clientFiles, clientTransfers: data.clientTransfers, chain, networks: data.networks ?? [],
  };
}

/** Debounced saving: many changes in a burst cost one write. */
export class Persister {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string | undefined, private readonly snapshot: () => { state: SimState; now: number },
    private readonly onError: (e: unknown) => void) {}

  schedule(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), 50);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    try {
      const { state, now } = this.snapshot();
      saveState(this.file, state, now);
    } catch (e) {
      this.onError(e);
    }
  }
}
