// A client node on "another machine", reached through an SSH tunnel: the simulator's client node
// listens on 127.0.0.1 and an SSH server (the simulator's ssh2-based endpoint, which forwards to
// loopback like sshd does) stands in for the remote host. `dbc --endpoint ssh://user@host:port/node-port`
// signs its requests and sends them only through the tunnel; the tunnel survives a dropped connection;
// an unknown host key is learned once, a changed one refused; a key the server does not take is named.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbcClient } from '../../../src/api/client';
import { DEMO_NODE_A_ID, DEMO_RENTER_SEED, type RunningSimulator } from '../../../src/sim';
import { generateHostKey, startVmSsh, type VmSshServer } from '../../../src/sim/ssh/vmSsh';
import { EndpointTunnel, parseSshEndpoint } from '../../../src/ssh/core/endpointTunnel';
import { generateEd25519Pair } from '../../../src/ssh/core/keys';
import { defaultSshPaths } from '../../../src/ssh/core/paths';
import { dbc, ensureBuilt, startSim } from '../cli/harness';

describe('remote endpoints: ssh:// tunnel to a client node on another host', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let ssh: VmSshServer;
  let hostKey: string;
  let dir: string;
  let clientHome: string;
  let serverHome: string;
  let endpoint: string;

  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '', HOME: clientHome, DBC_ENDPOINT: endpoint, DBC_NODE: DEMO_NODE_A_ID, DBC_SEED: DEMO_RENTER_SEED, ...extra,
  });
  const startSsh = async (port = 0) => {
    ssh = await startVmSsh({ port, user: 'me', password: () => 'not-used-Pw1', homeDir: serverHome, hostKey });
  };

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'dbc-tunnel-'));
    clientHome = join(dir, 'client');
    serverHome = join(dir, 'server');
    const key = generateEd25519Pair('tunnel-test');
    mkdirSync(join(clientHome, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(clientHome, '.ssh', 'id_ed25519'), key.private, { mode: 0o600 });
    mkdirSync(join(serverHome, '.ssh'), { recursive: true, mode: 0o700 });
    writeFileSync(join(serverHome, '.ssh', 'authorized_keys'), `${key.public}\n`);
    hostKey = generateHostKey();
    sim = await startSim();
    await startSsh();
    endpoint = `ssh://me@127.0.0.1:${ssh.port}/${new URL(sim.url).port}`;
  });
  after(async () => {
    await ssh?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dbc sends signed requests through the tunnel, learning the host key once', async () => {
    const first = await dbc(['vm', 'list', '--json'], env());
    assert.equal(first.code, 0, first.stderr);
    assert.ok(Array.isArray(JSON.parse(first.stdout)));
    assert.match(first.stderr, new RegExp(`learned the host key of 127\\.0\\.0\\.1:${ssh.port}: ssh-ed25519 SHA256:`));
    const again = await dbc(['vm', 'list'], env());
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /learned/);
  });

  it('reconnects after the SSH connection drops, on the same local port', async () => {
    const tunnel = await EndpointTunnel.open({ endpoint: parseSshEndpoint(endpoint)!, env: { paths: defaultSshPaths(clientHome) }, home: clientHome });
    try {
      const client = new DbcClient({ baseUrl: endpoint, tunnel: async () => tunnel.url });
      assert.ok((await client.listNodes()).length > 0);
      const local = tunnel.url;
      assert.equal(tunnel.connected, true);
      await ssh.close(); // the server goes away (the connection drops) and comes back
      while (tunnel.connected) await new Promise((resolve) => setTimeout(resolve, 10));
      await startSsh(Number(new URL(endpoint.replace('ssh:', 'http:')).port));
      assert.ok((await client.listNodes()).length > 0);
      assert.equal(tunnel.connected, true);
      assert.equal(tunnel.url, local);
    } finally {
      await tunnel.close();
    }
  });

  it('refuses a changed host key and names a key the server does not take (exit 6)', async () => {
    const otherKey = join(dir, 'other_key');
    writeFileSync(otherKey, generateEd25519Pair('stranger').private, { mode: 0o600 });
    const refusedKey = await dbc(['vm', 'list', '--ssh-identity', otherKey], env());
    assert.equal(refusedKey.code, 6, refusedKey.stderr);
    assert.match(refusedKey.stderr, new RegExp(`^dbc: ssh failed: SSH tunnel to ${endpoint.replace(/[./]/g, '\\$&')}: The server refused the key ${otherKey.replace(/[./]/g, '\\$&')}`, 'm'));
    const port = ssh.port;
    await ssh.close();
    hostKey = generateHostKey();
    await startSsh(port);
    const changed = await dbc(['vm', 'list'], env());
    assert.equal(changed.code, 6, changed.stderr);
    assert.match(changed.stderr, /host key of \[127\.0\.0\.1\]:\d+ has changed/);
  });

  it('an http:// endpoint on another machine is refused for signed requests, an ssh:// one is the way offered', async () => {
    const r = await dbc(['vm', 'list'], env({ DBC_ENDPOINT: 'http://192.0.2.10:5002' }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /over plain http: .* SSH tunnel \(ssh:\/\/user@host\) or https/);
  });
});
