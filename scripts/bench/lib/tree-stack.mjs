// The extension's polling stack without the editor, wired as src/services.ts wires it: CredentialStore
// (in-memory SecretStorage/Memento) and Keyring → Access (polling with a derived session) → ClientRegistry
// (with RentOrders resolving each signed request's rent_order from the node's rent cache) → Fetcher (which
// reads the rent records again every 5 minutes) → TreeStore, driven by the RefreshScheduler with the
// extension's default settings. Not wired: the chain's block height (ChainTime), read only for the lease
// guard's end dates. Like a visible view,
// every change re-renders the changed node's rows through the pure tree model (children + presentation).
import { outModule } from './paths.mjs';
import { demo } from './world.mjs';

const { RefreshScheduler, DEFAULT_SCHEDULER_OPTIONS, refreshLane, systemClock } = outModule('src/tree/model/refreshScheduler');
const { Fetcher } = outModule('src/tree/model/fetcher');
const { TreeStore } = outModule('src/tree/model/treeStore');
const { endpointKey, nodeKey } = outModule('src/config/model/refs');
const { machinesChildren, nodeElement } = outModule('src/tree/model/machinesModel');
const { present } = outModule('src/tree/model/present');
const { englishT } = outModule('src/ui/model/translate');
const { Access } = outModule('src/access/access');
const { CredentialStore } = outModule('src/secrets/credentialStore');
const { ClientRegistry } = outModule('src/access/clientRegistry');
const { Keyring } = outModule('src/access/keyring');
const { RentOrders } = outModule('src/access/rentOrders');
const { nullLogger } = outModule('src/ui/model/logger');

function memorySecrets() {
  const map = new Map();
  return { get: async (k) => map.get(k), store: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

function memoryMemento() {
  const map = new Map();
  return { get: (k) => map.get(k), update: async (k, v) => void map.set(k, v) };
}

/** What VS Code asks a visible tree for after a change: the node's rows and how each looks. */
function renderOnChange(store, access, endpoint, refs) {
  const ctx = { endpoints: [{ url: endpoint, nodes: refs.map((r) => ({ id: r.nodeId })) }], store, credentialFor: (ref) => access.summary(ref), t: englishT };
  const byKey = new Map(refs.map((r) => [nodeKey(r), r]));
  return store.onDidChange((keys) => {
    for (const key of keys) {
      const ref = byKey.get(key);
      if (ref) for (const el of machinesChildren(ctx, nodeElement(ref)).items) present(ctx, el, 'machines');
    }
  });
}

/** `fetch` replaces the HTTP client (a counting fake); `options` overrides scheduler defaults. */
export async function createTreeStack({ url, nodeIds, clock = systemClock, options = {}, fetch }) {
  const now = () => clock.now();
  const credentials = new CredentialStore(memorySecrets(), memoryMemento());
  const keyring = new Keyring(credentials, undefined, now);
  await keyring.importWallet({ form: 'seed', seed: demo.DEMO_RENTER_SEED, label: 'bench renter' });
  const access = new Access(credentials, keyring, { sessionPolling: () => true, now });
  const rentOrders = new RentOrders({ chosen: () => undefined, list: (ref, signal) => clients.client(ref.endpoint).rentOrders(ref.nodeId, { signal }), now });
  const clients = new ClientRegistry({
    timeoutMs: () => 40_000, fetch, rentOrderFor: (endpoint, nodeId, credential, signal) => rentOrders.resolve({ endpoint, nodeId }, credential, signal),
  });
  const store = new TreeStore(now);
  const fetcher = new Fetcher({ clients, access, store, log: nullLogger, now, rentRecords: rentOrders });
  const scheduler = new RefreshScheduler((key, signal) => fetcher.refreshKey(key, signal), { ...DEFAULT_SCHEDULER_OPTIONS, ...options }, clock, { lanes: refreshLane });
  const endpoint = clients.client(url).baseUrl;
  const refs = nodeIds.map((nodeId) => ({ endpoint, nodeId }));
  scheduler.setKeys([endpointKey(endpoint), ...refs.map(nodeKey)]);
  renderOnChange(store, access, endpoint, refs);
  return { scheduler, fetcher, store, clients, access, credentials, keyring, refs, client: clients.client(url) };
}
