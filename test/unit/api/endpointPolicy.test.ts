// Plain http to another machine never carries a signature or a session unless the user allowed it.
import assert from 'node:assert/strict';
import { DbcClient } from '../../../src/api/client';
import { endpointSecurity, InsecureEndpointError, isLoopbackHost } from '../../../src/api/endpointPolicy';
import { RequestError } from '../../../src/api/requestError';
import { parseSshEndpoint, formatSshEndpoint } from '../../../src/ssh/core/endpointTunnel';
import { ok, recordingFetch } from './recordingFetch';
import { NODE, session, wallet } from './routeCases';

const REMOTE = 'http://192.0.2.10:5002'; // TEST-NET-1: recorded, never contacted

describe('api/endpointPolicy', () => {
  it('tells loopback, https, ssh and plain http to another machine apart', () => {
    for (const url of ['http://127.0.0.1:5002', 'http://localhost:5002', 'http://[::1]:5002', 'http://127.8.9.10']) assert.equal(endpointSecurity(url), 'loopback', url);
    assert.equal(endpointSecurity('https://node.example:5002'), 'https');
    assert.equal(endpointSecurity('ssh://me@box'), 'ssh');
    for (const url of [REMOTE, 'http://10.0.0.5:5002', 'http://127.0.0.1.evil.example', 'http://0.0.0.0:5002', 'http://[::ffff:127.0.0.1]', 'not a url']) {
      assert.equal(endpointSecurity(url), 'insecure-http', url);
    }
    assert.equal(isLoopbackHost('127.256.0.1'), false);
  });

  it('refuses signed and session requests to plain http on another machine before sending, naming the risk and the safe ways', async () => {
    for (const auth of [wallet, session]) {
      const { fetch, requests } = recordingFetch([ok([])]);
      const err = await new DbcClient({ baseUrl: REMOTE, fetch }).listTasks(NODE, { auth }).catch((e: unknown) => e);
      assert.ok(err instanceof InsecureEndpointError && err instanceof RequestError, String(err));
      assert.match(err.message, /refusing to send tasks\.list with your credential to http:\/\/192\.0\.2\.10:5002 over plain http: anyone on the network path can capture it and replay it/);
      assert.match(err.message, /SSH tunnel \(ssh:\/\/user@host\) or https/);
      assert.equal(requests.length, 0);
    }
  });

  it('sends unsigned requests, everything on loopback and https, and signed ones where the user allowed plain http', async () => {
    const sent = async (baseUrl: string, call: (c: DbcClient) => Promise<unknown>, allowInsecureHttp = false) => {
      const { fetch, requests } = recordingFetch([ok(baseUrl === REMOTE && !allowInsecureHttp ? { mining_nodes: [] } : [])]);
      await call(new DbcClient({ baseUrl, fetch, allowInsecureHttp }));
      return requests.length;
    };
    assert.equal(await sent(REMOTE, (c) => c.listNodes()), 1);
    assert.equal(await sent('http://127.0.0.1:5002', (c) => c.listTasks(NODE, { auth: wallet })), 1);
    assert.equal(await sent('https://192.0.2.10:5002', (c) => c.listTasks(NODE, { auth: wallet })), 1);
    assert.equal(await sent(REMOTE, (c) => c.listTasks(NODE, { auth: wallet }), true), 1);
  });

  it('reads ssh:// endpoints with their SSH port and the client node\'s port', () => {
    assert.deepEqual(parseSshEndpoint('ssh://me@gpu-box'), { user: 'me', host: 'gpu-box', port: 22, nodePort: 5002 });
    assert.deepEqual(parseSshEndpoint('ssh://me@10.0.0.5:2222/5003'), { user: 'me', host: '10.0.0.5', port: 2222, nodePort: 5003 });
    assert.deepEqual(parseSshEndpoint('ssh://me@[fe80::1]:2222'), { user: 'me', host: 'fe80::1', port: 2222, nodePort: 5002 });
    for (const bad of ['ssh://gpu-box', 'ssh://me:pw@box', 'ssh://me@box/api', 'ssh://me@box/70000', 'ssh://-oProxyCommand=x@box', 'http://me@box', 'ssh://me@box?x=1']) {
      assert.equal(parseSshEndpoint(bad), undefined, bad);
    }
    assert.equal(formatSshEndpoint(parseSshEndpoint('ssh://me@10.0.0.5:2222/5003')!), 'ssh://me@10.0.0.5:2222/5003');
    assert.equal(formatSshEndpoint(parseSshEndpoint('ssh://me@box:22/5002')!), 'ssh://me@box');
  });
});
