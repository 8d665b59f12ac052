// Body and envelope parsing (§4) and the client node's auth presence check (§5.1).
import * as assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_NODE_A_ID } from '../../../src/sim';
import { renterPair, startSim } from './harness';
import { walletAuth } from '../../support/simAuth';
import { post, raw } from '../../support/simHttp';

const NODE = DEMO_NODE_A_ID;

describe('sim: envelope and presence checks', () => {
  let sim: RunningSimulator;
  before(async () => { sim = await startSim(); });
  after(() => sim.close());

  const err = async (path: string, body: unknown): Promise<[number, number, string]> => {
    const r = await post(sim.url, path, body);
    return [r.status, r.json.errcode, r.json.message];
  };

  it('rejects empty, unparsable and non-object bodies with 400 -25', async () => {
    const empty = await raw(sim.url, 'POST', '/api/v1/tasks', '');
    assert.deepEqual([empty.status, empty.json.errcode, empty.json.message], [400, -25, 'http request body is empty']);
    const [s, code, msg] = await err('/api/v1/tasks', '{"peer_nodes_list": [');
    assert.deepEqual([s, code], [400, -25]);
    assert.match(msg, /^json parse error: .+\(\d+\)$/);
    const [, , imgMsg] = await err('/api/v1/images/download', 'nope');
    assert.match(imgMsg, /^json parse error: [^(]+$/, 'image routes print no offset');
    assert.deepEqual(await err('/api/v1/tasks', '[1,2]'), [400, -25, 'invalid json']);
  });

  it('reports envelope errors in the node\'s order with the exact texts', async () => {
    const cases: [unknown, string][] = [
      [{ additional: {} }, 'has no peer_nodes_list'],
      [{ peer_nodes_list: 'x', additional: {} }, 'peer_nodes_list is not array'],
      [{ peer_nodes_list: [NODE] }, 'has no additional'],
      [{ peer_nodes_list: [NODE], additional: [] }, 'additional is not object'],
      [{ peer_nodes_list: [NODE], additional: {}, wallet: 1 }, 'wallet is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, nonce: null }, 'nonce is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, sign: {} }, 'sign is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, multisig_accounts: [] }, 'multisig_accounts is not object'],
      [{ peer_nodes_list: [NODE], additional: {}, multisig_accounts: {} }, 'multisig_accounts has no member wallets'],
      [{ peer_nodes_list: [NODE], additional: {}, multisig_accounts: { wallets: [] } }, 'multisig_accounts has no member threshold'],
      [{ peer_nodes_list: [NODE], additional: {}, multisig_accounts: { wallets: [], threshold: 2 } }, 'multisig_accounts member threshold is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, multisig_accounts: { wallets: [], threshold: '2' } }, 'multisig_accounts has no member signs'],
      [{ peer_nodes_list: [NODE], additional: {}, session_id: 5 }, 'session_id is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, session_id_sign: 5 }, 'session_id_sign is not string'],
      [{ peer_nodes_list: [NODE], additional: {}, rent_order: 123 }, 'rent_order is not string'],
      [{ peer_nodes_list: [], additional: {} }, 'peer_nodeid is empty'],
      [{ peer_nodes_list: [''], additional: {} }, 'peer_nodeid is empty'],
    ];
    for (const [body, message] of cases) assert.deepEqual(await err('/api/v1/tasks', body), [400, -25, message], message);
  });

  it('prefixes envelope errors on image routes', async () => {
    assert.deepEqual(await err('/api/v1/images', { additional: {} }), [400, -25, 'parse request params failed: has no peer_nodes_list']);
    assert.deepEqual(await err('/api/v1/mining_nodes', { additional: {} }), [400, -25, 'parse req params failed: has no peer_nodes_list']);
  });

  it('requires auth fields to be present, deterministically even with no auth at all', async () => {
    const base = { peer_nodes_list: [NODE], additional: {} };
    assert.deepEqual(await err('/api/v1/tasks', base), [400, -25, 'wallet_sign and multisig_wallets all invalid']);
    assert.deepEqual(await err('/api/v1/tasks', { ...base, wallet: 'w', nonce: 'n' }), [400, -25, 'wallet_sign and multisig_wallets all invalid']);
    assert.deepEqual(await err('/api/v1/tasks', { ...base, session_id: 's' }), [400, -25, 'wallet_sign and multisig_wallets all invalid']);
    assert.deepEqual(await err('/api/v1/tasks/start', base), [400, -25, 'session_id and wallet all invalid']);
    assert.deepEqual(await err('/api/v1/images/downloadprogress', base), [400, -25, 'session_id and wallet all invalid']);
    const pre = { ...base, multisig_accounts: { wallets: ['a'], threshold: '2', signs: [] } };
    assert.deepEqual(await err('/api/v1/tasks', pre), [400, -25, 'wallet_sign and multisig_wallets all invalid']);
  });

  it('lets a session pair pass the presence check, except on M2 which ignores session fields', async () => {
    const session = { peer_nodes_list: [NODE], additional: {}, session_id: 'sid', session_id_sign: 'sig' };
    const list = await post(sim.url, '/api/v1/tasks', session);
    assert.deepEqual([list.status, list.json.errcode, list.json.message], [200, -3, 'check authority failed: session_id is invalid']);
    assert.deepEqual(await err('/api/v1/mining_nodes/session_id', session), [400, -25, 'wallet_sign and multisig_wallets all invalid']);
  });

  it('answers an unknown node id immediately with 400 -32701', async () => {
    const body = { peer_nodes_list: ['ab'.repeat(32)], additional: {}, ...walletAuth(renterPair()) };
    assert.deepEqual(await err('/api/v1/tasks', body), [400, -32701, 'create node request failed']);
    assert.deepEqual(await err('/api/v1/mining_nodes', { peer_nodes_list: ['ab'.repeat(32)], additional: {} }),
      [400, -32701, 'create node request failed']);
  });

  it('requires a known image_server where the client node checks it', async () => {
    const auth = walletAuth(renterPair());
    const body = (additional: Record<string, unknown>): unknown => ({ peer_nodes_list: [NODE], additional, ...auth });
    assert.deepEqual(await err('/api/v1/images/download', body({})), [400, -25, 'image_server not exist']);
    assert.deepEqual(await err('/api/v1/snapshot/create/abc', body({ image_server: 'ID_9' })), [400, -25, 'image_server not exist']);
    assert.deepEqual(await err('/api/v1/images', body({ image_server: 'ID_9' })), [400, -25, 'image_server not exist']);
    assert.deepEqual(await err('/api/v1/mining_nodes', body({ image_server: 'ID_9' })), [400, -25, 'image_server not exist']);
    assert.deepEqual(await err('/api/v1/images', { peer_nodes_list: [], additional: {} }), [400, -25, 'image_server not exist']);
  });

  it('answers handler-level path errors after the POST check', async () => {
    assert.deepEqual(await err('/api/v1/snapshot/list', {}), [400, -25, 'invalid uri, please use /snapshot/list/<task_id>[/snapshot_name]']);
    assert.deepEqual(await err('/api/v1/tasks/stop//', {}), [400, -25, 'task_id is empty']);
  });
});
