import assert from 'node:assert/strict';
import { DbcClient } from '../../../src/api/client';
import { RequestError } from '../../../src/api/requestError';
import type { Credential } from '../../../src/api/types';
import { ok, recordingFetch } from './recordingFetch';
import { BASE, cases, NODE, session, TASK, wallet } from './routeCases';

describe('api/client routes', () => {
  for (const c of cases) {
    it(`${c.name}: POST ${c.path}`, async () => {
      const { fetch, requests } = recordingFetch([ok(c.reply ?? 'ok')]);
      await c.call(new DbcClient({ baseUrl: `${BASE}/`, fetch }));
      assert.equal(requests.length, 1);
      const r = requests[0]!;
      assert.equal(r.method, 'POST');
      assert.equal(r.url, BASE + c.path);
      assert.deepEqual(r.body.peer_nodes_list, c.peers);
      assert.deepEqual(r.body.additional, c.additional ?? {});
      const hasAuth = 'session_id' in r.body || 'wallet' in r.body;
      assert.equal(hasAuth, c.auth, c.auth ? 'auth fields expected' : 'no auth fields expected');
    });
  }

  it('asks for the node\'s rent order on every signed route for a GPU node and sends it at the top level', async () => {
    let signed = 0;
    for (const c of cases) {
      const { fetch, requests } = recordingFetch([ok(c.reply ?? 'ok')]);
      // Like the CLI's and the extension's resolvers: an order belongs to the signing wallet.
      const rentOrderFor = async (nodeId: string, credential?: Credential): Promise<string | undefined> => (nodeId === NODE && credential ? '4412' : undefined);
      await c.call(new DbcClient({ baseUrl: BASE, fetch, rentOrderFor }));
      const expected = c.peers.length > 0 && c.auth ? '4412' : undefined;
      if (expected) signed++;
      assert.equal(requests[0]!.body.rent_order, expected, `${c.name}: POST ${c.path}`);
    }
    assert.ok(signed > 20, `${signed} signed GPU-node routes`);
  });

  it('createSnapshot sends the description as desc, and never a disk choice (the node takes vda)', async () => {
    const { fetch, requests } = recordingFetch([ok('ok')]);
    const client = new DbcClient({ baseUrl: BASE, fetch, snapshotRouteStyle: 'source' });
    await client.createSnapshot(NODE, TASK, { snapshot_name: 's1', description: 'before', image_server: 'ID_1' }, { auth: session });
    assert.equal(requests[0]!.url, `${BASE}/api/v1/snapshot/create/${TASK}`);
    assert.deepEqual(requests[0]!.body.additional, { snapshot_name: 's1', desc: 'before', image_server: 'ID_1' });
  });

  it('sends wallet auth fields at the top level of the envelope', async () => {
    const { fetch, requests } = recordingFetch([ok([])]);
    await new DbcClient({ baseUrl: BASE, fetch }).listTasks(NODE, { auth: wallet });
    assert.deepEqual(Object.keys(requests[0]!.body), ['peer_nodes_list', 'additional', 'wallet', 'nonce', 'sign']);
  });

  it('asks the credential for fresh fields on every request', async () => {
    let calls = 0;
    const counting: Credential = { kind: 'wallet', address: 'w', authFields: async () => ({ wallet: 'w', nonce: `n${++calls}`, sign: 's' }) };
    const { fetch, requests } = recordingFetch([ok([]), ok([])]);
    const client = new DbcClient({ baseUrl: BASE, fetch });
    await client.listTasks(NODE, { auth: counting });
    await client.listTasks(NODE, { auth: counting });
    assert.deepEqual(requests.map((r) => r.body.nonce), ['n1', 'n2']);
  });

  it('sends rent_order at the top level, lifted out of additional or from the call options', async () => {
    const { fetch, requests } = recordingFetch([ok({ task_id: 't', status: 'creating' }), ok([])]);
    const client = new DbcClient({ baseUrl: BASE, fetch });
    await client.createTask(NODE, { image_name: 'a.qcow2', rent_order: 123 }, { auth: session });
    await client.listTasks(NODE, { auth: session, rentOrder: '77' });
    assert.equal(requests[0]!.body.rent_order, '123');
    assert.equal('rent_order' in requests[0]!.body.additional, false);
    assert.equal(requests[1]!.body.rent_order, '77');
  });

  it('accepts both image_name and the node\'s literal "image_name:" key', async () => {
    const { fetch } = recordingFetch([ok([{ 'image_name:': 'a.qcow2', image_size: '10G' }, { image_name: 'b.qcow2' }])]);
    const images = await new DbcClient({ baseUrl: BASE, fetch }).listNodeImages(NODE);
    assert.deepEqual(images, [{ image_name: 'a.qcow2', image_size: '10G' }, { image_name: 'b.qcow2' }]);
  });

  it('strips a trailing /api/v1 from the base URL', async () => {
    const { fetch, requests } = recordingFetch([ok({ client_version: '1' })]);
    await new DbcClient({ baseUrl: 'http://127.0.0.1:5002/api/v1/', fetch }).version();
    assert.equal(requests[0]!.url, 'http://127.0.0.1:5002/api/v1/');
  });

  describe('refuses bad input before sending anything', () => {
    const bad: Array<[string, (c: DbcClient) => Promise<unknown>, RegExp]> = [
      ['a short node id', (c) => c.listTasks('abc', { auth: session }), /64-character hex/],
      ['a task id with a slash', (c) => c.taskInfo(NODE, 'a/b', { auth: session }), /Invalid task id/],
      ['a task id with a query', (c) => c.deleteTask(NODE, 'a?x=1', { auth: session }), /Invalid task id/],
      ['no credential', (c) => c.listTasks(NODE), /needs a credential/],
      ['a session asking for the session id', (c) => c.sessionId(NODE, { auth: session }), /shared session cannot/],
    ];
    for (const [what, call, message] of bad) {
      it(what, async () => {
        const { fetch, requests } = recordingFetch();
        await assert.rejects(call(new DbcClient({ baseUrl: BASE, fetch })), (e: unknown) => e instanceof RequestError && message.test(e.message));
        assert.equal(requests.length, 0);
      });
    }
    it('an invalid base URL', () => {
      assert.throws(() => new DbcClient({ baseUrl: 'ftp://x' }), RequestError);
      assert.throws(() => new DbcClient({ baseUrl: 'not a url' }), RequestError);
    });
  });
});
