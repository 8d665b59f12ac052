// What command handlers and the flows they share may use: the services, by interface (src/services.ts
// implements it).
import type { Credential } from '../api/types';
import type { ClientRegistry } from '../access/clientRegistry';
import type { Settings } from '../config/settings';
import type { Access } from '../access/access';
import type { CredentialStore, MementoLike } from '../secrets/credentialStore';
import type { Fetcher } from '../tree/model/fetcher';
import type { ModelContext } from '../tree/model/machinesModel';
import type { NodeRef } from '../config/model/refs';
import type { TreeStore } from '../tree/model/treeStore';
import { UserFacingError } from '../ui/model/errors';
import type { Prompter } from '../ui/model/prompter';
import type { CommandHost } from '../ui/runCommand';
import type { ReadyWatches } from '../watch/readyWatches';
import type { RemoteServices } from '../remote/remoteServices';
import type { CreateWatches } from '../watch/createWatches';
import type { InfoDocuments } from '../ui/infoDocuments';
import type { VmLogChannels } from '../ui/vmLogChannels';

export interface CommandServices extends CommandHost {
  readonly settings: Settings;
  readonly credentials: CredentialStore;
  readonly access: Access;
  readonly clients: ClientRegistry;
  readonly store: TreeStore;
  readonly fetcher: Fetcher;
  readonly prompter: Prompter;
  readonly documents: InfoDocuments;
  readonly vmLogs: VmLogChannels;
  readonly createWatches: CreateWatches;
  /** SSH files, the installed Remote-SSH, and how windows and terminals are opened. */
  readonly remote: RemoteServices;
  readonly readyWatches: ReadyWatches;
  /** globalState: small non-secret flags (e.g. the SSH Include consent). */
  readonly state: MementoLike;
  modelContext(): ModelContext;
  nodeRefs(): NodeRef[];
  /** Refreshes these nodes (all when omitted) and resolves when done. */
  refreshNodes(refs?: readonly NodeRef[], opts?: { immediate?: boolean }): Promise<void>;
  /** Drops cached data and reloads both views. */
  refreshAll(): Promise<void>;
}

/** The credential to act on `ref` with, or a clear error saying how to add one. */
export async function writeAuth(svc: CommandServices, ref: NodeRef): Promise<Credential> {
  const credential = await svc.access.forWrite(ref.nodeId);
  if (!credential) {
    throw new UserFacingError('No credential is set up for this GPU node.', [], 'Import the wallet that rents it, or add shared access from its renter.');
  }
  return credential;
}
