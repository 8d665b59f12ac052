// What command handlers and the flows they share may use: the services, by interface (src/services.ts
// implements it).
import type { Access } from '../access/access';
import type { ClientRegistry } from '../access/clientRegistry';
import type { InsecureHttpConsents } from '../access/insecureHttpConsents';
import type { Keyring } from '../access/keyring';
import type { RentOrders } from '../access/rentOrders';
import type { NodeRef, VmRef } from '../config/model/refs';
import type { Settings } from '../config/settings';
import type { PortRecords } from '../remote/portRecords';
import type { RemoteServices } from '../remote/remoteServices';
import type { CredentialStore, MementoLike } from '../secrets/credentialStore';
import type { Fetcher } from '../tree/model/fetcher';
import type { ModelContext } from '../tree/model/machinesModel';
import type { TreeStore } from '../tree/model/treeStore';
import type { InfoDocuments } from '../ui/infoDocuments';
import type { Prompter } from '../ui/model/prompter';
import type { CommandHost } from '../ui/runCommand';
import type { VmLogChannels } from '../ui/vmLogChannels';
import type { CreateWatches } from '../watch/createWatches';
import type { GpuWatch } from '../watch/gpuWatch';
import type { PortForwards } from '../watch/portForwards';
import type { LeaseGuard } from '../watch/leaseGuard';
import type { ReadyWatches } from '../watch/readyWatches';
import type { VmSshAccess } from '../watch/vmSshAccess';

export interface CommandServices extends CommandHost {
  readonly settings: Settings;
  /** What is stored: credentials, which node uses which, the default. */
  readonly credentials: CredentialStore;
  /** Imports keys (checked before they are stored) and builds signers. */
  readonly keyring: Keyring;
  /** Which credential a node's requests carry: `forWrite(nodeId)` for actions. */
  readonly access: Access;
  readonly clients: ClientRegistry;
  /** The endpoints where the user allowed signed requests over plain http. */
  readonly consents: InsecureHttpConsents;
  /** The rent order each node's requests carry: chosen in settings, else found in the node's rent cache. */
  readonly rentOrders: RentOrders;
  readonly store: TreeStore;
  readonly fetcher: Fetcher;
  readonly prompter: Prompter;
  readonly documents: InfoDocuments;
  readonly vmLogs: VmLogChannels;
  readonly createWatches: CreateWatches;
  /** SSH files, the installed Remote-SSH, and how windows and terminals are opened. */
  readonly remote: RemoteServices;
  readonly readyWatches: ReadyWatches;
  /** Key logins to VMs (the key DBC installed) over one pooled connection per VM. */
  readonly vmSsh: VmSshAccess;
  /** GPU readings of running VMs, while the view or a monitor shows them. */
  readonly gpu: GpuWatch;
  readonly forwards: PortForwards;
  /** The custom port rules recorded at create or modify. */
  readonly portRecords: PortRecords;
  /** Opens the GPU monitor panel of a VM. */
  readonly gpuMonitor: { show(ref: VmRef): void };
  /** The credential's rentals on every node, their warnings and status bar item. */
  readonly guard: LeaseGuard;
  /** globalState: small non-secret flags (e.g. the SSH Include consent). */
  readonly state: MementoLike;
  modelContext(): ModelContext;
  nodeRefs(): NodeRef[];
  /** Refreshes these nodes (all when omitted) and resolves when done. */
  refreshNodes(refs?: readonly NodeRef[], opts?: { immediate?: boolean }): Promise<void>;
  /** Drops cached data and reloads both views. */
  refreshAll(): Promise<void>;
}
