// The pure parts of Modify VM, Create Snapshot, image transfers and the remembered Create VM choices.
import * as assert from 'assert';
import type { SnapshotInfo, TaskInfo, TransferProgress } from '../../../src/api/types';
import { lastChoices, rememberChoices } from '../../../src/flows/create/model/lastChoices';
import { parsePortTokens, planPortTokens } from '../../../src/flows/create/model/customPorts';
import { APPLY, choicesFor, describeChanges, fieldItems, isNextBootReply, isRunningRefusal, withAnswer } from '../../../src/flows/modify/model/modifyModel';
import { percent, watchTransferProgress } from '../../../src/flows/image/model/transferModel';
import { defaultSnapshotName, watchSnapshot } from '../../../src/flows/snapshot/model/snapshotModel';
import { englishT } from '../../../src/ui/model/translate';

const info: TaskInfo = { task_id: 'T', status: 'running', os: 'linux', ssh_port: '20022', vnc_port: '5901', gpu_count: 1, cpu_cores: 8, mem_size: '32G' };
const never = new AbortController().signal;
const noSleep = async () => undefined;

describe('Modify VM model', () => {
  it('lists the fields for the OS with their current values', () => {
    assert.deepStrictEqual(choicesFor(info).map((c) => c.field), ['new_ssh_port', 'new_vnc_port', 'new_gpu_count', 'new_cpu_cores', 'new_mem_size', 'new_custom_port', 'new_public_ip']);
    assert.deepStrictEqual(choicesFor({ ...info, os: 'windows 10' }).map((c) => c.field)[0], 'new_rdp_port');
    const items = fieldItems(englishT, info, {});
    assert.deepStrictEqual(items.slice(0, 5).map((i) => i.description), ['now 20022', 'now 5901', 'now 1', 'now 8', 'now 32']);
    assert.strictEqual(items[5]!.description, 'current value not reported');
  });

  it('collects changes, drops a value equal to the current one, and offers Apply first', () => {
    let changes = withAnswer(info, {}, 'new_cpu_cores', '16');
    changes = withAnswer(info, changes, 'new_vnc_port', '5901');
    changes = withAnswer(info, changes, 'new_custom_port', 'tcp,8080 udp,6000');
    assert.deepStrictEqual(changes, { new_cpu_cores: '16', new_custom_port: ['tcp,8080', 'udp,6000'] });
    const items = fieldItems(englishT, info, changes);
    assert.strictEqual(items[0]!.value, APPLY);
    assert.match(items[0]!.label, /Apply 2 change/);
    assert.strictEqual(describeChanges(englishT, info, changes), 'CPU cores: 8 → 16 · Custom port forwards: ? → tcp,8080 udp,6000');
    assert.deepStrictEqual(withAnswer(info, {}, 'new_custom_port', ''), { new_custom_port: [] }, 'an empty list removes every forward');
  });

  it('shows the VM\'s own public IP and takes an empty answer as "remove it"', () => {
    const withIp = { ...info, public_ip: '203.0.113.9' };
    assert.strictEqual(fieldItems(englishT, withIp, {}).find((i) => i.value === 'new_public_ip')!.description, 'now 203.0.113.9');
    assert.deepStrictEqual(withAnswer(withIp, {}, 'new_public_ip', '203.0.113.9'), {}, 'the same IP is no change (it is sent again anyway)');
    assert.deepStrictEqual(withAnswer(withIp, {}, 'new_public_ip', ''), { new_public_ip: '' });
    assert.deepStrictEqual(withAnswer({ ...info, public_ip: '' }, {}, 'new_public_ip', ''), {}, 'none stays none');
  });

  it('reads the node\'s answers', () => {
    assert.ok(isNextBootReply('some changes will take effect on the next boot'));
    assert.ok(!isNextBootReply('ok'));
    assert.ok(isRunningRefusal('task is running, please close it first'));
    assert.ok(!isRunningRefusal('new_ssh_port 22 has been used!'));
  });
});

