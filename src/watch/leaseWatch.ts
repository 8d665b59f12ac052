// What the lease guard does when it looks (loaded with its first look, not at activation): confirms a
// warning that falls due with a fresh chain reading and the node's rent records, shows it once with its
// actions, keeps the status bar item while a rental ends within 24 hours or has ended, and wakes for the
// next warning (at the rate the chain runs) and every minute while a time is shown.
import * as vscode from 'vscode';
import { BLOCK_MS } from '../chain/blocks';
import { nodeKey, type NodeRef } from '../config/model/refs';
import type { NodeLease } from '../tree/model/leaseModel';
import { capitalize, durationText, rentalName, secondsToDeletion } from '../tree/model/leaseText';
import type { LeaseGuardHost, LeaseGuardState } from './leaseHost';
import { LEASE_COMMANDS, leaseTarget, type LeaseAction } from './model/leaseActions';
import { dueWarning, inStatusBar, remember, secondsToNextWarning, type Warning } from './model/leaseWarnings';

const t = vscode.l10n.t;
const DAY_SECONDS = 86_400;
/** A warning is confirmed with a fresh chain reading when the last one is older than this. */
const CONFIRM_AFTER_MS = 60_000;
const TICK_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LeaseWatch implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: LeaseGuardHost, private readonly guard: LeaseGuardState) {}

  private now(): number {
    return (this.host.now ?? Date.now)();
  }

  /** What the status bar item says, while it shows. */
  get statusText(): string | undefined {
    return this.shown ? this.item?.text : undefined;
  }

  async evaluate(): Promise<void> {
    const { guard } = this;
    // A refresh reads the rent records, then the block: look with the block it is reading.
    await this.host.chain.settled();
    guard.rememberRecords();
    let leases = guard.leases();
    const thresholds = this.host.thresholds();
    const due = leases.filter((l) => dueWarning(l, thresholds, guard.memory));
    if (due.length > 0 && this.readingAgeMs() > CONFIRM_AFTER_MS) {
      // A warning falls due by extrapolation: confirm it with the chain and the node (a renewal?) first.
      this.host.chain.invalidate();
      await Promise.all([this.host.chain.refresh(), ...uniqueRefs(due).map((ref) => this.host.readRentOrders(ref))]);
      guard.rememberRecords();
      leases = guard.leases();
    }
    for (const l of leases) {
      const warning = dueWarning(l, thresholds, guard.memory);
      if (!warning) continue;
      guard.memory = remember(guard.memory, l, warning, thresholds);
      void this.notify(l, warning);
    }
    await guard.save();
    this.status(leases);
    this.arm(leases, thresholds);
  }

  private readingAgeMs(): number {
    const latest = this.host.chain.clock.latest;
    return latest ? this.now() - latest.seenAtMs : Infinity;
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

  /** Shows the rentals that end within 24 hours or have ended, the most urgent first; hides when none does. */
  private status(leases: readonly NodeLease[]): void {
    const shown = leases.filter(inStatusBar);
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
    if (this.guard.disposed) return;
    const rate = this.host.chain.clock.msPerBlock / BLOCK_MS;
    const next = leases.map((l) => secondsToNextWarning(l, thresholds, this.guard.memory)).filter((s): s is number => s !== undefined);
    const counting = leases.some((l) => l.time.phase !== 'unknown');
    const waits = [...next.map((s) => Math.max(1000, s * 1000 * rate)), ...(counting ? [TICK_MS] : [])];
    if (waits.length === 0) return;
    this.timer = setTimeout(() => {
      this.host.redraw(uniqueRefs(leases));
      this.guard.changed();
    }, Math.min(MAX_TIMER_MS, ...waits));
  }

  dispose(): void {
    clearTimeout(this.timer);
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
