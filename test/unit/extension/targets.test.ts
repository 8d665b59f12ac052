// Command arguments → targets: tree rows with multi-selection, programmatic objects, endpoints.
import * as assert from 'assert';
import type { CommandServices } from '../../../src/flows/commandServices';
import { endpointFor, endpointOf, nodeRefOf, optionsOf, vmRefsOf } from '../../../src/commands/model/targets';
import type { Element } from '../../../src/tree/model/elements';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const svc = {
  settings: { value: { endpoints: [{ url: 'http://one:1', nodes: [{ id: A }] }, { url: 'http://two:2', nodes: [{ id: B }] }] } },
} as unknown as CommandServices;

const vm = (nodeId: string, taskId: string, endpoint = 'http://one:1'): Element => ({ kind: 'vm', id: `vm:${taskId}`, ref: { endpoint, nodeId, taskId } });

describe('command targets', () => {
  it('uses the multi-selection when the clicked row is part of it', () => {
    const refs = vmRefsOf(svc, [vm(A, 't1'), [vm(A, 't1'), vm(B, 't2', 'http://two:2')]]);
    assert.deepStrictEqual(refs?.map((r) => r.taskId), ['t1', 't2']);
  });

  it('accepts programmatic objects and finds the endpoint a node is configured under', () => {
    assert.deepStrictEqual(vmRefsOf(svc, [{ nodeId: B.toUpperCase(), taskId: 't' }]), [{ endpoint: 'http://two:2', nodeId: B, taskId: 't' }]);
    assert.deepStrictEqual(vmRefsOf(svc, [[{ nodeId: A, taskId: 'x' }, { nodeId: A, taskId: 'y', endpoint: 'http://one:1/' }]])?.map((r) => r.endpoint), ['http://one:1', 'http://one:1']);
    assert.strictEqual(endpointFor(svc, 'c'.repeat(64)), 'http://one:1', 'unknown nodes go to the first endpoint');
  });

  it('asks (undefined) when nothing usable is given', () => {
    assert.strictEqual(vmRefsOf(svc, []), undefined);
    assert.strictEqual(vmRefsOf(svc, [{ nodeId: A }]), undefined);
    assert.strictEqual(nodeRefOf(svc, { kind: 'endpoint', id: 'e', url: 'http://one:1' }), undefined);
  });

  it('reads nodes from node, VM, image and message rows, and endpoints from rows or objects', () => {
    assert.deepStrictEqual(nodeRefOf(svc, vm(A, 't')), { endpoint: 'http://one:1', nodeId: A });
    assert.deepStrictEqual(nodeRefOf(svc, { kind: 'image', id: 'i', endpoint: 'http://two:2', name: 'x', nodeId: B }), { endpoint: 'http://two:2', nodeId: B });
    assert.strictEqual(endpointOf({ url: 'http://x:1' }), 'http://x:1');
    assert.strictEqual(endpointOf({ kind: 'message', id: 'm', severity: 'error', text: '', action: 'retry', endpoint: 'http://y:1' }), 'http://y:1');
    assert.deepStrictEqual(optionsOf(vm(A, 't')), {}, 'tree rows are not option bags');
  });
});
