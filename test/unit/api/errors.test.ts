import assert from 'node:assert/strict';
import { DbcClient, type Exchange } from '../../../src/api/client';
import { ClientNodeError, GpuNodeError, isCancellation, isNotExist, isOutcomeUnknown, isUnauthenticated, ReplyParseError, TransportError } from '../../../src/api/errors';
import type { FetchLike } from '../../../src/api/transport';
import type { Credential } from '../../../src/api/types';
import { recordingFetch } from './recordingFetch';

const NODE = '58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45';
const auth: Credential = { kind: 'wallet', address: 'w', authFields: async () => ({ wallet: '5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4', nonce: '5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6', sign: 'ab'.repeat(64) }) };
const pretty = (errcode: number, message: string) => `${JSON.stringify({ errcode, message }, null, 4)}\r\n`;

async function failWith(reply: { status: number; text: string } | Error): Promise<unknown> {
  const { fetch } = recordingFetch([reply]);
  try {
    await new DbcClient({ baseUrl: 'http://127.0.0.1:5002', fetch }).listTasks(NODE, { auth });
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('api/client error families', () => {
  const clientNode: Array<[number, number, string, string]> = [
    [400, -25, 'peer_nodeid is empty', 'invalid-params'],
    [400, -32600, 'only support POST request', 'invalid-request'],
    [404, -32601, 'not support uri:/api/v1/x', 'not-found'],
    [400, -32701, 'create node request failed', 'forward-failed'],
    [500, -32701, 'Unhandled request', 'forward-failed'],
    [500, -1, 'list task timeout', 'node-timeout'],
    [500, -1, 'response parse error', 'bad-gpu-reply'],
  ];
  for (const [status, errcode, message, kind] of clientNode) {
    it(`HTTP ${status} errcode ${errcode} "${message}" → ClientNodeError ${kind}`, async () => {
      const err = await failWith({ status, text: pretty(errcode, message) });
      assert.ok(err instanceof ClientNodeError);
      assert.equal(err.kind, kind);
      assert.equal(err.httpStatus, status);
      assert.equal(err.errcode, errcode);
      assert.equal(err.nodeMessage, message);
      assert.equal(err.route, 'tasks.list');
    });
  }

  it('a client-node timeout leaves the outcome unknown (the GPU node may still act)', async () => {
    assert.equal(isOutcomeUnknown(await failWith({ status: 500, text: pretty(-1, 'create task timeout') })), true);
    assert.equal(isOutcomeUnknown(await failWith({ status: 400, text: pretty(-25, 'x') })), false);
  });

  it('a non-JSON libevent answer (503) is a ClientNodeError http-status', async () => {
    const err = await failWith({ status: 503, text: '<html>Service Unavailable</html>' });
    assert.ok(err instanceof ClientNodeError && err.kind === 'http-status' && err.errcode === undefined);
  });

  it('HTTP 200 with errcode -3 check authority failed → GpuNodeError with the reason', async () => {
    const err = await failWith({ status: 200, text: '{"errcode":-3, "message":"check authority failed: nonce check failed"}\r\n' });
    assert.ok(err instanceof GpuNodeError);
    assert.equal(err.errcode, -3);
    assert.equal(err.isAuthority, true);
    assert.equal(err.authorityReason, 'nonce check failed');
    assert.equal(isUnauthenticated(err), true);
  });

  it('HTTP 200 with errcode 1 → GpuNodeError, not an authority failure', async () => {
    const err = await failWith({ status: 200, text: '{"errcode":1, "message":"task not exist"}' });
    assert.ok(err instanceof GpuNodeError && !err.isAuthority && err.errcode === 1 && err.nodeMessage === 'task not exist');
    assert.equal(isUnauthenticated(err), false);
    assert.equal(isNotExist(err), true);
    assert.equal(isNotExist(new GpuNodeError('tasks.logs', -3, 'check authority failed: task_id not exist')), false, 'an authority failure is not "not exist"');
    assert.equal(isNotExist(new GpuNodeError('tasks.start', 1, 'task is running')), false);
  });

  it('the client node\'s "all invalid" auth rejection counts as unauthenticated too', async () => {
    assert.equal(isUnauthenticated(await failWith({ status: 400, text: pretty(-25, 'wallet_sign and multisig_wallets all invalid') })), true);
  });

  it('HTTP 200 with a body that is not the envelope → ReplyParseError', async () => {
    for (const text of ['{"errcode":0, "message":"unescaped "quote""}', '[1,2]', '{"message":"no errcode"}', '']) {
      const err = await failWith({ status: 200, text });
      assert.ok(err instanceof ReplyParseError, text);
      assert.equal(isOutcomeUnknown(err), true);
    }
  });

  it('connection refused (node-fetch shape) → TransportError refused', async () => {
    const e = Object.assign(new Error('request to http://127.0.0.1:5002 failed, reason: connect ECONNREFUSED'), { code: 'ECONNREFUSED', type: 'system' });
    const err = await failWith(e);
    assert.ok(err instanceof TransportError && err.kind === 'refused');
    assert.match(err.message, /is the DBC client node running/);
  });

  it('connection reset (global fetch shape, code on cause) → TransportError reset, outcome unknown', async () => {
    const e = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const err = await failWith(e);
    assert.ok(err instanceof TransportError && err.kind === 'reset');
    assert.equal(isOutcomeUnknown(err), true);
  });

  const hanging: FetchLike = (_url, init) => new Promise((_resolve, reject) => {
    init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
  });

  it('our own timeout → TransportError timeout', async () => {
    const client = new DbcClient({ baseUrl: 'http://127.0.0.1:5002', fetch: hanging, timeoutMs: 30 });
    await assert.rejects(client.listTasks(NODE, { auth }), (e: unknown) => e instanceof TransportError && e.kind === 'timeout' && isOutcomeUnknown(e));
  });

  it('the caller\'s AbortSignal → TransportError aborted, a cancellation', async () => {
    const client = new DbcClient({ baseUrl: 'http://127.0.0.1:5002', fetch: hanging });
    const ac = new AbortController();
    const p = client.listTasks(NODE, { auth, signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, (e: unknown) => isCancellation(e));
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(client.listTasks(NODE, { auth, signal: pre.signal }), (e: unknown) => isCancellation(e));
  });

  it('never retries: one failing request is one fetch', async () => {
    const { fetch, requests } = recordingFetch([Object.assign(new Error('x'), { code: 'ECONNRESET' })]);
    const client = new DbcClient({ baseUrl: 'http://127.0.0.1:5002', fetch });
    await assert.rejects(client.createTask(NODE, { image_name: 'a.qcow2' }, { auth }));
    assert.equal(requests.length, 1);
  });

  it('reports each exchange with signatures, nonces and passwords masked', async () => {
    const exchanges: Exchange[] = [];
    const { fetch } = recordingFetch([{ status: 200, text: '{"errcode":0,"message":{"task_id":"t","login_password":"Secret123","status":"running"}}' }]);
    await new DbcClient({ baseUrl: 'http://127.0.0.1:5002', fetch, onExchange: (e) => exchanges.push(e) }).taskInfo(NODE, 't', { auth });
    const text = JSON.stringify(exchanges);
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0]!.status, 200);
    assert.ok(!text.includes('ab'.repeat(64)), 'signature leaked');
    assert.ok(!text.includes('5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6'), 'nonce leaked');
    assert.ok(!text.includes('Secret123'), 'password leaked');
    assert.ok(text.includes('5Dy8UL…2Zj4'), 'wallet should be shortened, not removed');
  });
});
