// The lease guard inside a real VS Code, against dbc-sim's chain (dbc.chain.rpcUrl is the simulator's
// POST /). The simulator runs in real time for these tests (one block every 6 s) and the chain's block is
// moved through its admin API, so every time shown or warned about is measured against that block clock. Warnings go to a
// recording notifier (toasts cannot be read or clicked from here) that answers with an action.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { OpenerCall } from '../../../src/remote/opener';
import type { DbcTestApi } from '../../../src/services';
import {
  DEMO_CHAIN_BLOCK, DEMO_LEASE_END, DEMO_NODE_A_ID, DEMO_NODE_C_ID, DEMO_RENTER_SEED, DEMO_TASK_ID,
} from '../../../src/sim/demo';
import type { Notifier } from '../../../src/ui/model/notifier';
import { simAdminUrl } from '../support/harness';
import { closedPort, dbcApi, ScriptedPrompter, setEndpoints, simUrl, waitFor } from './dbcTestKit';

const HOUR = 600;
/** Half a minute of margin in every block set: the time shown keeps its minutes while a step runs. */
const MARGIN = 5;
/** Node A is rented as a whole by the demo renter for 30 days from the start. */
const A_END = DEMO_CHAIN_BLOCK + 30 * 24 * HOUR;

async function admin(path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${simAdminUrl()}/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  assert.strictEqual(res.status, 200, text);
  return JSON.parse(text);
}

/** Records every warning and answers the next queued action (none: dismissed). */
class RecordingNotifier implements Notifier {
  readonly shown: { message: string; actions: readonly string[] }[] = [];
  readonly answers: string[] = [];

  async warn<T extends string>(message: string, actions: readonly T[]): Promise<T | undefined> {
    this.shown.push({ message, actions });
    const answer = this.answers.shift();
    return answer === undefined ? undefined : actions.find((a) => a === answer);
  }

  take(): string[] {
    return this.shown.splice(0).map((s) => s.message);
  }
}

