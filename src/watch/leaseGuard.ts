// The lease guard: knows the credential's rentals on every configured node (the nodes' rent records,
// remembered across sessions, timed by the chain's block clock), warns before each ends and once it has
// ended, and keeps a status bar item while one ends within 24 hours or has ended. It reads the chain only
// when a warning falls due (the trees read it while they are visible): between readings the block is
// extrapolated. Without any chain reading the rows show the end block and nothing is announced.
import * as vscode from 'vscode';
import { BLOCK_MS } from '../chain/blocks';
import type { ChainTime } from '../chain/chainTime';
import type { BlockReading, RentRecord } from '../chain/lease';
import { nodeKey, type NodeRef } from '../config/model/refs';
import type { MementoLike } from '../secrets/credentialStore';
import { byUrgency, knownRecords, nodeLeases, type NodeLease, type SavedRecords } from '../tree/model/leaseModel';
import { capitalize, durationText, rentalName, secondsToDeletion } from '../tree/model/leaseText';
import type { Logger } from '../ui/model/logger';
import type { Notifier } from '../ui/model/notifier';
import { errorMessage } from '../util/errorMessage';
import { LEASE_COMMANDS, leaseTarget, type LeaseAction } from './model/leaseActions';
import { dueWarning, emptyMemory, mute, remember, secondsToNextWarning, type Warning, type WarnMemory } from './model/leaseWarnings';

const t = vscode.l10n.t;
const STATE_KEY = 'dbc.lease.guard';
const DAY_SECONDS = 86_400;
/** A warning is confirmed with a fresh chain reading when the last one is older than this. */
const CONFIRM_AFTER_MS = 60_000;
const TICK_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LeaseGuardHost {
  log: Logger;
  state: MementoLike;
  chain: ChainTime;
  /** The node's rent records as last read (every renter's), if any were. */
  records(ref: NodeRef): readonly RentRecord[] | undefined;
  /** The configured GPU nodes and the address of each one's credential (none: no rentals to show). */
  nodes(): { ref: NodeRef; wallet?: string }[];
  nodeName(ref: NodeRef): string;
  /** Seconds before the end at which to warn, largest first. */
  thresholds(): number[];
  notifier(): Notifier;
  /** Reads the node's rent records now (before a warning: a renewal moves the end). */
  readRentOrders(ref: NodeRef): Promise<void>;
  /** The rows that show lease times changed (they count down between refreshes). */
  redraw(refs: NodeRef[]): void;
  now?: () => number;
}

interface Saved {
  memory?: WarnMemory;
  /** Per node key: the wallet and its rent records when last read (warnings work before the view is opened). */
  records?: Record<string, SavedRecords>;
  reading?: BlockReading;
}


export class LeaseGuard implements vscode.Disposable {
  private memory: WarnMemory;
  private records: NonNullable<Saved['records']>;
  private item: vscode.StatusBarItem | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  private shown = false;

  constructor(private readonly host: LeaseGuardHost) {
    const saved = host.state.get<Saved>(STATE_KEY) ?? {};
    this.memory = saved.memory ?? emptyMemory();
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
    return this.shown ? this.item?.text : undefined;
  }

  isMuted(l: NodeLease): boolean {
    return this.memory.muted.includes(l.orderKey);
  }

