// Issue 13 item 4: what the editor glue remembers is bounded by what exists. The Machines view's provider
// keeps a row (and its parent) only while a parent it was asked about still lists it; the read-only info
// documents keep a text only until its editor closes, and at most 50. Loaded with a small fake `vscode`
// (support/fakeVscode.ts): the maps are plain code, the editor only asks and closes.
import * as assert from 'assert';
import type { TaskSummary } from '../../../src/api/types';
import type { EndpointConfig } from '../../../src/config/model/endpoints';
import { nodeKey, vmKey, type NodeRef } from '../../../src/config/model/refs';
import type { Element } from '../../../src/tree/model/elements';
import { machinesChildren, type ModelContext } from '../../../src/tree/model/machinesModel';
import { TreeStore } from '../../../src/tree/model/treeStore';
import { englishT } from '../../../src/ui/model/translate';
import type * as TreeProviderModule from '../../../src/tree/treeProvider';
import type * as InfoDocumentsModule from '../../../src/ui/infoDocuments';
import { closeTextDocument, opened, requireWithFakeVscode } from './support/fakeVscode';

const { DbcTreeProvider } = requireWithFakeVscode<typeof TreeProviderModule>(require.resolve('../../../src/tree/treeProvider'));
const { InfoDocuments, INFO_SCHEME } = requireWithFakeVscode<typeof InfoDocumentsModule>(require.resolve('../../../src/ui/infoDocuments'));

const URL = 'http://127.0.0.1:5002';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const refA: NodeRef = { endpoint: URL, nodeId: A };
const refB: NodeRef = { endpoint: URL, nodeId: B };
const WALLET = { kind: 'wallet' as const, label: 'demo', address: '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN' };

const tasks = (prefix: string, n: number): TaskSummary[] => Array.from({ length: n }, (_, i) => ({ task_id: `${prefix}${i}`, status: 'running', create_time: `2026-01-0${i + 1} 10:00:00` }));

function setup() {
  const store = new TreeStore(() => 1);
  let endpoints: EndpointConfig[] = [{ url: URL, nodes: [{ id: A }, { id: B }] }];
  const ctx = (): ModelContext => ({ endpoints, store, credentialFor: () => WALLET, t: englishT });
  const provider = new DbcTreeProvider({ view: 'machines', children: machinesChildren, context: ctx, load: async () => undefined, taskInfo: () => Promise.reject(new Error('not here')) });
  store.setTasks(refA, tasks('a', 3));
  store.setTasks(refB, tasks('b', 4));
  for (const t of tasks('a', 3)) store.setSnapshots({ ...refA, taskId: t.task_id }, [{ snapshot_name: `s-${t.task_id}` }]);
  /** Asks for every row an open view shows: endpoints, nodes and VMs expanded. Returns how many rows it got. */
  const walk = async (): Promise<number> => {
    let rows = 0;
    const visit = async (el?: Element): Promise<void> => {
      const children = await provider.getChildren(el);
      rows += children.length;
      for (const c of children) if (c.kind === 'endpoint' || c.kind === 'node' || c.kind === 'vm') await visit(c);
    };
    await visit();
    return rows;
  };
  return { store, provider, walk, setEndpoints: (e: EndpointConfig[]) => { endpoints = e; } };
}

describe('bounded maps: the Machines view provider', () => {
  it('holds exactly the rows it listed, however often the view asks', async () => {
    const { provider, walk } = setup();
    const rows = await walk();
    // 1 endpoint + 2 nodes + 7 VMs + a snapshot under each of A's VMs (B's VMs have no snapshot list yet: nothing under them)
    assert.strictEqual(provider.size, rows);
    for (let i = 0; i < 5; i++) assert.strictEqual(await walk(), rows);
    assert.strictEqual(provider.size, rows);
  });

  it('forgets a deleted VM and the rows under it at the next look at its node', async () => {
    const { store, provider, walk } = setup();
    await walk();
    const before = provider.size;
    const gone = { ...refA, taskId: 'a0' };
    assert.ok(provider.find(vmKey(gone)));
    store.setTasks(refA, tasks('a', 3).filter((t) => t.task_id !== 'a0'));
    await provider.getChildren(provider.find(nodeKey(refA)));
    assert.strictEqual(provider.find(vmKey(gone)), undefined);
    assert.strictEqual(provider.find(`${vmKey(gone)}/snap:s-a0`), undefined, 'its snapshot row too');
    assert.strictEqual(provider.size, before - 2);
    assert.strictEqual(await walk(), provider.size);
  });

  it('forgets a removed node with all its VMs, and everything when no node is configured', async () => {
    const { provider, walk, setEndpoints } = setup();
    await walk();
    setEndpoints([{ url: URL, nodes: [{ id: A }] }]);
    const rows = await walk();
    assert.strictEqual(provider.size, rows);
    assert.strictEqual(provider.find(nodeKey(refB)), undefined);
    assert.strictEqual(provider.find(vmKey({ ...refB, taskId: 'b0' })), undefined);
    setEndpoints([]);
    assert.strictEqual(await walk(), 0);
    assert.strictEqual(provider.size, 0);
  });

  it('stays the same size over many rounds of VMs created and deleted', async () => {
    const { store, provider, walk } = setup();
    const sizes: number[] = [];
    for (let round = 0; round < 40; round++) {
      store.setTasks(refB, tasks(`r${round}-`, 4)); // every VM of B replaced by new ones
      await walk();
      sizes.push(provider.size);
    }
    assert.deepStrictEqual(new Set(sizes).size, 1, `sizes: ${sizes.join(',')}`);
  });
});

describe('bounded maps: the read-only info documents', () => {
  const kept = (docs: object) => (docs as unknown as { contents: Map<string, string> }).contents.size;

  it('keeps a document\'s text until its editor closes, then forgets it', async () => {
    const docs = new InfoDocuments();
    opened.length = 0;
    await docs.showJson('node info', { a: 1 });
    await docs.showJson('vm info', { login_password: 'secret!', b: 2 });
    const [first, second] = opened;
    assert.match(docs.provideTextDocumentContent(first as never), /"a": 1/);
    assert.doesNotMatch(docs.provideTextDocumentContent(second as never), /secret!/);
    closeTextDocument({ scheme: 'file', path: '/x', toString: () => 'file:/x' });
    assert.strictEqual(kept(docs), 2, 'other schemes change nothing');
    closeTextDocument(first!);
    assert.strictEqual(docs.provideTextDocumentContent(first as never), '');
    assert.match(docs.provideTextDocumentContent(second as never), /"b": 2/);
    assert.strictEqual(kept(docs), 1);
    closeTextDocument(second!);
    assert.strictEqual(kept(docs), 0);
    assert.strictEqual(first!.scheme, INFO_SCHEME);
    docs.dispose();
  });

  it('keeps at most 50 when the editor never reports them closed (previews replaced), the newest', async () => {
    const docs = new InfoDocuments();
    opened.length = 0;
    for (let i = 0; i < 120; i++) await docs.showJson(`doc ${i}`, { i });
    assert.strictEqual(kept(docs), 50);
    assert.strictEqual(docs.provideTextDocumentContent(opened[69] as never), '');
    assert.match(docs.provideTextDocumentContent(opened[70] as never), /"i": 70/);
    assert.match(docs.provideTextDocumentContent(opened[119] as never), /"i": 119/);
    docs.dispose();
    assert.strictEqual(kept(docs), 0);
  });
});
