// "Connect when ready": a background watcher per VM (never a held-open progress toast) that waits until
// the node reports `running` (model/createWatch.ts; skipped when the create watcher hands over a running VM)
// and then until the SSH port accepts TCP and sends the sshd banner (model/readyWatch.ts). Then ONE
// notification "ready — Connect", or a connect by itself with `dbc.ssh.connectWhenReady: always`.
// A status bar item shows each wait; clicking it stops waiting.
import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import type { ConnectWhenReady } from '../config/model/settingsModel';
import { watchCreate } from './model/createWatch';
import { probeSshBanner, probeTcp } from '../ssh/core/probe';
import { vmKey, type VmRef } from '../config/model/refs';
import { localize } from '../ui/model/translate';
import { osFacetOf, statusLabel } from '../tree/model/vmState';
import type { Logger } from '../ui/model/logger';
import { waitForSsh } from './model/readyWatch';
import { abortableSleep } from '../util/sleep';
import { sshTargetOf } from '../remote/model/sshTarget';

const t = vscode.l10n.t;
const SSH_WAIT_MS = 10 * 60_000;

export interface ReadyWatchHost {
  log: Logger;
  read(ref: VmRef, signal: AbortSignal): Promise<TaskInfo>;
  mode(): ConnectWhenReady;
  /** How long to wait for `running` (the create watch timeout). */
  runningTimeoutMs(): number;
  pollMs(): number;
  /** Told how many watchers run (for the palette's "Stop Waiting"). */
  onCount(count: number): void;
}

interface Watch {
  ref: VmRef;
  name: string;
  controller: AbortController;
  item: vscode.StatusBarItem;
}

export type ReadyMode = Exclude<ConnectWhenReady, 'never'>;

export class ReadyWatches implements vscode.Disposable {
  private readonly running = new Map<string, Watch>();

  constructor(private readonly host: ReadyWatchHost) {}

  /** The create watcher saw the VM run: take over its notification unless the setting says never. */
  handOver(ref: VmRef, name: string, info: TaskInfo): boolean {
    const mode = this.host.mode();
    if (mode === 'never' || osFacetOf(info) === 'windows' || !sshTargetOf(info)) return false;
    void this.watch(ref, name, mode, info);
    return true;
  }

  /** After a start or wake. */
  afterStart(ref: VmRef, name: string): void {
    const mode = this.host.mode();
    if (mode !== 'never') void this.watch(ref, name, mode);
  }

  pending(): { ref: VmRef; name: string }[] {
    return [...this.running.values()].map((w) => ({ ref: w.ref, name: w.name }));
  }

  /** Stops waiting for this VM; true if a watcher ran. */
  cancel(ref: VmRef): boolean {
    const w = this.running.get(vmKey(ref));
    w?.controller.abort();
    return w !== undefined;
  }

  /** Watches until ready, then asks (`ask`) or connects (`always`). Resolves when the watch ends. */
  async watch(ref: VmRef, name: string, mode: ReadyMode, info?: TaskInfo): Promise<void> {
    const w = this.begin(ref, name);
    try {
      const running = info ?? (await this.untilRunning(w));
      if (!running || w.controller.signal.aborted) return;
      const target = sshTargetOf(running);
      if (osFacetOf(running) === 'windows' || !target) return this.host.log.info(`[ssh] ${name}: running, no SSH port to wait for`);
      w.item.text = `$(loading~spin) ${t('{0}: waiting for SSH', name)}`;
      const outcome = await waitForSsh({
        host: target.host, port: target.port, probeTcp, probeBanner: probeSshBanner, sleep: abortableSleep, now: Date.now,
        signal: w.controller.signal, intervalMs: 3000, timeoutMs: SSH_WAIT_MS,
      });
      this.host.log.info(`[ssh] ${name} (${ref.taskId}): SSH on ${target.host}:${target.port} ${outcome}`);
      if (outcome === 'ready') void this.ready(ref, name, `${target.host}:${target.port}`, mode);
      if (outcome === 'timeout') void this.sshTimeout(ref, name, `${target.host}:${target.port}`, mode);
    } finally {
      this.end(w);
    }
  }

  private begin(ref: VmRef, name: string): Watch {
    this.cancel(ref);
    const item = vscode.window.createStatusBarItem('dbc.connectWhenReady', vscode.StatusBarAlignment.Left, 0);
    item.name = t('DBC: Connect When Ready');
    item.text = `$(loading~spin) ${t('{0}: waiting to run', name)}`;
    item.tooltip = t('DBC connects to {0} once it accepts SSH. Click to stop waiting.', name);
    item.command = { command: 'dbc.vm.stopWaiting', title: t('Stop Waiting'), arguments: [ref] };
    item.show();
    const w: Watch = { ref, name, controller: new AbortController(), item };
    this.running.set(vmKey(ref), w);
    this.host.onCount(this.running.size);
    return w;
  }

  private end(w: Watch): void {
    w.item.dispose();
    if (this.running.get(vmKey(w.ref)) === w) this.running.delete(vmKey(w.ref));
    this.host.onCount(this.running.size);
  }

  private async untilRunning(w: Watch): Promise<TaskInfo | undefined> {
    const outcome = await watchCreate({
      read: (signal) => this.host.read(w.ref, signal), sleep: abortableSleep, now: Date.now, signal: w.controller.signal,
      firstDelayMs: 1000, intervalMs: Math.max(3000, this.host.pollMs()), timeoutMs: this.host.runningTimeoutMs(),
    });
    if (outcome.kind === 'running') return outcome.info;
    this.host.log.info(`[ssh] ${w.name} (${w.ref.taskId}): stopped waiting (${outcome.kind})`);
    if (outcome.kind === 'failed' || outcome.kind === 'timeout') {
      void vscode.window.showWarningMessage(t('Stopped waiting to connect to {0}: the node reports "{1}".', w.name, localize(t, statusLabel(outcome.status))));
    }
    return undefined;
  }

  private async ready(ref: VmRef, name: string, endpoint: string, mode: ReadyMode): Promise<void> {
    if (mode === 'always') {
      await vscode.commands.executeCommand('dbc.vm.connect', ref);
      return;
    }
    const connect = t('Connect');
    const copy = t('Copy SSH Command');
    const answer = await vscode.window.showInformationMessage(t('{0} is ready: SSH answers on {1}.', name, endpoint), connect, copy);
    if (answer === connect) await vscode.commands.executeCommand('dbc.vm.connect', ref);
    if (answer === copy) await vscode.commands.executeCommand('dbc.vm.copySshCommand', ref);
  }

  private async sshTimeout(ref: VmRef, name: string, endpoint: string, mode: ReadyMode): Promise<void> {
    const keep = t('Keep Waiting');
    const minutes = Math.round(SSH_WAIT_MS / 60_000);
    const answer = await vscode.window.showWarningMessage(t('{0} is running, but SSH on {1} did not answer within {2} minutes.', name, endpoint, minutes), keep);
    if (answer === keep) void this.watch(ref, name, mode);
  }

  dispose(): void {
    for (const w of this.running.values()) w.controller.abort();
  }
}
