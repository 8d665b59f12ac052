// The pure GPU and port parts of the editor: the row figure and tooltip cells, forward rows under a VM,
// and what the GPU monitor page and its messages contain.
import * as assert from 'assert';
import type { GpuReading } from '../../../src/core/gpu/smiParse';
import { gpuFigure, gpuTooltip, portsTooltip } from '../../../src/tree/model/gpuFormat';
import { machinesChildren, type ModelContext } from '../../../src/tree/model/machinesModel';
import { present } from '../../../src/tree/model/present';
import { TreeStore } from '../../../src/tree/model/treeStore';
import { monitorHtml, monitorStatus, monitorStrings, sampleMessage } from '../../../src/views/model/gpuMonitorModel';

const t = (s: string, ...args: unknown[]): string => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
const gpu = (index: number, utilization: number | null, used: number | null): GpuReading => ({
  index, uuid: `GPU-${index}`, name: 'NVIDIA GeForce RTX 4090', utilization, memoryUsedMib: used, memoryTotalMib: 24564, temperatureC: 66, powerW: 312.4,
});

describe('GPU and ports in the tree', () => {
  it('shows the figure only for a reading, and says why there is none in the tooltip', () => {
    assert.strictEqual(gpuFigure(t, { kind: 'reading', gpus: [gpu(0, 87, 21504)], at: 0 }), 'GPU 87 % · 21/24 GiB');
    assert.strictEqual(gpuFigure(t, { kind: 'reading', gpus: [gpu(0, null, 512)], at: 0 }), 'GPU — % · 0.5/24 GiB');
    assert.strictEqual(gpuFigure(t, { kind: 'no-key' }), undefined);
    assert.strictEqual(gpuTooltip(t, { kind: 'no-key' }), 'Connect once to enable GPU monitoring.');
    assert.strictEqual(gpuTooltip(t, { kind: 'failed', detail: 'a *bad* [day]' }), 'Not read: a \\*bad\\* \\[day\\]');
    assert.strictEqual(gpuTooltip(t, { kind: 'reading', gpus: [gpu(0, 87, 21504), gpu(1, null, null)], at: 0 }),
      '0: NVIDIA GeForce RTX 4090 · 87 % · 21504 MiB / 24564 MiB · 66 °C · 312 W<br>1: NVIDIA GeForce RTX 4090 · — · — / 24564 MiB · 66 °C · 312 W');
    assert.strictEqual(portsTooltip({ task_id: 'x', status: 'running', ssh_ip: '1.2.3.4', ssh_port: '20022', vnc_port: '5901' }, ['tcp,20888:8888']),
      '`ssh 22 → 1.2.3.4:20022`<br>`vnc → 1.2.3.4:5901`<br>`tcp 8888 → 1.2.3.4:20888`');
  });

  it('lists active forwards under their VM, before the snapshots, with open and stop actions', () => {
    const store = new TreeStore();
    const ref = { endpoint: 'http://127.0.0.1:5002', nodeId: 'ab'.repeat(32), taskId: 'Task1' };
    store.setTasks(ref, [{ task_id: 'Task1', status: 'running', desc: 'train' }]);
    store.setSnapshots(ref, []);
    const ctx: ModelContext = {
      endpoints: [{ url: ref.endpoint, nodes: [{ id: ref.nodeId }] }], store, credentialFor: () => undefined, t,
      forwards: () => [{ remotePort: 8888, localPort: 41234, url: 'http://127.0.0.1:41234/' }],
      gpu: () => ({ kind: 'reading', gpus: [gpu(0, 50, 12288)], at: 0 }),
    };
    const children = machinesChildren(ctx, { kind: 'vm', id: 'vm', ref }).items;
    assert.deepStrictEqual(children.map((c) => c.kind), ['forward', 'message']);
    const row = present(ctx, children[0]!);
    assert.deepStrictEqual([row.label, row.description, row.contextValue, row.icon?.id, row.command?.command], ['Port 8888', '→ 127.0.0.1:41234', 'dbc.forward', 'radio-tower', 'dbc.forward.openInBrowser']);
    assert.strictEqual(present(ctx, { kind: 'vm', id: 'vm', ref }).description, 'Running · GPU 50 % · 12/24 GiB');
  });
});

describe('GPU monitor page and messages', () => {
  it('loads nothing but its own script (with a nonce) and style', () => {
    const html = monitorHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/monitor.js', styleUri: 'https://x/monitor.css', title: '<vm> & "co"', lang: 'zh-cn' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.strictEqual(csp, "default-src &#39;none&#39;; style-src https://x.vscode-cdn.net; script-src &#39;nonce-abc123&#39;; img-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net");
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/monitor\.js"><\/script>/);
    assert.match(html, /<title>&#60;vm&#62; &#38; &#34;co&#34;<\/title>/);
    assert.doesNotMatch(html, /<script>|\son\w+=|http:\/\//);
  });

  it('turns samples into messages the page can draw, with a reason when there are no readings', () => {
    const ok = sampleMessage(t, { at: 5, status: { kind: 'ok', gpus: [gpu(0, 87, 21504)], processes: [], warnings: [] } });
    assert.deepStrictEqual(ok, { at: 5, kind: 'ok', gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 4090', utilization: 87, memory_used_mib: 21504, memory_total_mib: 24564, temperature_c: 66, power_w: 312.4 }], processes: [] });
    assert.deepStrictEqual(sampleMessage(t, { at: 6, status: { kind: 'unreachable', detail: 'timed out' } }), { at: 6, kind: 'unreachable', gpus: [], processes: [], text: 'Could not read the GPUs: timed out' });
    assert.deepStrictEqual(monitorStatus(t, { running: false, noKey: false, intervalMs: 5000 }), { kind: 'problem', text: 'The VM is not running: monitoring stopped.' });
    assert.deepStrictEqual(monitorStatus(t, { running: true, noKey: false, intervalMs: 5000 }), { kind: 'sampling', text: 'Read every 5 s while visible' });
    assert.ok(Object.values(monitorStrings(t)).every((s) => s.length > 0));
  });
});