describe('Create Snapshot model', () => {
  it('proposes a file-name-safe default name', () => {
    assert.strictEqual(defaultSnapshotName('my vm (1)', new Date('2024-05-06T10:00:00Z')), 'my-vm--1--2024-05-06');
    assert.strictEqual(defaultSnapshotName('—', new Date('2024-05-06T10:00:00Z')), 'snapshot-2024-05-06');
  });

  it('watches S2 until done, or until the entry disappears', async () => {
    const replies: (SnapshotInfo | undefined)[] = [{ snapshot_name: 's', status: 'creating' }, { snapshot_name: 's', status: 'uploading' }, { snapshot_name: 's', status: 'none' }];
    const seen: string[] = [];
    const done = await watchSnapshot({ read: async () => replies.shift(), sleep: noSleep, signal: never, intervalMs: 1, onStatus: (i) => seen.push(i.status!) });
    assert.strictEqual(done.kind, 'done');
    assert.deepStrictEqual(seen, ['creating', 'uploading', 'none']);
    const gone = [{ snapshot_name: 's', status: 'uploading' }, undefined];
    assert.strictEqual((await watchSnapshot({ read: async () => gone.shift(), sleep: noSleep, signal: never, intervalMs: 1 })).kind, 'failed');
  });
});

describe('image transfer progress', () => {
  it('reads percentages and reports increments until done', async () => {
    assert.strictEqual(percent({ status: 'downloading', progress: '42%' }), 42);
    assert.strictEqual(percent({ status: 'downloading', progress: 'n/a' }), 0);
    const replies: TransferProgress[] = [{ status: 'downloading', progress: '10%' }, { status: 'downloading', progress: '60%' }, { status: 'done', progress: '100%' }];
    const increments: number[] = [];
    const outcome = await watchTransferProgress({ read: async () => replies.shift()!, sleep: noSleep, signal: never, intervalMs: 1, onProgress: (_, inc) => increments.push(inc) });
    assert.strictEqual(outcome.kind, 'done');
    assert.deepStrictEqual(increments, [10, 50, 40]);
  });

  it('ends as cancelled once the signal aborts', async () => {
    const c = new AbortController();
    const outcome = await watchTransferProgress({ read: async () => (c.abort(), { status: 'uploading', progress: '5%' }), sleep: noSleep, signal: c.signal, intervalMs: 1 });
    assert.strictEqual(outcome.kind, 'cancelled');
  });
});

describe('extra ports and remembered choices', () => {
  it('parses guest ports with protocols and refuses garbage', () => {
    const ok = parsePortTokens('8888 6000-6010/udp 7000/tcp/udp tcp,80:8080');
    assert.ok(ok.ok);
    if (ok.ok) assert.deepStrictEqual(planPortTokens(ok.tokens, []).entries, ['tcp,20000:8888', 'udp,20000-20010:6000-6010', 'tcp/udp,20011:7000', 'tcp,80:8080']);
    for (const bad of ['x', '70000', '10-5', 'tcp,0']) assert.strictEqual(parsePortTokens(bad).ok, false, bad);
  });

  it('keeps the last choices per node, without ports or name', async () => {
    const store = new Map<string, unknown>();
    const memento = { get: <T>(k: string) => store.get(k) as T | undefined, update: async (k: string, v: unknown) => void store.set(k, v) };
    await rememberChoices(memento, 'n1', { image_name: 'u.qcow2', cpu_cores: '4', ssh_port: '5600', desc: 'x', customText: '8888' });
    assert.deepStrictEqual(lastChoices(memento, 'n1'), { image_name: 'u.qcow2', cpu_cores: '4', customText: '8888' });
    assert.deepStrictEqual(lastChoices(memento, 'n2'), {});
    store.set('dbc.create.last', { n1: 'garbage' });
    assert.deepStrictEqual(lastChoices(memento, 'n1'), {});
  });
});