describe('lease guard (in a real VS Code, against dbc-sim\'s block clock)', function () {
  this.timeout(90_000);
  let api: DbcTestApi;
  let sim: string;
  const notifier = new RecordingNotifier();
  const calls: OpenerCall[] = [];

  async function rows(parentId?: string) {
    return api.rows('machines', parentId);
  }

  /** Moves the chain, refreshes the view (one block reading) and waits for the guard. */
  async function atBlock(block: number) {
    await admin('chain', { block });
    await api.refresh();
    await api.leaseSettled();
    await rows();
    return rows(`ep:${sim}`);
  }

  const nodeRow = async (nodeId: string, block: number) => (await atBlock(block)).find((r) => r.id === `node:${sim}|${nodeId}`)!;

  before(async () => {
    api = await dbcApi();
    sim = simUrl();
    await admin('speed', { speed: 1 });
    // The host tier's simulator ran at speed 1000 since it started, so node C's one-hour demo rental has
    // ended by now: move the chain to the first test's block before the guard can see (and announce) that.
    await admin('chain', { block: DEMO_LEASE_END - 25 * HOUR - MARGIN });
    await vscode.workspace.getConfiguration().update('dbc.chain.rpcUrl', `${sim}/`, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dbc.wallet.import', { kind: 'seed', seed: DEMO_RENTER_SEED, label: 'demo renter' });
    await setEndpoints([{ url: sim, name: 'sim', nodes: [{ id: DEMO_NODE_A_ID, name: 'sim-gpu-a' }, { id: DEMO_NODE_C_ID, name: 'sim-gpu-c' }] }]);
    await waitFor('the endpoint row', async () => (await rows()).length === 1);
    api.setNotifier(notifier);
    api.setRemoteHooks({ record: (c) => calls.push(c) });
  });

  after(async () => {
    api.setNotifier(undefined);
    api.setRemoteHooks(undefined);
    api.setPrompter(undefined);
    await admin('chain', { block: DEMO_CHAIN_BLOCK + 1000 });
    await admin('speed', { speed: 1000 });
    await setEndpoints([]);
  });

  afterEach(() => {
    assert.deepStrictEqual(api.takeErrors(), [], 'no command reported an error');
  });

  it('shows how long each rental has left on its node row, and nothing is announced a day ahead', async () => {
    const c = await nodeRow(DEMO_NODE_C_ID, DEMO_LEASE_END - 25 * HOUR - MARGIN);
    assert.match(c.description ?? '', /^1 d 1 h left( · |$)/);
    assert.match(c.contextValue, /^dbc\.node;cred=wallet;rental=active;/);
    const a = (await rows(`ep:${sim}`)).find((r) => r.id === `node:${sim}|${DEMO_NODE_A_ID}`)!;
    assert.match(a.description ?? '', /^31 d left · /, 'the whole-machine rental ends 30 days after the start, 25 h after node C\'s');
    assert.deepStrictEqual(notifier.take(), []);
    assert.strictEqual(api.leaseStatus(), undefined);
  });

  it('reads the chain once per refresh, however many nodes have rentals', async () => {
    await admin('reset-counters');
    await api.refresh();
    const counters = await admin('counters');
    assert.strictEqual(counters.chain.chain_getBlock, 1, JSON.stringify(counters.chain));
  });

  it('warns 24 h, 2 h and 15 min before the end, once each, and keeps a status bar item', async () => {
    const c = await nodeRow(DEMO_NODE_C_ID, DEMO_LEASE_END - 23 * HOUR - MARGIN);
    assert.match(c.description ?? '', /^23 h left/);
    assert.match(c.contextValue, /;rental=ending;/);
    assert.deepStrictEqual(notifier.take(), ['Rent order 1042 on sim-gpu-c ends in 23 h. The node then shuts its VMs off, and deletes them 3 days later.']);
    assert.strictEqual(api.leaseStatus(), '$(watch) sim-gpu-c: 23 h left');
    await atBlock(DEMO_LEASE_END - 22 * HOUR);
    assert.deepStrictEqual(notifier.take(), [], 'once per threshold');
    await atBlock(DEMO_LEASE_END - 110 - MARGIN);
    assert.deepStrictEqual(notifier.take(), ['Rent order 1042 on sim-gpu-c ends in 11 min. The node then shuts its VMs off, and deletes them 3 days later.'],
      'the 2 h mark passed unseen: only the most urgent warning');
    assert.strictEqual(api.leaseStatus(), '$(watch) sim-gpu-c: 11 min left');
  });

  it('Renew… opens the DBC wallet with the order id on the clipboard', async () => {
    notifier.answers.push('Renew…');
    await admin(`nodes/${DEMO_NODE_C_ID}/rent_orders`, { id: '1042', rent_end: DEMO_LEASE_END + 24 * HOUR });
    await atBlock(DEMO_LEASE_END + 24 * HOUR - 100 - MARGIN);
    assert.deepStrictEqual(notifier.take(), ['Rent order 1042 on sim-gpu-c ends in 10 min. The node then shuts its VMs off, and deletes them 3 days later.'],
      'a renewed rental (a new end) is warned again');
    await waitFor('the wallet to open', async () => calls.some((c) => c.kind === 'external'));
    assert.deepStrictEqual(calls.filter((c) => c.kind === 'external'), [{ kind: 'external', uri: 'https://www.dbcwallet.io/#/extrinsics' }]);
    assert.strictEqual(await vscode.env.clipboard.readText(), '1042');
  });

  it('announces the end, the deletion ahead on node and VM rows; Snapshot VMs… starts a snapshot of the rental\'s VM', async () => {
    const prompter = new ScriptedPrompter().then({ confirm: false });
    api.setPrompter(prompter);
    notifier.answers.push('Snapshot VMs…');
    const a = await nodeRow(DEMO_NODE_A_ID, A_END + 60);
    assert.strictEqual(a.description?.split(' · ')[0], 'lease ended — VM will be deleted in 9 d 23 h', 'a whole-machine VM: 10 days of blocks');
    assert.match(a.contextValue, /;rental=ended;/);
    const messages = notifier.take();
    assert.ok(messages.includes('Whole-machine rental on sim-gpu-a has ended: its VMs are off, and the node deletes them in 9 d 23 h.'), messages.join('\n'));
    const vm = (await rows(`node:${sim}|${DEMO_NODE_A_ID}`)).find((r) => r.id.endsWith(`|${DEMO_TASK_ID}`))!;
    assert.strictEqual(vm.description, 'Running · lease ended — VM will be deleted in 9 d 23 h');
    assert.match(vm.contextValue, /;rental=ended;state=running$/);
    // The snapshot flow starts on the rental's VM: it asks to stop the running VM first (answered No).
    await waitFor('the snapshot to ask about the running VM', async () => prompter.asked.length > 0);
    assert.match(prompter.asked[0]!, /^confirm: demo-vm is running\.$/);
    assert.ok(api.leaseStatus()?.startsWith('$(warning) '), api.leaseStatus());
  });

  it('Don\'t warn for this rental silences it; the palette action says so', async () => {
    await admin(`nodes/${DEMO_NODE_C_ID}/rent_orders`, { id: '1042', rent_end: A_END + 48 * HOUR });
    await atBlock(A_END + 30 * HOUR - MARGIN);
    assert.deepStrictEqual(notifier.take(), ['Rent order 1042 on sim-gpu-c ends in 18 h. The node then shuts its VMs off, and deletes them 3 days later.']);
    await vscode.commands.executeCommand('dbc.lease.mute', { endpoint: sim, nodeId: DEMO_NODE_C_ID, rentOrder: '1042' });
    await atBlock(A_END + 47 * HOUR);
    await atBlock(A_END + 49 * HOUR);
    assert.deepStrictEqual(notifier.take(), [], 'no 2 h warning, no end announced');
  });

  it('without chain access the rows say the end block only', async () => {
    await vscode.workspace.getConfiguration().update('dbc.chain.rpcUrl', `http://127.0.0.1:${await closedPort()}/`, vscode.ConfigurationTarget.Global);
    try {
      const c = await waitFor('the end block', async () => {
        const row = await nodeRow(DEMO_NODE_C_ID, A_END + 50 * HOUR);
        return row.description?.startsWith('rental ends at block') ? row : undefined;
      });
      assert.match(c.description ?? '', new RegExp(`^rental ends at block ${A_END + 48 * HOUR}`));
    } finally {
      await vscode.workspace.getConfiguration().update('dbc.chain.rpcUrl', `${sim}/`, vscode.ConfigurationTarget.Global);
    }
  });
});
