// The dbc.endpoints setting and the typed settings reader.
import * as assert from 'assert';
import {
  endpointLabel, nodeIdsInText, normalizeEndpointUrl, parseEndpoints, toRaw, withEndpoint, withNodeName, withNodeRentOrder, withNodes, withoutNode,
} from '../../../src/config/model/endpoints';
import { readSettings, SETTING } from '../../../src/config/model/settingsModel';

const A = 'A'.repeat(64);
const a = 'a'.repeat(64);
const b = 'b'.repeat(64);

describe('dbc.endpoints', () => {
  it('accepts bare URLs and objects, normalizes URLs and node ids, merges duplicates', () => {
    const parsed = parseEndpoints([
      'http://127.0.0.1:5002/',
      { url: 'http://127.0.0.1:5002/api/v1', name: 'local', nodes: [A, { id: b, name: 'b' }, a] },
      { url: 'https://dbc.example.org:8443', nodes: [] },
    ]);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.endpoints, [
      { url: 'http://127.0.0.1:5002', name: 'local', nodes: [{ id: a }, { id: b, name: 'b' }] },
      { url: 'https://dbc.example.org:8443', nodes: [] },
    ]);
  });

  it('skips and reports bad entries instead of failing', () => {
    const parsed = parseEndpoints(['ftp://x', { url: 'http://h:1', nodes: ['0x12', { name: 'x' }] }, 42]);
    assert.strictEqual(parsed.endpoints.length, 1);
    assert.strictEqual(parsed.problems.length, 4);
    assert.deepStrictEqual(parseEndpoints('nope').endpoints, []);
    assert.deepStrictEqual(parseEndpoints(undefined), { endpoints: [], problems: [] });
  });

  it('normalizes URLs and refuses credentials or queries in them', () => {
    assert.strictEqual(normalizeEndpointUrl(' http://127.0.0.1:5002/api/v1/ '), 'http://127.0.0.1:5002');
    assert.strictEqual(normalizeEndpointUrl('http://user:pw@host:1'), undefined);
    assert.strictEqual(normalizeEndpointUrl('http://host:1/?x=1'), undefined);
    assert.strictEqual(normalizeEndpointUrl('127.0.0.1:5002'), undefined);
    assert.strictEqual(endpointLabel({ url: 'http://127.0.0.1:5002' }), '127.0.0.1:5002');
  });

  it('adds, renames and removes nodes immutably, and writes back the same JSON shape', () => {
    const start = parseEndpoints([{ url: 'http://h:1', nodes: [a] }]).endpoints;
    const added = withNodes(start, 'http://h:1', [{ id: A, name: 'dup' }, { id: b }]);
    assert.deepStrictEqual(added[0]!.nodes, [{ id: a, name: 'dup' }, { id: b }]);
    assert.deepStrictEqual(start[0]!.nodes, [{ id: a }], 'the input is not changed');
    const renamed = withNodeName(added, 'http://h:1', b, 'bee');
    assert.deepStrictEqual(toRaw(withoutNode(renamed, 'http://h:1', a)), [{ url: 'http://h:1', nodes: [{ id: b, name: 'bee' }] }]);
    assert.deepStrictEqual(withEndpoint(start, 'http://h:1/').length, 1);
    assert.throws(() => withEndpoint(start, 'nope'));
  });

  it('keeps a chosen rent order per node (digits only), writes it back, forgets it', () => {
    const parsed = parseEndpoints([{ url: 'http://h:1', nodes: [{ id: a, rentOrder: ' 1042 ' }, { id: b, rentOrder: '12a' }] }]);
    assert.deepStrictEqual(parsed.endpoints[0]!.nodes, [{ id: a, rentOrder: '1042' }, { id: b }]);
    assert.match(parsed.problems.join('\n'), /nodes\[1\]: "rentOrder" must be the number of a rent order/);
    const chosen = withNodeRentOrder(withNodeName(parsed.endpoints, 'http://h:1', b, 'bee'), 'http://h:1', b, '7');
    assert.deepStrictEqual(toRaw(chosen)[0]!.nodes, [{ id: a, rentOrder: '1042' }, { id: b, name: 'bee', rentOrder: '7' }]);
    assert.deepStrictEqual(toRaw(withNodeRentOrder(chosen, 'http://h:1', a, undefined))[0]!.nodes, [{ id: a }, { id: b, name: 'bee', rentOrder: '7' }]);
    assert.deepStrictEqual(withNodeName(chosen, 'http://h:1', b, undefined)[0]!.nodes[1], { id: b, rentOrder: '7' }, 'a rename keeps the order');
    assert.throws(() => withNodeRentOrder(chosen, 'http://h:1', a, '0x12'), /Not a rent order id/);
  });

  it('finds node ids in pasted text', () => {
    assert.deepStrictEqual(nodeIdsInText(`ids: ${A}, ${b}\n"${a}" ${'c'.repeat(65)}`), [a, b]);
  });
});

describe('settings reader', () => {
  it('reads defaults and clamps out-of-range values', () => {
    const values: Record<string, unknown> = {
      [SETTING.endpoints]: ['http://127.0.0.1:5002'], [SETTING.backgroundInterval]: 3, [SETTING.transitionalInterval]: 1,
      [SETTING.concurrency]: 1000, [SETTING.sessionPolling]: undefined, [SETTING.requestTimeout]: 'x', [SETTING.logLines]: 500,
    };
    const s = readSettings((k) => values[k]);
    assert.strictEqual(s.endpoints.length, 1);
    assert.strictEqual(s.backgroundIntervalMs, 10_000);
    assert.strictEqual(s.transitionalIntervalMs, 2_000);
    assert.strictEqual(s.concurrency, 64);
    assert.strictEqual(s.useSessionForPolling, true);
    assert.strictEqual(s.requestTimeoutMs, 40_000);
    assert.strictEqual(s.logLines, 100);
    assert.strictEqual(readSettings((k) => (k === SETTING.backgroundInterval ? 0 : undefined)).backgroundIntervalMs, 0);
  });
});
