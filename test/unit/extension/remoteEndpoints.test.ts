// Remote client nodes in the editor, without vscode: ssh:// endpoints in the settings, the consent to plain
// http kept per endpoint, clients built accordingly, and the tree's way out of a refused request.
import * as assert from 'assert';
import { ClientRegistry } from '../../../src/access/clientRegistry';
import { InsecureHttpConsents, type StateStore } from '../../../src/access/insecureHttpConsents';
import { InsecureEndpointError } from '../../../src/api/endpointPolicy';
import { endpointLabel, normalizeEndpointUrl, parseEndpoints, withEndpointUrl } from '../../../src/config/model/endpoints';
import { errorRow, type ModelContext } from '../../../src/tree/model/machinesModel';
import { present } from '../../../src/tree/model/present';
import { TreeStore } from '../../../src/tree/model/treeStore';
import { describeError } from '../../../src/ui/model/errorText';
import { englishT } from '../../../src/ui/model/translate';
import { pkg } from './support/manifest';
import { recordingFetch, ok } from '../api/recordingFetch';

const NODE = 'a'.repeat(64);
const REMOTE = 'http://192.0.2.10:5002'; // TEST-NET: recorded, never contacted

function memento(): StateStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

describe('remote endpoints in the editor', () => {
  it('dbc.endpoints is machine-scoped (a workspace cannot point signed traffic elsewhere) and takes ssh:// URLs', () => {
    const setting = pkg.contributes.configuration.properties['dbc.endpoints'];
    assert.strictEqual(setting.scope, 'machine');
    assert.match('ssh://me@gpu-box:2222/5002', new RegExp(setting.items.anyOf[0].pattern));
    const parsed = parseEndpoints(['ssh://me@gpu-box:22/5002', { url: 'ssh://me@10.0.0.5:2222/5003', nodes: [NODE] }, 'ssh://bad']);
    assert.deepStrictEqual(parsed.endpoints.map((e) => e.url), ['ssh://me@gpu-box', 'ssh://me@10.0.0.5:2222/5003']);
    assert.strictEqual(parsed.problems.length, 1);
    assert.strictEqual(endpointLabel({ url: 'ssh://me@10.0.0.5:2222/5003' }), 'me@10.0.0.5:2222 (SSH)');
    assert.strictEqual(normalizeEndpointUrl('ssh://me@box/'), 'ssh://me@box');
  });

  it('moves an endpoint to its SSH tunnel, keeping its name and GPU nodes in place', () => {
    const before = [{ url: 'http://127.0.0.1:5002', nodes: [] }, { url: REMOTE, name: 'lab', nodes: [{ id: NODE }] }, { url: 'https://x', nodes: [] }];
    const after = withEndpointUrl(before, REMOTE, 'ssh://me@192.0.2.10/5002');
    assert.deepStrictEqual(after.map((e) => [e.url, e.name, e.nodes.length]), [['http://127.0.0.1:5002', undefined, 0], ['ssh://me@192.0.2.10', 'lab', 1], ['https://x', undefined, 0]]);
  });

  it('keeps the consent to plain http per endpoint, and clients follow it', async () => {
    const consents = new InsecureHttpConsents(memento());
    assert.strictEqual(consents.allowed('http://127.0.0.1:5002'), true);
    assert.strictEqual(consents.allowed(REMOTE), false);
    const { fetch, requests } = recordingFetch([ok([])]);
    const registry = new ClientRegistry({ timeoutMs: () => 1000, fetch, insecureHttpAllowed: (u) => consents.allowed(u) });
    const wallet = { kind: 'wallet' as const, address: 'w', authFields: async () => ({ wallet: 'w', nonce: 'n', sign: 's'.repeat(128) }) };
    await assert.rejects(registry.client(REMOTE).listTasks(NODE, { auth: wallet }), InsecureEndpointError);
    assert.strictEqual(requests.length, 0);
    await consents.allow(REMOTE);
    assert.deepStrictEqual(await registry.client(REMOTE).listTasks(NODE, { auth: wallet }), []);
    assert.strictEqual(requests.length, 1);
    await consents.revoke(REMOTE);
    await assert.rejects(registry.client(REMOTE).listTasks(NODE, { auth: wallet }), InsecureEndpointError);
  });

  it('sends an ssh:// endpoint\'s requests to its tunnel', async () => {
    const { fetch, requests } = recordingFetch([ok({ mining_nodes: [] })]);
    const registry = new ClientRegistry({ timeoutMs: () => 1000, fetch, tunnel: async () => 'http://127.0.0.1:45999' });
    await registry.client('ssh://me@gpu-box').listNodes();
    assert.strictEqual(requests[0]!.url, 'http://127.0.0.1:45999/api/v1/mining_nodes');
  });

  it('a refused request becomes a warning row that offers to secure the connection', () => {
    const c: ModelContext = { endpoints: [{ url: REMOTE, nodes: [{ id: NODE }] }], store: new TreeStore(), credentialFor: () => undefined, t: englishT };
    const row = errorRow(c, 'x', new InsecureEndpointError(REMOTE, 'tasks.list'), { endpoint: REMOTE });
    assert.strictEqual(row.action, 'secure');
    assert.strictEqual(row.severity, 'warning');
    assert.match(row.text, /^http:\/\/192\.0\.2\.10:5002 is on another machine and is reached over plain http, .*DBC sent nothing\. Secure the connection: an SSH tunnel/);
    const p = present(c, row);
    assert.deepStrictEqual(p.command, { command: 'dbc.endpoint.secure', title: 'Secure the Connection…', arguments: [{ endpoint: REMOTE }] });
    assert.strictEqual(p.contextValue, 'dbc.message;action=secure');
    assert.strictEqual(describeError(new InsecureEndpointError(REMOTE, 'tasks.list'), englishT).kind, 'input');
  });
});
