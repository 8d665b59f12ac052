// The lease guard: knows the credential's rentals on every configured node (the nodes' rent records,
// remembered across sessions, timed by the chain's block clock), warns before each ends and once it has
// ended, and keeps a status bar item while one ends within 24 hours or has ended. It reads the chain only
// when a warning falls due (the trees read it while they are visible): between readings the block is
// extrapolated. Without any chain reading the rows show the end block and nothing is announced.
import type * as vscode from 'vscode';
import type { BlockReading } from '../chain/lease';
import { nodeKey, type NodeRef } from '../config/model/refs';
import { byUrgency, knownRecords, nodeLeases, type NodeLease, type SavedRecords } from '../tree/model/leaseModel';
import { errorMessage } from '../util/errorMessage';
import type { LeaseGuardHost, LeaseGuardState } from './leaseHost';
import type { LeaseWatch } from './leaseWatch';
import type { WarnMemory } from './model/leaseWarnings';

const STATE_KEY = 'dbc.lease.guard';
const DAY_SECONDS = 86_400;

interface Saved {
  memory?: WarnMemory;
  /** Per node key: the wallet and its rent records when last read (warnings work before the view is opened). */
  records?: Record<string, SavedRecords>;
  reading?: BlockReading;
}

export class LeaseGuard implements vscode.Disposable, LeaseGuardState {
  /** Warnings shown and rentals silenced (LeaseWatch updates it). */
  memory: WarnMemory;
  private records: NonNullable<Saved['records']>;
  private watch: LeaseWatch | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  disposed = false;

  constructor(private readonly host: LeaseGuardHost) {
    const saved = host.state.get<Saved>(STATE_KEY) ?? {};
    this.memory = saved.memory ?? { shown: {}, muted: [] };
    this.records = saved.records ?? {};
    if (saved.reading && !host.chain.clock.latest) host.chain.clock.observe(saved.reading);
  }

  private now(): number {
    return (this.host.now ?? Date.now)();
  }

  private soonSeconds(): number {
    return Math.max(DAY_SECONDS, ...this.host.thresholds());
  }

  /** The credential's rentals on a node, most urgent first: from the store, else as last seen. */
  leasesOf(ref: NodeRef, wallet = this.host.nodes().find((n) => n.ref.nodeId === ref.nodeId && n.ref.endpoint === ref.endpoint)?.wallet): NodeLease[] {
    const view = { clock: this.host.chain.clock, now: this.now(), soonSeconds: this.soonSeconds() };
    const records = knownRecords(this.host.records(ref), this.records[nodeKey(ref)], wallet);
    return nodeLeases(records, ref, wallet, view);
  }

  /** Every rental on every configured node, most urgent first. */
  leases(): NodeLease[] {
    return byUrgency(this.host.nodes().flatMap((n) => this.leasesOf(n.ref, n.wallet)));
  }

  /** What the status bar item says, while it shows. */
  get statusText(): string | undefined {
    return this.watch?.statusText;
  }

  isMuted(l: NodeLease): boolean {
    return this.memory.muted.includes(l.orderKey);
  }

  /** "Don't warn for this rental". */
  async mute(l: NodeLease): Promise<void> {
    if (!this.isMuted(l)) this.memory = { ...this.memory, muted: [...this.memory.muted, l.orderKey] };
    await this.save();
    this.changed();
  }

  /** Something the guard depends on changed (the store, the chain, settings): look again soon (bursts count once). */
  changed(): void {
    if (this.disposed || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.look();
    }, 50);
  }

  private look(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.evaluate().catch((err: unknown) => this.host.log.warn(`[lease] ${errorMessage(err)}`)).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.look();
      }
    });
  }

  /** Resolves when the guard has looked at what changed last (tests). */
  async settled(): Promise<void> {
    while (this.debounce || this.running) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** Looks at the rentals: warnings, status bar, the next wake-up (leaseWatch.ts, loaded on the first look). */
  private async evaluate(): Promise<void> {
    const { LeaseWatch } = await import('./leaseWatch');
    if (this.disposed) return;
    this.watch ??= new LeaseWatch(this.host, this);
    await this.watch.evaluate();
  }

  /** Keeps the wallet's records of each node as last read, for warnings in later sessions. */
  rememberRecords(): void {
    for (const { ref, wallet } of this.host.nodes()) {
      const records = this.host.records(ref);
      if (wallet && records) this.records[nodeKey(ref)] = { wallet, records: records.filter((r) => r.renter === wallet).map((r) => ({ ...r })) };
    }
    const configured = new Set(this.host.nodes().map((n) => nodeKey(n.ref)));
    for (const key of Object.keys(this.records)) if (!configured.has(key)) delete this.records[key];
  }

  async save(): Promise<void> {
    const saved: Saved = { memory: this.memory, records: this.records, reading: this.host.chain.clock.latest };
    if (JSON.stringify(saved) === JSON.stringify(this.host.state.get<Saved>(STATE_KEY) ?? {})) return;
    await this.host.state.update(STATE_KEY, saved);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.debounce);
    this.watch?.dispose();
  }
}
