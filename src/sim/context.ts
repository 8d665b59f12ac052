// The simulator's shared parts, handed to every handler.
import type { Clock } from './clock';
import type { Counters } from './counters';
import type { FaultRegistry } from './faults';
import type { Lifecycle } from './gpu/lifecycle';
import type { SnapshotEngine } from './gpu/snapshotEngine';
import type { TransferEngine } from './gpu/transfers';
import type { ResolvedOptions } from './options';
import type { GuestWorld } from './ssh/guest/guestWorld';
import type { SimState } from './state';

export interface SimContext {
  readonly state: SimState;
  readonly clock: Clock;
  readonly options: ResolvedOptions;
  readonly faults: FaultRegistry;
  readonly counters: Counters;
  readonly lifecycle: Lifecycle;
  readonly snapshots: SnapshotEngine;
  readonly transfers: TransferEngine;
  /** Inside the VMs: GPUs as nvidia-smi shows them, HTTP services behind `ssh -L`. */
  readonly guest: GuestWorld;
  /** Something changed that should be persisted (debounced). */
  changed(): void;
  /** Who holds host port `port` that task `taskId` wants for its SSH endpoint (sshHost.ts); undefined = free. */
  sshPortHolder(port: number, taskId?: string): Promise<string | undefined>;
  log(line: string): void;
}
