// GPU monitoring of running VMs: a VM's GPUs are read (nvidia-smi over its pooled SSH connection) only
// while someone looks — the Machines view while visible, or a visible GPU monitor panel — every
// `dbc.gpu.sampleIntervalSeconds`; reading stops when the VM stops. VMs without an installed key are
// not read: the tree says "connect once to enable GPU monitoring".
import * as vscode from 'vscode';
import { GpuSampler, type GpuSample } from '../core/gpu/gpuSampler';
import { readGpuStatus } from '../core/gpu/gpuStatus';
import { gpuViewOf, type VmGpuView } from '../core/gpu/gpuView';
import { vmKey, type VmRef } from '../config/model/refs';
import { execCollect } from '../ssh/core/sshClient';
import type { Logger } from '../ui/model/logger';
import { errorMessage } from '../util/errorMessage';
import type { VmSshAccess } from './vmSshAccess';

export interface GpuWatchHost {
  access: VmSshAccess;
  intervalMs(): number;
  log: Logger;
}

const TREE = 'tree';

export class GpuWatch implements vscode.Disposable {
  private readonly sampler: GpuSampler;
  private readonly running = new Map<string, VmRef>();
  /** Panels per VM key, with whether each is visible. */
  private readonly panels = new Map<string, Map<string, boolean>>();
  private treeVisible = false;
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly sampled = new vscode.EventEmitter<{ key: string; sample: GpuSample }>();
  /** A VM's row or panel should show something new (a reading, a key found, the VM stopped). */
  readonly onDidChange = this.changed.event;
  readonly onDidSample = this.sampled.event;

  constructor(private readonly host: GpuWatchHost) {
    this.sampler = new GpuSampler({
      intervalMs: host.intervalMs(),
      read: (key) => this.read(key),
      onSample: (key, sample) => {
        if (sample.status.kind === 'unreachable') host.log.debug(`[gpu] ${key}: ${sample.status.detail}`);
        this.sampled.fire({ key, sample });
        this.changed.fire(key);
      },
    });
  }

  /** The Machines view was shown or hidden. */
  setTreeVisible(visible: boolean): void {
    this.treeVisible = visible;
    if (visible) for (const ref of this.running.values()) void this.start(ref, TREE);
    else this.sampler.unwatchAll(TREE);
  }

  /** The VMs that run now (from the tree's data): the others stop being read and lose their history. */
  syncRunning(refs: readonly VmRef[]): void {
    const now = new Map(refs.map((r) => [vmKey(r), r]));
    for (const [key, ref] of this.running) {
      if (now.has(key)) continue;
      this.running.delete(key);
      this.sampler.forget(key);
      this.host.access.forgetKey(ref);
      this.host.access.close(ref);
      this.changed.fire(key);
    }
    for (const [key, ref] of now) {
      if (this.running.has(key)) continue;
      this.running.set(key, ref);
      if (this.treeVisible) void this.start(ref, TREE);
      for (const [panel, visible] of this.panels.get(key) ?? []) if (visible) void this.start(ref, panel);
    }
  }

  isRunning(ref: VmRef): boolean {
    return this.running.has(vmKey(ref));
  }

  /** A GPU monitor panel of the VM became visible (true) or hidden (false). */
  setPanelVisible(ref: VmRef, panel: string, visible: boolean): void {
    const key = vmKey(ref);
    const panels = this.panels.get(key) ?? new Map<string, boolean>();
    panels.set(panel, visible);
    this.panels.set(key, panels);
    if (!visible) this.sampler.unwatch(key, panel);
    else if (this.running.has(key)) void this.start(ref, panel);
  }

  closePanel(ref: VmRef, panel: string): void {
    const key = vmKey(ref);
    this.panels.get(key)?.delete(panel);
    this.sampler.unwatch(key, panel);
  }

  /** What the VM's row shows (undefined: nothing yet, or not running). */
  view(ref: VmRef): VmGpuView | undefined {
    const key = vmKey(ref);
    if (!this.running.has(key)) return undefined;
    if (this.host.access.peekKeyState(ref)?.kind === 'no-key') return { kind: 'no-key' };
    return gpuViewOf(this.sampler.latest(key));
  }

  history(ref: VmRef): readonly GpuSample[] {
    return this.sampler.history(vmKey(ref));
  }

  isSampling(ref: VmRef): boolean {
    return this.sampler.isSampling(vmKey(ref));
  }

  /** After a connect: look for the key again (and read at once if someone looks). */
  keyChanged(ref: VmRef): void {
    this.host.access.forgetKey(ref);
    const key = vmKey(ref);
    if (this.treeVisible && this.running.has(key)) void this.start(ref, TREE);
    for (const [panel, visible] of this.panels.get(key) ?? []) if (visible && this.running.has(key)) void this.start(ref, panel);
  }

  applySettings(): void {
    this.sampler.setInterval(this.host.intervalMs());
  }

  dispose(): void {
    this.sampler.dispose();
    this.changed.dispose();
    this.sampled.dispose();
  }

  private async start(ref: VmRef, viewer: string): Promise<void> {
    const key = vmKey(ref);
    try {
      const state = await this.host.access.keyState(ref);
      if (state.kind !== 'key') {
        this.changed.fire(key);
        return;
      }
    } catch (err) {
      this.host.log.debug(`[gpu] ${key}: no key state: ${errorMessage(err)}`);
      return;
    }
    const stillWanted = viewer === TREE ? this.treeVisible : this.panels.get(key)?.get(viewer) === true;
    if (stillWanted && this.running.has(key)) this.sampler.watch(key, viewer);
  }

  private async read(key: string) {
    const ref = this.running.get(key);
    if (!ref) throw new Error('The VM is not running.');
    const lease = await this.host.access.lease(ref);
    try {
      return await readGpuStatus((command) => execCollect(lease.client, command));
    } finally {
      lease.release();
    }
  }
}
