// Forwarded ports of VMs (like `ssh -L`): a port inside the VM on a free port of 127.0.0.1, through the
// VM's pooled SSH connection, listed under the VM while active. Stopped on request, when the VM stops
// running, or when the extension ends.
import * as vscode from 'vscode';
import { vmKey, type VmRef } from '../config/model/refs';
import { probeGuestPort, startForward, type PortForward } from '../ssh/core/portForward';
import type { Logger } from '../ui/model/logger';
import type { VmSshAccess } from './vmSshAccess';

export interface ActiveForward {
  ref: VmRef;
  remotePort: number;
  localPort: number;
  url: string;
  /** Whether something answered on the guest port when the forward started. */
  answered: boolean;
}

export class PortForwards implements vscode.Disposable {
  private readonly active = new Map<string, Map<number, { info: ActiveForward; forward: PortForward }>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** The forwards of a VM (by its key) changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly access: VmSshAccess, private readonly log: Logger) {}

  /** Forwards `remotePort` of the VM (again, if it already is: the same forward is returned). */
  async start(ref: VmRef, remotePort: number, localPort = 0): Promise<ActiveForward> {
    const key = vmKey(ref);
    const existing = this.active.get(key)?.get(remotePort);
    if (existing) return existing.info;
    const answered = await probeGuestPort(await this.access.lease(ref), remotePort);
    const forward = await startForward({
      remotePort, localPort, lease: () => this.access.lease(ref),
      onError: (err) => this.log.warn(`[ports] ${key} port ${remotePort}: ${err.message}`),
    });
    const info: ActiveForward = { ref, remotePort, localPort: forward.localPort, url: forward.url, answered };
    const forVm = this.active.get(key) ?? new Map();
    forVm.set(remotePort, { info, forward });
    this.active.set(key, forVm);
    this.log.info(`[ports] ${key}: guest port ${remotePort} on ${forward.url}`);
    this.changed.fire(key);
    return info;
  }

  async stop(ref: VmRef, remotePort: number): Promise<boolean> {
    const key = vmKey(ref);
    const entry = this.active.get(key)?.get(remotePort);
    if (!entry) return false;
    this.active.get(key)!.delete(remotePort);
    if (this.active.get(key)!.size === 0) this.active.delete(key);
    await entry.forward.close();
    this.log.info(`[ports] ${key}: stopped forwarding guest port ${remotePort}`);
    this.changed.fire(key);
    return true;
  }

  /** Stops every forward of VMs that no longer run. */
  retainRunning(refs: readonly VmRef[]): void {
    const keep = new Set(refs.map(vmKey));
    for (const [key, forVm] of this.active) {
      if (keep.has(key)) continue;
      for (const port of [...forVm.keys()]) void this.stop(forVm.get(port)!.info.ref, port);
    }
  }

  list(ref: VmRef): ActiveForward[] {
    return [...(this.active.get(vmKey(ref))?.values() ?? [])].map((e) => e.info).sort((a, b) => a.remotePort - b.remotePort);
  }

  count(): number {
    return [...this.active.values()].reduce((n, forVm) => n + forVm.size, 0);
  }

  get(ref: VmRef, remotePort: number): ActiveForward | undefined {
    return this.active.get(vmKey(ref))?.get(remotePort)?.info;
  }

  dispose(): void {
    for (const forVm of this.active.values()) for (const e of forVm.values()) void e.forward.close();
    this.active.clear();
    this.changed.dispose();
  }
}
