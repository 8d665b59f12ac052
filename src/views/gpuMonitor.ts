// The GPU Monitor: one webview panel per VM with a live chart per GPU (utilization and memory over the
// last minutes), temperature, power and the process table. Theme colours only, no remote resources,
// a strict CSP (media/gpuMonitor/*). The VM is read only while its panel is visible; a hidden panel's
// page is dropped and rebuilt from the history when shown again.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { vmKey, type VmRef } from '../config/model/refs';
import type { GpuWatch } from '../watch/gpuWatch';
import {
  HISTORY_MS, isFromWebview, monitorHtml, monitorStatus, monitorStrings, sampleMessage, type MonitorStatus, type ToWebview,
} from './model/gpuMonitorModel';

const t = vscode.l10n.t;

export interface GpuMonitorHost {
  extensionUri: vscode.Uri;
  gpu: GpuWatch;
  name(ref: VmRef): string;
  intervalMs(): number;
  /** In-host tests: every message to (`out`) and from (`in`) a panel. */
  record?(ref: VmRef, direction: 'in' | 'out', message: unknown): void;
}

interface Panel {
  id: string;
  ref: VmRef;
  panel: vscode.WebviewPanel;
  status?: string;
}

export class GpuMonitorPanels implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private next = 1;

  constructor(private readonly host: GpuMonitorHost) {
    this.subscriptions.push(
      host.gpu.onDidSample(({ key, sample }) => this.panels.get(key) && this.post(this.panels.get(key)!, { type: 'sample', sample: sampleMessage(t, sample) })),
      host.gpu.onDidChange((key) => this.refreshStatus(key)),
    );
  }

  /** Opens (or brings forward) the VM's monitor. */
  show(ref: VmRef): void {
    const existing = this.panels.get(vmKey(ref));
    if (existing) return existing.panel.reveal();
    const media = vscode.Uri.joinPath(this.host.extensionUri, 'media', 'gpuMonitor');
    const panel = vscode.window.createWebviewPanel('dbc.gpuMonitor', t('GPU Monitor · {0}', this.host.name(ref)), vscode.ViewColumn.Active, {
      enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.host.extensionUri, 'media', 'dbc.svg');
    const entry: Panel = { id: `gpu-panel-${this.next++}`, ref, panel };
    this.panels.set(vmKey(ref), entry);
    const webview = panel.webview;
    webview.html = monitorHtml({
      cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), title: t('GPU Monitor · {0}', this.host.name(ref)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'monitor.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'monitor.css')).toString(),
      lang: vscode.env.language,
    });
    webview.onDidReceiveMessage((m: unknown) => this.received(entry, m), undefined, this.subscriptions);
    panel.onDidChangeViewState((e) => this.host.gpu.setPanelVisible(ref, entry.id, e.webviewPanel.visible), undefined, this.subscriptions);
    panel.onDidDispose(() => {
      this.host.gpu.closePanel(ref, entry.id);
      this.panels.delete(vmKey(ref));
    }, undefined, this.subscriptions);
    this.host.gpu.setPanelVisible(ref, entry.id, panel.visible);
  }

  isOpen(ref: VmRef): boolean {
    return this.panels.has(vmKey(ref));
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }

  private received(entry: Panel, message: unknown): void {
    this.host.record?.(entry.ref, 'in', message);
    if (!isFromWebview(message)) return;
    const samples = this.host.gpu.history(entry.ref).map((s) => sampleMessage(t, s));
    const status = this.status(entry.ref);
    entry.status = status.text;
    this.post(entry, { type: 'init', vm: this.host.name(entry.ref), historyMs: HISTORY_MS, strings: monitorStrings(t), samples, status });
  }

  private refreshStatus(key: string): void {
    const entry = this.panels.get(key);
    if (!entry) return;
    const status = this.status(entry.ref);
    if (status.text === entry.status) return;
    entry.status = status.text;
    this.post(entry, { type: 'status', status });
  }

  private status(ref: VmRef): MonitorStatus {
    const view = this.host.gpu.view(ref);
    return monitorStatus(t, { running: this.host.gpu.isRunning(ref), noKey: view?.kind === 'no-key', intervalMs: this.host.intervalMs() });
  }

  private post(entry: Panel, message: ToWebview): void {
    this.host.record?.(entry.ref, 'out', message);
    void entry.panel.webview.postMessage(message);
  }
}
