// Issue 14's small items that need a real socket or a real file: http to an https server says so
// (instead of "connection reset"), and the simulator's state file keeps VM passwords to its owner.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbcClient } from '../../../src/api/client';
import { TransportError } from '../../../src/api/errors';
import { startSimulator } from '../../../src/sim';
import { repoRoot } from '../../unit/ssh/helpers/fixtures';
import { dbc, ensureBuilt } from '../cli/harness';

const TLS = join(repoRoot(), 'test', 'fixtures', 'tls');

describe('hostile node: small items', function () {
  this.timeout(60_000);

  it('http:// to a port that speaks https is named as such, not as a reset connection (and is not an unknown outcome)', async () => {
    ensureBuilt();
    const server = https.createServer({ key: readFileSync(join(TLS, 'localhost.key')), cert: readFileSync(join(TLS, 'localhost.crt')) }, (_q, r) => r.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const err = await new DbcClient({ baseUrl: `http://127.0.0.1:${port}` }).listNodes().catch((e: unknown) => e);
      assert.ok(err instanceof TransportError && err.kind === 'wrong-protocol', String(err));
      const r = await dbc(['node', 'list', '--endpoint', `http://127.0.0.1:${port}`], { PATH: process.env.PATH ?? '' });
      assert.equal(r.code, 4);
      assert.equal(r.stderr, `dbc: mining_nodes.list failed: http://127.0.0.1:${port} speaks https, not http: use https://127.0.0.1:${port} as the endpoint (nothing was processed)\n`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('the simulator\'s state file (it holds VM passwords) is readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbc-sim-mode-'));
    try {
      const stateFile = join(dir, 'state.json');
      const sim = await startSimulator({ port: 0, speed: 0, ssh: false, stateFile });
      await sim.close();
      assert.equal(statSync(stateFile).mode & 0o777, 0o600);
      assert.match(readFileSync(stateFile, 'utf8'), /login_password|loginPassword/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
