// The tree model built from API data, without vscode: rows, labels, descriptions, icons, contexts,
// error rows and the empty states.
import * as assert from 'assert';
import { rentOrderChoiceNeeded } from '../../../src/access/rentOrders';
import { ClientNodeError, GpuNodeError, TransportError } from '../../../src/api/errors';
import type { NodeInfo, TaskInfo, TaskSummary } from '../../../src/api/types';
import type { EndpointConfig } from '../../../src/config/model/endpoints';
import type { Element } from '../../../src/tree/model/elements';
import type { CredentialSummary } from '../../../src/secrets/credentialSchema';
import { imagesChildren } from '../../../src/tree/model/imagesModel';
import { machinesChildren, type ModelContext } from '../../../src/tree/model/machinesModel';
import { present } from '../../../src/tree/model/present';
import type { NodeRef } from '../../../src/config/model/refs';
import { englishT } from '../../../src/ui/model/translate';
import { TreeStore } from '../../../src/tree/model/treeStore';

const URL = 'http://127.0.0.1:5002';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const refA: NodeRef = { endpoint: URL, nodeId: A };
const refB: NodeRef = { endpoint: URL, nodeId: B };
const WALLET: CredentialSummary = { kind: 'wallet', label: 'demo', address: '5Fntii91nq677PtXk5ySM9MoDJ79UY4MrnsZrZYakvJkpiWN' };

const NODE_INFO: NodeInfo = {
  version: '0.4.1.8', os: 'Ubuntu 20.04', cpu: { type: 'EPYC', cores: '64', used_usage: '3%' }, gpu: { gpu_count: '8', gpu_used: '2' },
  mem: { size: '251.57G', free: '240G' }, disk_data: [{ path: '/data', size: '3575.8G', free: '3000G' }], images: [{ image_name: 'ubuntu.qcow2', image_size: '10G' }],
};
const TASKS: TaskSummary[] = [
  { task_id: 'T1runningxxxxxxxxxxxxx', status: 'running', desc: 'train-1', create_time: '2024-05-01 10:00:00' },
  { task_id: 'T2stoppedxxxxxxxxxxxxx', status: 'closed', desc: '', create_time: '2024-05-02 10:00:00' },
  { task_id: 'T3creatingxxxxxxxxxxxx', status: 'creating', desc: 'new', create_time: '2024-05-03 10:00:00' },
  { task_id: 'T4sleepingxxxxxxxxxxxx', status: 'pmsuspend', desc: 'zz', create_time: '2024-05-00 10:00:00' },
];
const INFO: TaskInfo = {
  task_id: 'T1runningxxxxxxxxxxxxx', status: 'running', os: 'linux', ssh_ip: '203.0.113.7', ssh_port: '5684', vnc_port: '5904', user_name: 'dbc',
  login_password: 'S3cretPassw0rd!!', vnc_password: 'S3cretPa', cpu_cores: 8, gpu_count: 1, mem_size: '32G', disks: [{ name: 'vdb', size: '100G' }],
  create_time: '2024-05-01 10:00:00',
};

function ctx(endpoints: EndpointConfig[], store: TreeStore, cred: CredentialSummary | null = WALLET): ModelContext {
  return { endpoints, store, credentialFor: () => cred ?? undefined, t: englishT };
}

const oneEndpoint = (nodes = [{ id: A }, { id: B, name: 'my node' }]): EndpointConfig[] => [{ url: URL, nodes }];

function rows(c: ModelContext, parent?: Element) {
  return machinesChildren(c, parent).items.map((el) => ({ el, p: present(c, el) }));
}

