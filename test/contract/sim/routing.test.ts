// Routing (§2.1) and the two response families (§6): status codes, headers, CRLF, pretty vs compact.
import * as assert from 'node:assert/strict';
import type { RunningSimulator } from '../../../src/sim';
import { DEMO_NODE_A_ID } from '../../../src/sim';
import { raw, post } from '../../support/simHttp';
import { startSim } from './harness';

const pretty = (errcode: number, message: string): string => `${JSON.stringify({ errcode, message }, null, 4)}\r\n`;

describe('sim: routing and response families', () => {
  let sim: RunningSimulator;
  before(async () => { sim = await startSim(); });
  after(() => sim.close());

  it('answers the version route for any method, pretty-printed, with CORS and JSON headers and CRLF', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const r = await raw(sim.url, method, '/api/v1/');
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.headers['access-control-allow-origin'], '*');
      assert.equal(r.text, `${JSON.stringify({ errcode: 0, message: { client_version: '0.4.1.8' } }, null, 4)}\r\n`);
    }
  });

  it('rejects URIs outside /api/v1 with 400 -32600 and unknown prefixes with 404 -32601', async () => {
    const bad = await raw(sim.url, 'POST', '/foo?x=1', '{}');
    assert.equal(bad.status, 400);
    assert.equal(bad.text, pretty(-32600, 'request uri is invalid, uri:/foo?x=1'));
    for (const path of ['/api/v1', '/api/v1/?x=1', '/api/v1/nothing']) {
      const r = await raw(sim.url, 'POST', path, '{}');
      assert.equal(r.status, 404, path);
      assert.equal(r.text, pretty(-32601, `not support uri:${path}`));
    }
  });

  it('accepts POST only on routes other than the version', async () => {
    const r = await raw(sim.url, 'GET', '/api/v1/tasks');
    assert.equal(r.status, 400);
    assert.equal(r.text, pretty(-32600, 'only support POST request'));
  });

  it('answers methods outside libevent\'s filter with a non-JSON 405', async () => {
    const r = await raw(sim.url, 'OPTIONS', '/api/v1/tasks');
    assert.equal(r.status, 405);
    assert.equal(r.json, undefined);
  });

  it('splits segments: 3+ task segments are invalid, unknown verbs are unhandled, empty handlers give 500', async () => {
    const three = await post(sim.url, '/api/v1/tasks/a/b/c', {});
    assert.equal(three.status, 400);
    assert.equal(three.text, pretty(-32600, 'invalid requests uri'));
    const verb = await post(sim.url, '/api/v1/tasks/jump/abc', {});
    assert.equal(verb.status, 500);
    assert.equal(verb.text, pretty(-32701, 'Unhandled request'));
    const stat = await post(sim.url, '/api/v1/stat', {});
    assert.equal(stat.status, 500);
    assert.equal(stat.json.message, 'Unhandled request');
    const images = await post(sim.url, '/api/v1/images/whatever', {});
    assert.deepEqual([images.status, images.json.errcode, images.json.message], [400, -32600, 'invalid requests uri']);
    const snap = await post(sim.url, '/api/v1/snapshot/a/b/c/d', {});
    assert.deepEqual([snap.status, snap.json.message], [400, 'invalid uri']);
  });

  it('treats a trailing slash like no slash and drops the query from the path', async () => {
    const body = { peer_nodes_list: [], additional: {} };
    const a = await post(sim.url, '/api/v1/mining_nodes/', body);
    const b = await post(sim.url, '/api/v1/mining_nodes?x=y', body);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual(a.json, b.json);
  });

  it('routes sloppy prefixes like the node: /tasksXYZ is task info for XYZ', async () => {
    const r = await post(sim.url, '/api/v1/tasksXYZ', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {} });
    assert.equal(r.status, 400);
    assert.equal(r.json.message, 'wallet_sign and multisig_wallets all invalid');
  });

  it('does not URL-decode the query: %74ail is not tail', async () => {
    const r = await post(sim.url, '/api/v1/tasks/logs/abc?flag=%74ail', {});
    assert.equal(r.text, pretty(-25, 'head_or_tail is invalid"'));
  });

  it('relays GPU documents with 200 and the compact layout, whatever their errcode', async () => {
    const r = await post(sim.url, '/api/v1/mining_nodes', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {} });
    assert.equal(r.status, 200);
    assert.ok(r.text.startsWith('{"errcode":0, "message":{"version":"0.4.1.8","node_type":"1"'), r.text);
    assert.ok(r.text.endsWith('}\r\n'));
    assert.ok(!r.text.includes('\n    '), 'GPU documents are not pretty-printed');
    const denied = await post(sim.url, '/api/v1/tasks', { peer_nodes_list: [DEMO_NODE_A_ID], additional: {}, wallet: 'x', nonce: 'y', sign: 'z' });
    assert.equal(denied.status, 200);
    assert.equal(denied.text, '{"errcode":-3, "message":"check authority failed: nonce check failed"}\r\n');
  });
});
