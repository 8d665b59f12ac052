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
import { nullLogger } from '../../../src/ui/model/logger';
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

async function setup(replies: Parameters<typeof recordingFetch>[0]) {
  const credentials = memory();
  const keyring = new Keyring(credentials);
  const pair = await signSessionId(await signerFromSeed(DEMO_RENTER_SEED), 'SESSION-FOR-TEST');
  await keyring.importSession({ nodeId: NODE, sessionId: pair.session_id, sessionIdSign: pair.session_id_sign, renter: DEMO_RENTER_ADDRESS });
  const rec = recordingFetch(replies);
  const client = new DbcClient({ baseUrl: URL, fetch: rec.fetch });
  const store = new TreeStore();
  let now = 1_000_000;
  const fetcher = new Fetcher({
    clients: { client: () => client }, access: new Access(credentials, keyring, { sessionPolling: () => true }), store, log: nullLogger, now: () => now,
  });
  return { rec, store, fetcher, tick: (ms: number) => (now += ms) };
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

  it('caches task details for tooltips', async () => {
    const { rec, fetcher } = await setup([ok({ task_id: 't1', status: 'running', ssh_ip: '1.2.3.4', ssh_port: '5600' })]);
    const vm = { ...ref, taskId: 't1' };
    await fetcher.taskInfo(vm);
    await fetcher.taskInfo(vm);
    assert.strictEqual(rec.requests.length, 1);
  });
});
