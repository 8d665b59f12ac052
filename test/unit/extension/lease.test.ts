// The lease guard's pure parts: which rentals a node row shows and how (time left, ended, end block
// only), VM rows and tooltips, the row menus' rental facet, and when each warning is due.
import * as assert from 'assert';
import { GpuNodeError } from '../../../src/api/errors';
import type { RentOrderEntry, TaskInfo } from '../../../src/api/types';
import { BlockClock } from '../../../src/chain/blockClock';
import type { NodeRef } from '../../../src/config/model/refs';
import type { NodeRentOrderView } from '../../../src/access/rentOrders';
import type { CredentialSummary } from '../../../src/secrets/credentialSchema';
import { knownRecords, nodeLeases, vmLease, type NodeLease } from '../../../src/tree/model/leaseModel';
import { durationText, leaseRowText } from '../../../src/tree/model/leaseText';
import type { ModelContext } from '../../../src/tree/model/machinesModel';
import { nodeElement, vmElement } from '../../../src/tree/model/machinesModel';
import { present } from '../../../src/tree/model/present';
import { TreeStore } from '../../../src/tree/model/treeStore';
import { englishT } from '../../../src/ui/model/translate';
import { dueWarning, emptyMemory, ENDED, mute, remember, secondsToNextWarning } from '../../../src/watch/model/leaseWarnings';

const URL = 'http://127.0.0.1:5002';
const NODE = 'c'.repeat(64);
const ref: NodeRef = { endpoint: URL, nodeId: NODE };
const ME = '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN';
const WALLET: CredentialSummary = { kind: 'wallet', label: 'demo', address: ME };
const NOW = Date.UTC(2026, 4, 6, 9, 0);
const THRESHOLDS = [86_400, 7200, 900];

const record = (id: string, end: number, renter = ME, gpus = [2, 3]): RentOrderEntry => ({
  id, renter, rent_end: String(end), rent_status: 'renting', gpu_nums: String(gpus.length), gpu_index: gpus,
});

/** A clock that read block `block` at NOW. */
function clockAt(block: number): BlockClock {
  const c = new BlockClock();
  c.observe({ block, seenAtMs: NOW });
  return c;
}

function leasesAt(block: number | undefined, records: RentOrderEntry[], now = NOW): NodeLease[] {
  const clock = block === undefined ? new BlockClock() : clockAt(block);
  return nodeLeases(records, ref, ME, { clock, now, soonSeconds: 86_400 });
}

/** The node's rent records, as RentOrders would have read them. */
let records: RentOrderEntry[] = [];

function context(store: TreeStore, block: number | undefined, chainError?: string, rent?: NodeRentOrderView): ModelContext {
  return {
    endpoints: [{ url: URL, nodes: [{ id: NODE, name: 'sim-gpu-c' }] }], store, credentialFor: () => WALLET, t: englishT,
    leases: () => leasesAt(block, records),
    rentOrderOf: () => rent,
    chainError: () => chainError,
  };
}

