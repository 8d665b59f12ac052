// The fetcher against a recording fetch: one task-list request per node per refresh (node info only
// when stale), outcomes for the scheduler, and how failures land in the store.
import * as assert from 'assert';
import { DbcClient } from '../../../src/api/client';
import { signSessionId } from '../../../src/auth/credentials';
import { signerFromSeed } from '../../../src/auth/signer';
import { Access } from '../../../src/access/access';
import { Keyring } from '../../../src/access/keyring';
import { CredentialStore } from '../../../src/secrets/credentialStore';
import { DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED } from '../../../src/sim/demo';
import { Fetcher } from '../../../src/tree/model/fetcher';
import { TreeStore } from '../../../src/tree/model/treeStore';
import { RentOrders } from '../../../src/access/rentOrders';
import { nullLogger } from '../../../src/ui/model/logger';
import type { FetchLike } from '../../../src/api/transport';
import { ok, recordingFetch } from '../api/recordingFetch';

const URL = 'http://127.0.0.1:5002';
const NODE = 'e'.repeat(64);
const ref = { endpoint: URL, nodeId: NODE };

function memory() {
  const secrets = new Map<string, string>();
  const state = new Map<string, unknown>();
  return new CredentialStore(
    { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) },
    { get: <T>(k: string) => state.get(k) as T, update: async (k, v) => void state.set(k, JSON.parse(JSON.stringify(v))) },
  );
}

/** With `lease`, the fetcher reads the rent records through RentOrders (as the extension does) and the chain when one is given. */
async function setup(replies: Parameters<typeof recordingFetch>[0], lease?: { chain?: { refresh(): Promise<void> } }) {
  const credentials = memory();
  const keyring = new Keyring(credentials);
  const pair = await signSessionId(await signerFromSeed(DEMO_RENTER_SEED), 'SESSION-FOR-TEST');
  await keyring.importSession({ nodeId: NODE, sessionId: pair.session_id, sessionIdSign: pair.session_id_sign, renter: DEMO_RENTER_ADDRESS });
  const rec = recordingFetch(replies);
  const client = new DbcClient({ baseUrl: URL, fetch: rec.fetch });
  let now = 1_000_000;
  const store = new TreeStore(() => now);
  const rentOrders = new RentOrders({ chosen: () => undefined, list: (r, signal) => client.rentOrders(r.nodeId, { signal }), now: () => now });
  const fetcher = new Fetcher({
    clients: { client: () => client }, access: new Access(credentials, keyring, { sessionPolling: () => true }), store, log: nullLogger, now: () => now,
    ...(lease ? { rentRecords: rentOrders, chain: lease.chain } : {}),
  });
  return { rec, store, fetcher, rentOrders, tick: (ms: number) => (now += ms) };
}

const INFO = { version: '0.4.1.8', gpu: { gpu_count: '8', gpu_used: '1' } };