describe('tree model: Machines', () => {
  it('is empty without any node, so the welcome content shows', () => {
    assert.deepStrictEqual(machinesChildren(ctx([], new TreeStore()), undefined).items, []);
    assert.deepStrictEqual(machinesChildren(ctx([{ url: URL, nodes: [] }], new TreeStore()), undefined).items, []);
  });

  it('shows endpoint → nodes with names from settings, discovery or the short id', () => {
    const store = new TreeStore();
    store.setDiscovered(URL, [{ node_id: A, name: 'sim-gpu-a', version: '0.4.1.8' }]);
    const c = ctx(oneEndpoint(), store);
    const [endpoint] = rows(c);
    assert.strictEqual(endpoint!.p.label, '127.0.0.1:5002');
    assert.strictEqual(endpoint!.p.contextValue, 'dbc.endpoint;status=ok');
    assert.strictEqual(endpoint!.p.collapsible, 'expanded');
    const nodes = rows(c, endpoint!.el);
    assert.deepStrictEqual(nodes.map((n) => n.p.label), ['sim-gpu-a', 'my node', 'Networks'], 'the client node\'s networks after its nodes');
    assert.strictEqual(nodes[0]!.p.contextValue, 'dbc.node;cred=wallet;status=unknown');
  });

  it('describes a node from its info and says the credential in the tooltip', () => {
    const store = new TreeStore();
    store.setInfo(refA, NODE_INFO);
    store.setTasks(refA, []);
    const node = rows(ctx(oneEndpoint(), store), { kind: 'endpoint', id: `ep:${URL}`, url: URL })[0]!;
    assert.strictEqual(node.p.description, '2/8 GPUs · 251.57G RAM · v0.4.1.8');
    assert.match(node.p.tooltip!, /demo \(wallet, `5Fntii…piWN`\)/);
    assert.match(node.p.tooltip!, /\| Memory \| 240G free of 251\.57G \|/);
    assert.match(node.p.tooltip!, /\| Version \| 0\.4\.1\.8 \|/);
    assert.strictEqual(node.p.contextValue, 'dbc.node;cred=wallet;status=ok');
  });

  it('asks to load a node\'s tasks, then lists its VMs newest first with state, icon and context', () => {
    const store = new TreeStore();
    const c = ctx(oneEndpoint(), store);
    const node: Element = { kind: 'node', id: `node:${URL}|${A}`, ref: refA };
    assert.deepStrictEqual(machinesChildren(c, node).load, { kind: 'tasks', ref: refA });
    store.setTasks(refA, TASKS);
    const vms = rows(c, node);
    assert.deepStrictEqual(vms.map((v) => v.p.label), ['new', 'T2stoppedxxxxxxxxxxxxx', 'train-1', 'zz']);
    assert.deepStrictEqual(vms.map((v) => v.p.description), ['Creating', 'Stopped', 'Running', 'Sleeping']);
    assert.deepStrictEqual(vms.map((v) => v.p.icon?.id), ['loading~spin', 'vm-outline', 'vm-running', 'debug-pause']);
    assert.match(vms[2]!.p.contextValue, /^dbc\.vm;can=[^;]*connect[^;]*;os=unknown;state=running$/);
    assert.strictEqual(vms[2]!.p.lazyTooltip, true);
    assert.strictEqual(vms[2]!.el.id, `vm:${URL}|${A}|T1runningxxxxxxxxxxxxx`);
  });

  it('shows a temporary description while an action runs, until the next list', () => {
    const store = new TreeStore();
    store.setTasks(refA, TASKS);
    store.setPending({ ...refA, taskId: TASKS[0]!.task_id }, 'Stopping…');
    const c = ctx(oneEndpoint(), store);
    const vm = rows(c, { kind: 'node', id: 'n', ref: refA }).find((v) => v.p.label === 'train-1')!;
    assert.strictEqual(vm.p.description, 'Stopping…');
    assert.strictEqual(vm.p.icon?.id, 'loading~spin');
    store.setTasks(refA, [{ ...TASKS[0]!, status: 'being poweroff' }]);
    const after = rows(c, { kind: 'node', id: 'n', ref: refA })[0]!;
    assert.strictEqual(after.p.description, 'Powering off');
  });

  it('builds the VM tooltip with ssh, vnc and resources, never the password', () => {
    const store = new TreeStore();
    store.setTasks(refA, TASKS);
    store.setTaskInfo({ ...refA, taskId: INFO.task_id }, INFO);
    const vm = rows(ctx(oneEndpoint(), store), { kind: 'node', id: 'n', ref: refA }).find((v) => v.p.label === 'train-1')!;
    assert.strictEqual(vm.p.lazyTooltip, false);
    assert.match(vm.p.tooltip!, /`ssh -p 5684 dbc@203\.0\.113\.7`/);
    assert.match(vm.p.tooltip!, /`203\.0\.113\.7:5904`/);
    assert.match(vm.p.tooltip!, /1 GPU · 8 CPU cores · 32G memory · 100G data disk/);
    assert.match(vm.p.tooltip!, /\| Disks \| vdb 100G \|/);
    assert.doesNotMatch(vm.p.tooltip!, /S3cret/);
    assert.match(vm.p.contextValue, /;os=linux;/);
  });

  it('forgets task details when the VM status moves on', () => {
    const store = new TreeStore();
    const ref = { ...refA, taskId: INFO.task_id };
    store.setTasks(refA, TASKS);
    store.setTaskInfo(ref, INFO);
    store.setTasks(refA, [{ ...TASKS[0]!, status: 'closed' }]);
    assert.strictEqual(store.peekNode(refA)!.taskInfo.get(ref.taskId), undefined);
  });

  it('turns a failing node into ONE error row with Retry, and keeps the node row', () => {
    const store = new TreeStore();
    store.setTasks(refA, undefined, new GpuNodeError('tasks.list', -3, 'check authority failed: nonce check failed'));
    const c = ctx(oneEndpoint(), store);
    const node: Element = { kind: 'node', id: `node:${URL}|${A}`, ref: refA };
    const children = rows(c, node);
    assert.strictEqual(children.length, 1);
    assert.strictEqual(children[0]!.p.contextValue, 'dbc.message;action=retry');
    assert.strictEqual(children[0]!.p.label, 'The node did not accept the signature. Import the wallet again, or choose another credential for this node.');
    assert.strictEqual(children[0]!.p.command?.command, 'dbc.views.refresh');
    const nodeRow = present(c, node);
    assert.strictEqual(nodeRow.description, 'refresh failed');
    assert.strictEqual(nodeRow.icon?.color, 'errorForeground');
    assert.strictEqual(nodeRow.contextValue, 'dbc.node;cred=wallet;status=error');
  });

  const CONDITIONS: [string, unknown, { description: string; icon: string; row: RegExp; action: string; command?: string }][] = [
    ['not rented', new GpuNodeError('tasks.list', -3, 'check authority failed: machine is not be rented'),
      { description: 'not rented', icon: 'circle-slash', row: /^Nobody rents it/, action: 'none' }],
    ['rented by someone else', new GpuNodeError('tasks.list', -3, 'check authority failed: wallet not rented'),
      { description: 'rented by someone else', icon: 'lock', row: /^Not rented by this credential/, action: 'chooseCredential', command: 'dbc.node.chooseCredential' }],
    ['expired', new GpuNodeError('tasks.list', -3, 'check authority failed: machine has already expired'),
      { description: 'rental ended', icon: 'history', row: /^The rental has ended/, action: 'credential', command: 'dbc.wallet.import' }],
    ['unknown to the client node', new ClientNodeError('tasks.list', 400, -32701, 'create node request failed'),
      { description: 'unknown to the client node', icon: 'question', row: /^The client node has not seen this node/, action: 'retry', command: 'dbc.views.refresh' }],
  ];
  for (const [name, error, want] of CONDITIONS) {
    it(`shows a node that is ${name} as a neutral state with a hint, not as an error`, () => {
      const store = new TreeStore();
      store.setTasks(refA, undefined, error);
      const c = ctx(oneEndpoint(), store);
      const node: Element = { kind: 'node', id: `node:${URL}|${A}`, ref: refA };
      const nodeRow = present(c, node);
      assert.strictEqual(nodeRow.description, want.description);
      assert.deepStrictEqual(nodeRow.icon, { id: want.icon, color: 'descriptionForeground' });
      assert.match(nodeRow.contextValue, new RegExp(`;status=${nodeRow.contextValue.split('status=')[1]}$`));
      assert.doesNotMatch(nodeRow.contextValue, /status=error/);
      assert.doesNotMatch(nodeRow.tooltip!, /\$\(error\)/);
      assert.match(nodeRow.tooltip!, /\$\(info\) /);
      const children = rows(c, node);
      assert.strictEqual(children.length, 1);
      assert.match(children[0]!.p.label, want.row);
      assert.notStrictEqual(children[0]!.p.icon?.color, 'errorForeground');
      assert.strictEqual(children[0]!.p.contextValue, `dbc.message;action=${want.action}`);
      assert.strictEqual(children[0]!.p.command?.command, want.command);
    });
  }

  it('turns an unreachable endpoint into ONE error row instead of its nodes', () => {
    const store = new TreeStore();
    store.setUnreachable(URL, new TransportError('tasks.list', 'refused', 'ECONNREFUSED', `connection refused by ${URL}: is the DBC client node running there?`));
    const c = ctx(oneEndpoint(), store);
    const [endpoint] = rows(c);
    assert.strictEqual(endpoint!.p.contextValue, 'dbc.endpoint;status=unreachable');
    assert.strictEqual(endpoint!.p.description, 'unreachable');
    const children = rows(c, endpoint!.el);
    assert.strictEqual(children.length, 1);
    assert.strictEqual(children[0]!.p.label, `The connection to ${URL} was refused. Is the DBC client node running at ${URL}?`);
  });

  it('offers to import a credential on a node without one, and to create a VM on an empty node', () => {
    const c = ctx(oneEndpoint(), new TreeStore(), null);
    const noCred = rows(c, { kind: 'node', id: 'n', ref: refA });
    assert.strictEqual(noCred[0]!.p.contextValue, 'dbc.message;action=credential');
    assert.strictEqual(noCred[0]!.p.command?.command, 'dbc.wallet.import');
    const underEndpoint = rows(c, { kind: 'endpoint', id: `ep:${URL}`, url: URL });
    assert.deepStrictEqual(underEndpoint.map((r) => r.p.contextValue),
      ['dbc.message;action=credential', 'dbc.node;cred=none;status=unknown', 'dbc.node;cred=none;status=unknown', 'dbc.networks']);
    assert.strictEqual(underEndpoint[1]!.p.collapsible, 'collapsed', 'nodes without a credential start collapsed');
    const store = new TreeStore();
    store.setTasks(refB, []);
    const empty = rows(ctx(oneEndpoint(), store), { kind: 'node', id: 'n', ref: refB });
    assert.strictEqual(empty[0]!.p.contextValue, 'dbc.message;action=createVm');
    assert.deepStrictEqual(empty[0]!.p.command?.arguments, [{ endpoint: URL, nodeId: B }]);
  });

  it('lists snapshots under a VM, loading them first', () => {
    const store = new TreeStore();
    const vmRef = { ...refA, taskId: 'T1runningxxxxxxxxxxxxx' };
    const vm: Element = { kind: 'vm', id: 'v', ref: vmRef };
    const c = ctx(oneEndpoint(), store);
    assert.deepStrictEqual(machinesChildren(c, vm).load, { kind: 'snapshots', ref: vmRef });
    store.setSnapshots(vmRef, [{ snapshot_name: 'snap1', status: 'uploading', create_time: '2024-05-05 10:00:00' }]);
    const snaps = rows(c, vm);
    assert.strictEqual(snaps[0]!.p.label, 'snap1');
    assert.strictEqual(snaps[0]!.p.description, 'Uploading · 2024-05-05 10:00:00');
    assert.strictEqual(snaps[0]!.p.contextValue, 'dbc.snapshot;status=uploading');
    store.setSnapshots(vmRef, []);
    assert.strictEqual(rows(c, vm)[0]!.p.label, 'No snapshots');
  });

  it('shows a VM\'s network, its LAN address and rent order in the tooltip', () => {
    const store = new TreeStore();
    store.setTasks(refA, TASKS);
    store.setTaskInfo({ ...refA, taskId: INFO.task_id }, {
      ...INFO, network_name: 'lab0001', local_address: ['192.168.122.12', '10.10.0.2'], rent_order: '1042',
      disks: [{ name: 'vda', size: '40G' }, { name: 'vdb', size: '100G' }],
    });
    const vm = rows(ctx(oneEndpoint(), store), { kind: 'node', id: 'n', ref: refA }).find((v) => v.p.label === 'train-1')!;
    assert.match(vm.p.tooltip!, /\| Network \| lab0001 \|/);
    assert.match(vm.p.tooltip!, /\| LAN address \| `192\.168\.122\.12` `10\.10\.0\.2` \|/);
    assert.match(vm.p.tooltip!, /\| Rent order \| `1042` \|/);
    assert.match(vm.p.tooltip!, /\| Disks \| vda 40G · vdb 100G \|/);
  });

  it('lists the client node\'s networks (loaded on expand) with cidr, members and a create row when there are none', () => {
    const store = new TreeStore();
    store.setTasks(refA, TASKS);
    const c = ctx(oneEndpoint(), store);
    const networks = rows(c, { kind: 'endpoint', id: `ep:${URL}`, url: URL }).at(-1)!;
    assert.deepStrictEqual([networks.p.label, networks.p.contextValue, networks.p.collapsible], ['Networks', 'dbc.networks', 'collapsed']);
    assert.deepStrictEqual(machinesChildren(c, networks.el).load, { kind: 'networks', endpoint: URL });
    store.setNetworks(URL, []);
    const empty = rows(c, networks.el);
    assert.deepStrictEqual([empty[0]!.p.contextValue, empty[0]!.p.command?.command], ['dbc.message;action=createNetwork', 'dbc.lan.create']);
    store.setNetworks(URL, [{
      network_name: 'lab0001', ip_cidr: '10.10.0.0/24', ip_start: '10.10.0.1', ip_end: '10.10.0.254', members: [TASKS[0]!.task_id, 'GoneTaskxxxxxxxxxxxxx'],
      machine_id: A, rent_wallet: WALLET.address, vxlan_name: 'vxlab0001', vxlan_vni: '42',
    }]);
    const [net] = rows(c, networks.el);
    assert.deepStrictEqual([net!.p.label, net!.p.description, net!.p.contextValue], ['lab0001', '10.10.0.0/24 · 2 VMs', 'dbc.network']);
    assert.match(net!.p.tooltip!, /10\.10\.0\.1 – 10\.10\.0\.254/);
    assert.match(net!.p.tooltip!, /train-1, GoneTaskxxxxxxxxxxxxx/, 'members by VM name where a node lists them');
    assert.match(networks.p.label, /Networks/);
    assert.strictEqual(present(c, networks.el).description, '1 virtual LANs');
  });

  it('shows the node\'s rent order and its GPUs, and a choose row when the wallet has several', () => {
    const store = new TreeStore();
    store.setInfo(refA, NODE_INFO);
    const entry = { id: '1042', renter: WALLET.address, rent_end: '4000600', rent_status: 'renting', gpu_nums: '2', gpu_index: [2, 3] };
    const c: ModelContext = { ...ctx(oneEndpoint(), store), rentOrderOf: () => ({ kind: 'found', id: '1042', entry, orders: [entry] }) };
    const node = present(c, { kind: 'node', id: 'n', ref: refA });
    assert.strictEqual(node.description, 'order 1042 · GPUs 2,3 · 2/8 GPUs · 251.57G RAM · v0.4.1.8');
    assert.match(node.tooltip!, /\| Rent order \| `1042` · GPUs 2, 3, ends at block 4000600 \(the wallet's only order on the node\) \|/);
    const several: ModelContext = { ...c, rentOrderOf: () => ({ kind: 'several', orders: [entry, { ...entry, id: '1050' }] }) };
    assert.match(present(several, { kind: 'node', id: 'n', ref: refA }).description!, /^choose a rent order · /);
    store.setTasks(refA, undefined, rentOrderChoiceNeeded(refA, [entry, { ...entry, id: '1050' }]));
    const [row] = rows(several, { kind: 'node', id: 'n', ref: refA });
    assert.strictEqual(row!.p.contextValue, 'dbc.message;action=rentOrder');
    assert.deepStrictEqual([row!.p.command?.command, row!.p.command?.arguments], ['dbc.node.chooseRentOrder', [refA]]);
    assert.match(row!.p.label, /rents 2 orders on this GPU node/);
  });

  it('keeps element ids stable and unique', () => {
    const store = new TreeStore();
    store.setTasks(refA, TASKS);
    const c = ctx(oneEndpoint(), store);
    const ids = rows(c, { kind: 'node', id: 'n', ref: refA }).map((r) => r.p.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.deepStrictEqual(ids, rows(c, { kind: 'node', id: 'n', ref: refA }).map((r) => r.p.id));
  });
});

describe('tree store: bounded by what is configured', () => {
  it('forgets nodes and endpoints that are no longer configured, and keeps the rest', () => {
    const store = new TreeStore(() => 1);
    const other = 'http://127.0.0.1:5003';
    const refC: NodeRef = { endpoint: other, nodeId: A };
    for (const ref of [refA, refB, refC]) store.setTasks(ref, TASKS);
    store.setDiscovered(other, []);
    store.retain([URL], [refA]);
    assert.deepStrictEqual(store.peekNode(refA)?.tasks?.value, TASKS);
    assert.strictEqual(store.peekNode(refB), undefined);
    assert.strictEqual(store.peekNode(refC), undefined, 'the same node id under an endpoint that is gone');
    assert.deepStrictEqual(store.summary().loaded, 1);
    store.retain([], []);
    assert.strictEqual(store.peekNode(refA), undefined);
    assert.strictEqual(store.summary().loaded, 0);
    store.setTasks(refB, []);
    assert.deepStrictEqual(store.peekNode(refB)?.tasks?.value, [], 'a node configured again starts afresh');
  });
});

describe('tree model: Images', () => {
  it('lists image servers and nodes under each endpoint, then their images', () => {
    const store = new TreeStore();
    const c = ctx(oneEndpoint([{ id: A }]), store);
    const [endpoint] = imagesChildren(c).items;
    assert.strictEqual(endpoint!.id, `img:ep:${URL}`);
    assert.deepStrictEqual(imagesChildren(c, endpoint).load, { kind: 'imageServers', endpoint: URL });
    store.setImageServers(URL, ['ID_1', 'ID_2']);
    const children = imagesChildren(c, endpoint).items;
    assert.deepStrictEqual(children.map((e) => present(c, e, 'images').label), ['ID_1', 'ID_2', 'aaaaaaaa…aaaa']);
    store.setServerImages(URL, 'ID_1', [{ image_name: 'ubuntu.qcow2', image_size: '10G' }]);
    const images = imagesChildren(c, children[0]).items.map((e) => present(c, e, 'images'));
    assert.deepStrictEqual(images.map((p) => [p.label, p.description, p.contextValue]), [['ubuntu.qcow2', '10G', 'dbc.image;scope=server']]);
    store.setNodeImages(refA, [{ image_name: 'my.qcow2' }]);
    assert.strictEqual(present(c, imagesChildren(c, children[2]).items[0]!, 'images').contextValue, 'dbc.image;scope=node');
  });

  it('shows one error row when the image servers cannot be listed', () => {
    const store = new TreeStore();
    store.setImageServers(URL, undefined, new ClientNodeError('images.servers', 404, -32601, 'not support uri:/api/v1/images/servers'));
    const c = ctx(oneEndpoint([]), store);
    const [endpoint] = imagesChildren(c).items;
    const children = imagesChildren(c, endpoint).items;
    assert.strictEqual(children.length, 1);
    assert.strictEqual(present(c, children[0]!, 'images').contextValue, 'dbc.message;action=retry');
  });
});