describe('lease guard: rows and tooltips', () => {
  it('counts down in chain time: the two largest units', () => {
    assert.deepStrictEqual([durationText(englishT, 187_200), durationText(englishT, 3900), durationText(englishT, 59)], ['2 d 4 h', '1 h 5 min', 'less than a minute']);
    const [l] = leasesAt(4_000_000, [record('1042', 4_000_600)]);
    assert.strictEqual(leaseRowText(englishT, l!), '1 h left');
    assert.strictEqual(l!.stage, 'ending');
  });

  it('after the end: "lease ended — VM will be deleted in …" (3 days of blocks after the end), then deleted', () => {
    const [ended] = leasesAt(4_000_600 + 60, [record('1042', 4_000_600)]);
    assert.strictEqual(leaseRowText(englishT, ended!), 'lease ended — VM will be deleted in 2 d 23 h');
    assert.strictEqual(ended!.stage, 'ended');
    const [gone] = leasesAt(4_000_600 + 3 * 14_400 + 1, [record('1042', 4_000_600)]);
    assert.strictEqual(leaseRowText(englishT, gone!), 'lease ended — VMs deleted');
  });

  it('without a chain reading: the end block only', () => {
    const [l] = leasesAt(undefined, [record('1042', 4_000_600)]);
    assert.strictEqual(leaseRowText(englishT, l!), 'rental ends at block 4000600');
  });

  it('uses the records the node gave now, else those saved for the same wallet (never without a credential)', () => {
    const saved = { wallet: ME, records: [record('1042', 4_000_600)] };
    assert.strictEqual(knownRecords(undefined, saved, ME), saved.records);
    assert.strictEqual(knownRecords(undefined, saved, 'someone else'), undefined);
    assert.strictEqual(knownRecords(undefined, saved, undefined), undefined);
    assert.strictEqual(knownRecords(undefined, undefined, undefined), undefined);
    assert.deepStrictEqual(knownRecords([], saved, ME), []);
  });

  it('keeps only the credential\'s rentals, the most urgent first', () => {
    const leases = leasesAt(4_000_000, [record('9', 4_400_000), record('5', 4_000_300, 'someone else'), record('1042', 3_999_000), record(ME, 4_200_000, ME, [0, 1, 2, 3])]);
    assert.deepStrictEqual(leases.map((l) => [l.lease.rentOrder ?? 'whole', l.stage]), [['1042', 'ended'], [ 'whole', 'active'], ['9', 'active']]);
  });

  it('the node row leads with the time left, says the rental in its tooltip and offers the lease actions', () => {
    const store = new TreeStore();
    records = [record('1042', 4_000_600)];
    store.setInfo(ref, { gpu: { gpu_count: '8', gpu_used: '2' } });
    store.setTasks(ref, []);
    const p = present(context(store, 4_000_000), nodeElement(ref));
    assert.strictEqual(p.description, '1 h left · 2/8 GPUs');
    assert.match(p.tooltip!, /\| Rent order 1042 \| GPUs 2, 3 · ends at block 4000600, \d{4}-\d\d-\d\d \d\d:\d\d · 1 h left \|/);
    assert.strictEqual(p.contextValue, 'dbc.node;cred=wallet;rental=ending;status=ok');
    assert.strictEqual(p.icon?.color, 'list.warningForeground');
    const unknown = present(context(store, undefined, 'cannot reach https://httpinfo.dbcwallet.io'), nodeElement(ref));
    assert.strictEqual(unknown.description, 'rental ends at block 4000600 · 2/8 GPUs');
    assert.match(unknown.tooltip!, /time left unknown: cannot reach https:\/\/httpinfo\.dbcwallet\.io/);
    records = [];
    assert.strictEqual(present(context(store, 4_000_000), nodeElement(ref)).contextValue, 'dbc.node;cred=wallet;status=ok', 'no rental, no facet');
  });

  it('one node row with the rent order the requests carry: its order and GPUs once, its rental row says why it is used', () => {
    const store = new TreeStore();
    records = [record('1042', 4_000_600)];
    store.setInfo(ref, { gpu: { gpu_count: '8', gpu_used: '2' } });
    store.setTasks(ref, []);
    const rent: NodeRentOrderView = { kind: 'found', id: '1042', entry: records[0], orders: records };
    const p = present(context(store, 4_000_000, undefined, rent), nodeElement(ref));
    assert.strictEqual(p.description, '1 h left · order 1042 · GPUs 2,3 · 2/8 GPUs');
    assert.strictEqual(p.tooltip!.match(/Rent order/g)?.length, 1, p.tooltip);
    assert.match(p.tooltip!, /\| Rent order 1042 \| GPUs 2, 3 · ends at block 4000600, [^|]* · 1 h left \(the wallet's only order on the node\) \|/);
    const several: NodeRentOrderView = { kind: 'several', orders: [record('1042', 4_000_600), record('1187', 4_100_000)] };
    records = several.orders;
    const choose = present(context(store, 4_000_000, undefined, several), nodeElement(ref));
    assert.match(choose.tooltip!, /\| Rent order \| 2 orders of this wallet: 1042, 1187 — choose one \|/, 'the choice stays');
    assert.match(choose.tooltip!, /\| Rent order 1187 \| GPUs 2, 3 · ends at block 4100000/);
    assert.strictEqual(choose.description, 'order 1042: 1 h left · choose a rent order · 2/8 GPUs', 'the time left names its order when it is not the one shown');
    const chosen: NodeRentOrderView = { kind: 'chosen', id: '1187', entry: records[1], orders: records };
    assert.strictEqual(present(context(store, 4_000_000, undefined, chosen), nodeElement(ref)).description, 'order 1042: 1 h left · order 1187 · GPUs 2,3 · 2/8 GPUs');
    const same: NodeRentOrderView = { kind: 'chosen', id: '1042', entry: records[0], orders: records };
    assert.strictEqual(present(context(store, 4_000_000, undefined, same), nodeElement(ref)).description, '1 h left · order 1042 · GPUs 2,3 · 2/8 GPUs');
  });

  it('an ended rental explains the node\'s refusal ("wallet not rented") instead of "rented by someone else"', () => {
    const store = new TreeStore();
    records = [record('1042', 4_000_000)];
    store.setTasks(ref, undefined, new GpuNodeError('tasks.list', -3, 'check authority failed: wallet not rented'));
    const p = present(context(store, 4_000_100), nodeElement(ref));
    assert.strictEqual(p.description, 'lease ended — VM will be deleted in 2 d 23 h');
    assert.doesNotMatch(p.tooltip!, /not by this credential/);
    assert.strictEqual(p.icon?.color, 'list.warningForeground');
    assert.strictEqual(p.contextValue, 'dbc.node;cred=wallet;rental=ended;status=rentedByOther');
    records = [];
    assert.strictEqual(present(context(store, 4_000_100), nodeElement(ref)).description, 'rented by someone else', 'no rental of ours known: the node\'s words');
  });

  it('a VM of an ended rental says so on its row and in its tooltip; its rental is the one its task info names', () => {
    const store = new TreeStore();
    records = [record('1042', 4_000_000), record('1187', 4_100_000, ME, [4])];
    store.setTasks(ref, [{ task_id: 'DemoVm2LeaseEndsTask01', status: 'closed', desc: 'lease-ends-soon' }]);
    const vm = { ...ref, taskId: 'DemoVm2LeaseEndsTask01' };
    const info: TaskInfo = { task_id: vm.taskId, status: 'closed', rent_order: '1042', ssh_ip: '127.0.0.1', ssh_port: '20023' };
    const before = present(context(store, 4_000_100), vmElement(vm));
    assert.strictEqual(before.description, 'Stopped', 'two rentals on the node: unknown until the task info says which');
    store.setTaskInfo(vm, info);
    const p = present(context(store, 4_000_100), vmElement(vm));
    assert.strictEqual(p.description, 'Stopped · lease ended — VM will be deleted in 2 d 23 h');
    assert.match(p.tooltip!, /Rent order 1042 \| GPUs 2, 3 · ended at block 4000000/);
    assert.strictEqual(p.tooltip!.match(/Rent order/g)?.length, 1, 'the rental row stands for the VM\'s rent order row');
    assert.match(p.contextValue, /;rental=ended;state=stopped$/);
    assert.strictEqual(vmLease(leasesAt(4_000_100, [record('1042', 4_000_000)]), undefined)?.lease.rentOrder, '1042', 'the only rental');
  });
});

describe('lease guard: when to warn', () => {
  const at = (secondsLeft: number, end = 4_000_600) => leasesAt(end - secondsLeft / 6, [record('1042', end)])[0]!;

  it('warns at each threshold once, the most urgent one when several passed unseen', () => {
    let memory = emptyMemory();
    assert.strictEqual(dueWarning(at(90_000), THRESHOLDS, memory), undefined);
    assert.strictEqual(secondsToNextWarning(at(90_000), THRESHOLDS, memory), 3600);
    const day = dueWarning(at(86_000), THRESHOLDS, memory);
    assert.deepStrictEqual(day, { kind: 'before', threshold: 86_400 });
    memory = remember(memory, at(86_000), day!, THRESHOLDS);
    assert.strictEqual(dueWarning(at(80_000), THRESHOLDS, memory), undefined, 'once per threshold');
    const late = dueWarning(at(600), THRESHOLDS, memory);
    assert.deepStrictEqual(late, { kind: 'before', threshold: 900 }, 'the editor was closed through the 2 h mark');
    memory = remember(memory, at(600), late!, THRESHOLDS);
    assert.deepStrictEqual(memory.shown[at(600).key], [86_400, 7200, 900]);
    assert.strictEqual(secondsToNextWarning(at(600), THRESHOLDS, memory), 600, 'next: the end itself');
    const ended = leasesAt(4_000_700, [record('1042', 4_000_600)])[0]!;
    assert.deepStrictEqual(dueWarning(ended, THRESHOLDS, memory), { kind: 'ended' });
    memory = remember(memory, ended, { kind: 'ended' }, THRESHOLDS);
    assert.ok(memory.shown[ended.key]!.includes(ENDED));
    assert.strictEqual(dueWarning(ended, THRESHOLDS, memory), undefined);
  });

  it('a renewal (a later end) is warned again; "Don\'t warn for this rental" silences it for good', () => {
    let memory = remember(emptyMemory(), at(600), { kind: 'before', threshold: 900 }, THRESHOLDS);
    const renewed = at(600, 4_100_600);
    assert.deepStrictEqual(dueWarning(renewed, THRESHOLDS, memory), { kind: 'before', threshold: 900 });
    memory = mute(memory, renewed.orderKey);
    assert.strictEqual(dueWarning(renewed, THRESHOLDS, memory), undefined);
    assert.strictEqual(secondsToNextWarning(renewed, THRESHOLDS, memory), undefined);
  });

  it('says nothing without a chain reading, or with no thresholds (the setting turned off)', () => {
    const unknown = leasesAt(undefined, [record('1042', 4_000_600)])[0]!;
    assert.strictEqual(dueWarning(unknown, THRESHOLDS, emptyMemory()), undefined);
    assert.strictEqual(dueWarning(at(600), [], emptyMemory()), undefined);
    assert.strictEqual(dueWarning(leasesAt(4_000_700, [record('1042', 4_000_600)])[0]!, [], emptyMemory()), undefined);
    assert.strictEqual(secondsToNextWarning(at(600), [], emptyMemory()), undefined);
  });
});