  /** "Don't warn for this rental". */
  async mute(l: NodeLease): Promise<void> {
    this.memory = mute(this.memory, l.orderKey);
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

  private async evaluate(): Promise<void> {
    this.rememberRecords();
    let leases = this.leases();
    const thresholds = this.host.thresholds();
    const due = leases.filter((l) => dueWarning(l, thresholds, this.memory));
    if (due.length > 0 && this.readingAgeMs() > CONFIRM_AFTER_MS) {
      // A warning falls due by extrapolation: confirm it with the chain and the node (a renewal?) first.
      this.host.chain.invalidate();
      await Promise.all([this.host.chain.refresh(), ...uniqueRefs(due).map((ref) => this.host.readRentOrders(ref))]);
      this.rememberRecords();
      leases = this.leases();
    }
    for (const l of leases) {
      const warning = dueWarning(l, thresholds, this.memory);
      if (!warning) continue;
      this.memory = remember(this.memory, l, warning, thresholds);
      void this.notify(l, warning);
    }
    await this.save();
    this.updateStatus(leases);
    this.arm(leases, thresholds);
  }

  private readingAgeMs(): number {
    const latest = this.host.chain.clock.latest;
    return latest ? this.now() - latest.seenAtMs : Infinity;
  }

  /** Keeps the wallet's records of each node as last read, for warnings in later sessions. */
  private rememberRecords(): void {
    for (const { ref, wallet } of this.host.nodes()) {
      const records = this.host.records(ref);
      if (wallet && records) this.records[nodeKey(ref)] = { wallet, records: records.filter((r) => r.renter === wallet).map((r) => ({ ...r })) };
    }
    const configured = new Set(this.host.nodes().map((n) => nodeKey(n.ref)));
    for (const key of Object.keys(this.records)) if (!configured.has(key)) delete this.records[key];
  }

  private async save(): Promise<void> {
    const saved: Saved = { memory: this.memory, records: this.records, reading: this.host.chain.clock.latest };
    if (JSON.stringify(saved) === JSON.stringify(this.host.state.get<Saved>(STATE_KEY) ?? {})) return;
    await this.host.state.update(STATE_KEY, saved);
  }

  private async notify(l: NodeLease, warning: Warning): Promise<void> {
    const name = this.host.nodeName(l.ref);
    const days = Math.round(l.lease.deleteAfterBlocks / (DAY_SECONDS / 6));
    const rental = capitalize(rentalName(t, l));
    const message = warning.kind === 'ended'
      ? t('{0} on {1} has ended: its VMs are off, and the node deletes them in {2}.', rental, name, durationText(t, secondsToDeletion(l) ?? 0))
      : t('{0} on {1} ends in {2}. The node then shuts its VMs off, and deletes them {3} days later.', rental, name, durationText(t, l.time.secondsLeft ?? 0), days);
    this.host.log.info(`[lease] ${message}`);
    const actions = { snapshot: t('Snapshot VMs…'), renew: t('Renew…'), mute: t('Don\'t warn for this rental') };
    const answer = await this.host.notifier().warn(message, [actions.snapshot, actions.renew, actions.mute]);
    const chosen = (Object.keys(actions) as LeaseAction[]).find((k) => actions[k] === answer);
    if (chosen) await vscode.commands.executeCommand(LEASE_COMMANDS[chosen], leaseTarget(l));
  }

  private updateStatus(leases: NodeLease[]): void {
    const shown = leases.filter((l) => l.time.phase === 'ended' || (l.time.phase === 'renting' && l.time.secondsLeft! <= DAY_SECONDS));
    this.shown = shown.length > 0;
    if (shown.length === 0) {
      this.item?.hide();
      return;
    }
    this.item ??= vscode.window.createStatusBarItem('dbc.lease', vscode.StatusBarAlignment.Left, 0);
    const first = shown[0]!;
    const more = shown.length > 1 ? ` (+${shown.length - 1})` : '';
    this.item.name = t('DBC: Rentals Ending');
    this.item.text = `${first.time.phase === 'ended' ? '$(warning)' : '$(watch)'} ${statusText(first, this.host.nodeName(first.ref))}${more}`;
    this.item.tooltip = new vscode.MarkdownString(shown.map((l) => `- ${statusText(l, this.host.nodeName(l.ref))}`).join('\n'));
    const urgent = first.time.phase === 'ended' || first.time.secondsLeft! <= 2 * 3600;
    this.item.backgroundColor = urgent ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: 'dbc.lease.show', title: t('Show Rentals') };
    this.item.show();
  }

  /** Wakes for the next warning (wall time, at the rate the chain runs) and every minute while a time is shown. */
  private arm(leases: NodeLease[], thresholds: number[]): void {
    clearTimeout(this.timer);
    if (this.disposed) return;
    const rate = this.host.chain.clock.msPerBlock / BLOCK_MS;
    const next = leases.map((l) => secondsToNextWarning(l, thresholds, this.memory)).filter((s): s is number => s !== undefined);
    const counting = leases.some((l) => l.time.phase !== 'unknown');
    const waits = [...next.map((s) => Math.max(1000, s * 1000 * rate)), ...(counting ? [TICK_MS] : [])];
    if (waits.length === 0) return;
    this.timer = setTimeout(() => {
      this.host.redraw(uniqueRefs(leases));
      this.changed();
    }, Math.min(MAX_TIMER_MS, ...waits));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.debounce);
    this.item?.dispose();
  }
}

function statusText(l: NodeLease, name: string): string {
  return l.time.phase === 'ended'
    ? t('{0}: lease ended, VMs deleted in {1}', name, durationText(t, secondsToDeletion(l) ?? 0))
    : t('{0}: {1} left', name, durationText(t, l.time.secondsLeft ?? 0));
}

function uniqueRefs(leases: readonly NodeLease[]): NodeRef[] {
  const seen = new Map(leases.map((l) => [nodeKey(l.ref), l.ref]));
  return [...seen.values()];
}
