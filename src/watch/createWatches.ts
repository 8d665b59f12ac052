// Background watchers for VMs being created: one notification when each ends (running, create error,
// gone, or still creating after the configured time), however long that takes. Owned by the services;
// disposing stops them all.
import * as vscode from 'vscode';
import { isNotExist } from '../api/errors';
import type { TaskInfo } from '../api/types';
import { vmEndpoints } from '../tree/model/format';
import { vmKey, type VmRef } from '../config/model/refs';
import { localize } from '../ui/model/translate';
import { statusLabel } from '../tree/model/vmState';
import { describeError, errorLine } from '../ui/model/errorText';
import type { Logger } from '../ui/model/logger';
import { abortableSleep } from '../util/sleep';
import { watchCreate, type WatchOutcome } from './model/createWatch';

export interface CreateWatchHost {
  log: Logger;
  read(ref: VmRef, signal: AbortSignal): Promise<TaskInfo>;
  refresh(ref: VmRef): Promise<void>;
  intervalMs(): number;
  timeoutMs(): number;
  /** The VM runs: true when someone else (connect-when-ready) takes over the notification. */
  onRunning?(ref: VmRef, name: string, info: TaskInfo): boolean;
}

export class CreateWatches implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly host: CreateWatchHost) {}

  /** True while a watcher for this VM runs. */
  has(ref: VmRef): boolean {
    return this.running.has(vmKey(ref));
  }

  /** Starts watching (once per VM); resolves when the watch ends and its notification was shown. */
  watch(ref: VmRef, name: string): Promise<WatchOutcome> {
    const key = vmKey(ref);
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const t = vscode.l10n.t;
    return watchCreate({
      read: async (signal) => {
        try {
          return await this.host.read(ref, signal);
        } catch (err) {
          if (isNotExist(err)) return undefined;
          throw err;
        }
      },
      sleep: abortableSleep, now: Date.now, signal: controller.signal,
      firstDelayMs: 2000, intervalMs: Math.max(5000, this.host.intervalMs()), timeoutMs: this.host.timeoutMs(),
      onStatus: (status) => this.host.log.info(`[create] ${name} (${ref.taskId}): ${status}`),
    }).then(async (outcome) => {
      if (this.running.get(key) === controller) this.running.delete(key);
      if (outcome.kind !== 'cancelled') {
        await this.host.refresh(ref).catch(() => undefined);
        void this.notify(ref, name, outcome, t);
      }
      return outcome;
    });
  }

  private async notify(ref: VmRef, name: string, outcome: WatchOutcome, t: typeof vscode.l10n.t): Promise<void> {
    this.host.log.info(`[create] ${name} (${ref.taskId}) ended: ${outcome.kind}`);
    switch (outcome.kind) {
      case 'running': {
        if (this.host.onRunning?.(ref, name, outcome.info)) return;
        const connect = t('Open in Remote-SSH');
        const copy = t('Copy SSH Command');
        const ssh = vmEndpoints(outcome.info).ssh;
        const answer = await vscode.window.showInformationMessage(t('The VM {0} is running.', name), ...(ssh ? [connect, copy] : []));
        if (answer === connect) await vscode.commands.executeCommand('dbc.vm.connect', ref);
        if (answer === copy && ssh) await vscode.env.clipboard.writeText(ssh);
        return;
      }
      case 'failed': {
        const logs = t('Show Logs');
        const answer = await vscode.window.showErrorMessage(t('Creating the VM {0} failed: the node reports "{1}".', name, localize(t, statusLabel(outcome.status))), logs);
        if (answer === logs) await vscode.commands.executeCommand('dbc.vm.showLogs', ref);
        return;
      }
      case 'gone':
        void vscode.window.showWarningMessage(t('The VM {0} disappeared while it was being created.', name));
        return;
      case 'timeout': {
        const keep = t('Keep Watching');
        const answer = await vscode.window.showWarningMessage(t('The VM {0} is still "{1}" after {2} minutes.', name, localize(t, statusLabel(outcome.status)), Math.round(this.host.timeoutMs() / 60000)), keep);
        if (answer === keep) void this.watch(ref, name);
        return;
      }
      case 'error':
        void vscode.window.showWarningMessage(t('Stopped watching the creation of {0}: {1}', name, errorLine(describeError(outcome.error, t))));
        return;
      case 'cancelled':
        return;
    }
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.running.clear();
  }
}
