// Image transfers between machines and image servers (rsync in the real node), with progress
// computed from simulated time.
import type { Clock, TimerId } from '../clock';
import { normalizeDir, type ImageFile, type SimState, type Transfer, type TransferKind } from '../state';

/** 10 simulated seconds per GB at speed 1. */
export const TRANSFER_MS_PER_GB = 10_000;

export type TransferOwner = { node: string } | { client: true };

export interface TransferDeps {
  clock: Clock;
  state: SimState;
  changed(): void;
}

export class TransferEngine {
  private readonly timers = new Map<Transfer, TimerId>();

  constructor(private readonly deps: TransferDeps) {}

  list(owner: TransferOwner): Transfer[] {
    if ('client' in owner) return this.deps.state.clientTransfers;
    return this.deps.state.nodes.get(owner.node)?.transfers ?? [];
  }

  /** The unfinished transfer under `key` (ImageManager's map key) in that direction, if any. */
  active(owner: TransferOwner, kind: TransferKind, key: string): Transfer | undefined {
    return this.list(owner).find((t) => t.kind === kind && keyOf(t) === key && !t.done);
  }

  /**
   * The keys of unfinished transfers (`isDownloading(name)`, `isUploading(name)`): a download's file
   * name, an upload's full path — so a bare image name is busy only while it is downloaded.
   */
  busyNames(owner: TransferOwner): Set<string> {
    return new Set(this.list(owner).filter((t) => !t.done).map(keyOf));
  }

  start(owner: TransferOwner, t: Omit<Transfer, 'startedAt' | 'durationMs' | 'done'>): Transfer {
    const list = this.list(owner);
    const kept = list.filter((x) => !(x.kind === t.kind && keyOf(x) === t.key));
    list.splice(0, list.length, ...kept);
    const transfer: Transfer = { ...t, startedAt: this.deps.clock.now(), durationMs: Math.max(1000, t.sizeGb * TRANSFER_MS_PER_GB), done: false };
    list.push(transfer);
    this.schedule(owner, transfer);
    this.deps.changed();
    return transfer;
  }

  /** Fraction done, 0..1. */
  progress(t: Transfer): number {
    if (t.done) return 1;
    return Math.min(0.99, Math.max(0, (this.deps.clock.now() - t.startedAt) / t.durationMs));
  }

  /** `terminateUpload` / `terminateDownload`: aborts the unfinished transfer under `key`; nothing when none. */
  stop(owner: TransferOwner, kind: TransferKind, key: string): void {
    const t = this.active(owner, kind, key);
    if (!t) return;
    const timer = this.timers.get(t);
    if (timer !== undefined) this.deps.clock.clearTimer(timer);
    this.timers.delete(t);
    const list = this.list(owner);
    list.splice(list.indexOf(t), 1);
    this.deps.changed();
  }

  resumeAll(): void {
    for (const node of this.deps.state.nodes.values()) {
      for (const t of node.transfers.filter((x) => !x.done)) this.schedule({ node: node.nodeId }, t);
    }
    for (const t of this.deps.state.clientTransfers.filter((x) => !x.done)) this.schedule({ client: true }, t);
  }

  private schedule(owner: TransferOwner, t: Transfer): void {
    const due = t.startedAt + t.durationMs - this.deps.clock.now();
    this.timers.set(t, this.deps.clock.setTimer(due, () => this.finish(owner, t)));
  }

  private finish(owner: TransferOwner, t: Transfer): void {
    this.timers.delete(t);
    t.done = true;
    const file: ImageFile = { name: t.filename, sizeGb: t.sizeGb, dir: normalizeDir(t.localDir) };
    if (t.kind === 'upload') {
      const server = this.deps.state.imageServers.find((s) => s.id === t.server);
      if (server) replaceImage(server.images, { ...file, dir: '/data' });
    } else if ('node' in owner) {
      const node = this.deps.state.nodes.get(owner.node);
      if (node) replaceImage(node.images, file);
    }
    this.deps.changed();
  }
}

export function replaceImage(images: ImageFile[], file: ImageFile): void {
  const at = images.findIndex((i) => i.name === file.name && i.dir === file.dir);
  if (at >= 0) images.splice(at, 1, file);
  else images.push(file);
}

/** Transfers stored by older simulators have no key: an upload was keyed by its file, a download by its name. */
function keyOf(t: Transfer): string {
  return t.key ?? (t.kind === 'upload' ? `${t.localDir.replace(/\/$/, '')}/${t.filename}` : t.filename);
}