describe('Fetcher', function () {
  this.timeout(20_000);

  it('fetches node info once, then one task list per refresh, authenticated with the session', async () => {
    const { rec, store, fetcher, tick } = await setup([ok(INFO), ok([{ task_id: 't1', status: 'running' }]), ok([{ task_id: 't1', status: 'running' }])]);
    assert.strictEqual(await fetcher.refreshNode(ref), 'stable');
    tick(60_000);
    assert.strictEqual(await fetcher.refreshNode(ref), 'stable');
    assert.deepStrictEqual(rec.requests.map((r) => new globalThis.URL(r.url).pathname), ['/api/v1/mining_nodes', '/api/v1/tasks', '/api/v1/tasks']);
    assert.strictEqual(rec.requests[1]!.body.session_id, 'SESSION-FOR-TEST');
    assert.strictEqual(store.peekNode(ref)!.info!.value!.version, '0.4.1.8');
    assert.strictEqual(store.peekNode(ref)!.tasks!.value!.length, 1);
  });

  it('tells the views of a node\'s loading state only until its first list: a later refresh changes its rows once', async () => {
    const { store, fetcher, tick } = await setup([ok(INFO), ok([{ task_id: 't1', status: 'running' }]), ok([{ task_id: 't1', status: 'running' }])]);
    const changes: string[] = [];
    store.onDidChange(() => changes.push(store.peekNode(ref)?.tasks ? 'list' : store.peekNode(ref)?.loading ? 'loading' : 'other'));
    await fetcher.refreshNode(ref);
    assert.deepStrictEqual(changes.slice(0, 1), ['loading'], 'the spinner shows before the first list');
    assert.strictEqual(changes.at(-1), 'list');
    changes.length = 0;
    tick(60_000);
    await fetcher.refreshNode(ref);
    assert.deepStrictEqual(changes, ['list']);
  });

  it('asks for fast polling while a VM is changing state', async () => {
    const { fetcher } = await setup([ok(INFO), ok([{ task_id: 't1', status: 'creating' }])]);
    assert.strictEqual(await fetcher.refreshNode(ref), 'transitional');
  });

  it('records a refused connection as an unreachable endpoint and a failed node', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5002'), { code: 'ECONNREFUSED' });
    const { store, fetcher } = await setup([refused, refused]);
    assert.strictEqual(await fetcher.refreshNode(ref), 'error');
    assert.ok(store.endpoint(URL).unreachable, 'endpoint marked unreachable');
    assert.ok(store.peekNode(ref)!.tasks!.error, 'node marked failed');
  });

  it('records a GPU-node refusal on the node only', async () => {
    const refusal = { status: 200, text: '{"errcode":-3,"message":"check authority failed: machine is not be rented"}' };
    const { store, fetcher } = await setup([ok(INFO), refusal]);
    assert.strictEqual(await fetcher.refreshNode(ref), 'error');
    assert.strictEqual(store.endpoint(URL).unreachable, undefined);
    assert.match(String(store.peekNode(ref)!.tasks!.error), /not be rented/);
  });

  it('reads a node first with the wallet, derives its polling session only once its rows are shown, then polls with the session', async () => {
    const credentials = memory();
    const keyring = new Keyring(credentials);
    await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const store = new TreeStore();
    const rec = recordingFetch([ok(INFO), ok([{ task_id: 't1', status: 'running' }]), ok({ session_id: 'DERIVEDSESSION7' }), ok([{ task_id: 't1', status: 'running' }])]);
    let rowsWhenDerived: number | undefined;
    const fetch: typeof rec.fetch = (url, init) => {
      if (url.endsWith('/session_id')) rowsWhenDerived = store.peekNode(ref)?.tasks?.value?.length;
      return rec.fetch(url, init);
    };
    const access = new Access(credentials, keyring, { sessionPolling: () => true });
    const client = new DbcClient({ baseUrl: URL, fetch });
    const fetcher = new Fetcher({ clients: { client: () => client }, access, store, log: nullLogger });
    assert.strictEqual(await fetcher.refreshNode(ref), 'stable');
    await access.settled();
    assert.strictEqual(await fetcher.refreshNode(ref), 'stable');
    const paths = rec.requests.map((r) => new globalThis.URL(r.url).pathname);
    assert.deepStrictEqual(paths, ['/api/v1/mining_nodes', '/api/v1/tasks', '/api/v1/mining_nodes/session_id', '/api/v1/tasks']);
    assert.strictEqual(rec.requests[1]!.body.wallet, DEMO_RENTER_ADDRESS, 'the first task list is signed by the wallet');
    assert.strictEqual(rowsWhenDerived, 1, 'the session is asked for after the rows are in the store');
    assert.strictEqual(rec.requests[3]!.body.session_id, 'DERIVEDSESSION7');
    assert.notStrictEqual(rec.requests[1]!.body.nonce, rec.requests[2]!.body.nonce, 'each signed request has its own nonce');
  });

  it('reads the rent records with the task list (again after 5 minutes), and the chain only when the credential rents something there', async () => {
    let chainReads = 0;
    const chain = { refresh: async () => void chainReads++ };
    const record = (renter: string) => ({ id: '7', renter, rent_end: '4000600', rent_status: 'renting', gpu_nums: '1', gpu_index: [0] });
    const others = await setup([ok(INFO), ok([]), ok({ rent_orders: [record('5Someone')] })], { chain });
    assert.strictEqual(await others.fetcher.refreshNode(ref), 'stable');
    assert.strictEqual(chainReads, 0, 'no rental of ours: no chain traffic');
    const mine = await setup([ok(INFO), ok([]), ok({ rent_orders: [record(DEMO_RENTER_ADDRESS)] }), ok([]), ok([]), ok({ rent_orders: [] })], { chain });
    assert.strictEqual(await mine.fetcher.refreshNode(ref), 'stable');
    assert.strictEqual(chainReads, 1);
    assert.strictEqual(mine.rentOrders.peek(ref)!.value[0]!.id, '7');
    mine.tick(60_000);
    await mine.fetcher.refreshNode(ref);
    mine.tick(5 * 60_000);
    await mine.fetcher.refreshNode(ref);
    assert.deepStrictEqual(mine.rec.requests.map((r) => new globalThis.URL(r.url).pathname).slice(1),
      ['/api/v1/tasks', '/api/v1/rent_orders', '/api/v1/tasks', '/api/v1/tasks', '/api/v1/rent_orders'], 'one read per 5 minutes, shared with the requests\' rent order');
    assert.strictEqual(mine.rentOrders.peek(ref)!.value.length, 0);
  });

  it('reads the rent records even when the node refuses the task list, and keeps them over a failure', async () => {
    const refusal = { status: 200, text: '{"errcode":-3,"message":"check authority failed: wallet not rented"}' };
    const rented = ok({ rent_orders: [{ id: '7', renter: DEMO_RENTER_ADDRESS, rent_end: '4000600', rent_status: 'renting', gpu_nums: '1', gpu_index: [0] }] });
    const { fetcher, rentOrders } = await setup([ok(INFO), refusal, rented], {});
    assert.strictEqual(await fetcher.refreshNode(ref), 'error');
    assert.strictEqual(rentOrders.peek(ref)!.value.length, 1);
    const later = await setup([ok(INFO), ok([]), rented, ok([]), { status: 500, text: '{"errcode":-32701,"message":"Unhandled request"}' }], {});
    await later.fetcher.refreshNode(ref);
    later.tick(6 * 60_000);
    assert.strictEqual(await later.fetcher.refreshNode(ref), 'stable');
    assert.strictEqual(later.rec.requests.length, 5);
    assert.strictEqual(later.rentOrders.peek(ref)!.value.length, 1, 'the last good records stay');
  });

  it('derives the polling sessions of a first look after every node read beside them has shown its rows', async () => {
    const credentials = memory();
    const keyring = new Keyring(credentials);
    await keyring.importWallet({ form: 'seed', seed: DEMO_RENTER_SEED });
    const store = new TreeStore();
    const refB = { endpoint: URL, nodeId: 'f'.repeat(64) };
    let releaseB!: () => void;
    const gateB = new Promise<void>((resolve) => (releaseB = resolve));
    const log: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      const body = JSON.parse(init.body ?? '{}') as { peer_nodes_list?: string[] };
      const node = body.peer_nodes_list?.[0] === NODE ? 'A' : 'B';
      const path = new globalThis.URL(url).pathname;
      log.push(`${path} ${node}`);
      if (path === '/api/v1/tasks' && node === 'B') await gateB;
      const message = path === '/api/v1/tasks' ? [{ task_id: `t${node}`, status: 'running' }] : path.endsWith('/session_id') ? { session_id: `S${node}` } : INFO;
      const reply = ok(message);
      return { status: reply.status, text: async () => reply.text };
    };
    const access = new Access(credentials, keyring, { sessionPolling: () => true });
    const client = new DbcClient({ baseUrl: URL, fetch });
    const fetcher = new Fetcher({ clients: { client: () => client }, access, store, log: nullLogger });
    const readB = fetcher.refreshNode(refB);
    assert.strictEqual(await fetcher.refreshNode(ref), 'stable');
    assert.ok(store.peekNode(ref)?.tasks?.value, 'A\'s rows are shown');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(log.filter((l) => l.includes('session_id')), [], 'no session is derived while B is still being read');
    releaseB();
    assert.strictEqual(await readB, 'stable');
    await access.settled();
    assert.deepStrictEqual(log.filter((l) => l.includes('session_id')).sort(), ['/api/v1/mining_nodes/session_id A', '/api/v1/mining_nodes/session_id B']);
    assert.strictEqual((await access.forRead(NODE))?.kind, 'session');
    assert.strictEqual((await access.forRead(refB.nodeId))?.kind, 'session');
  });

  it('caches task details for tooltips', async () => {
    const { rec, fetcher } = await setup([ok({ task_id: 't1', status: 'running', ssh_ip: '1.2.3.4', ssh_port: '5600' })]);
    const vm = { ...ref, taskId: 't1' };
    await fetcher.taskInfo(vm);
    await fetcher.taskInfo(vm);
    assert.strictEqual(rec.requests.length, 1);
  });
});
