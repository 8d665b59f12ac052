// Authority (§5.2–§5.7): strict sr25519, one-shot nonces per node, multisig, session ids, chain status.
import * as assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import type { KeyringPair } from '@polkadot/keyring/types';
import {
  DEMO_NODE_A_ID, DEMO_NODE_A_SEED, DEMO_NODE_B_ID, DEMO_NODE_B_SEED, DEMO_NODE_ONLINE_ID, DEMO_NODE_ONLINE_SEED,
  DEMO_OTHER_ADDRESS, DEMO_OTHER_SEED, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED, DEMO_TASK_ID, type RunningSimulator,
} from '../../../src/sim';
import { verifySignature } from '../../../src/sim/signatures';
import { dbcNonce, multisigAddress, multisigAuth, pairFromSeed, randomPair, sessionAuth, signHex, walletAuth } from '../../support/simAuth';
import { post } from '../../support/simHttp';
import { caller, renterPair, startSim } from './harness';

const WIKI = [
  ['5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4', '5q7KRn4d8EmXFFsim8vHBp23N2CpERbD2mWR3WCo1o3teZnGxYEh4N6',
    '2460725b2f5e737cd810c773be61b9b27c3b9dbdac4af9cf25c7be9949ad7202a0b7467f71ad843888f482662d3ae2e4fa566d3c1930a3fa90f3dcb97ea4098d'],
  ['5Dy8ULx1De6u3WE9ixpy1VKK2CVssvsjQT15qcmQsG662Zj4', '3QRjS1PsbDReGJKVBBRqxUh9RqXB5jbfHJ8bMgGoJ3C9HHHHm9rCmmh',
    'ca89d0adb44a03c6f22a9205a06e22f682805f8c8ee25dd182e36ceb581899001196ce94c40e2147247f967256d7e010318e4387853939d94ba99c81f16a358f'],
];

describe('sim: authority', () => {
  let sim: RunningSimulator;
  let renter: KeyringPair;
  beforeEach(async () => {
    sim = await startSim();
    renter = renterPair();
  });
  afterEach(() => sim.close());

  const message = (r: { json: any }): string => `${String(r.json.errcode)} ${String(r.json.message)}`;

  it('exports demo constants that derive from their seeds', () => {
    assert.equal(pairFromSeed(DEMO_RENTER_SEED).address, DEMO_RENTER_ADDRESS);
    assert.equal(pairFromSeed(DEMO_OTHER_SEED).address, DEMO_OTHER_ADDRESS);
    assert.equal(u8aToHex(pairFromSeed(DEMO_NODE_A_SEED).publicKey).slice(2), DEMO_NODE_A_ID);
    assert.equal(u8aToHex(pairFromSeed(DEMO_NODE_B_SEED).publicKey).slice(2), DEMO_NODE_B_ID);
    assert.equal(u8aToHex(pairFromSeed(DEMO_NODE_ONLINE_SEED).publicKey).slice(2), DEMO_NODE_ONLINE_ID);
  });

  it('verifies the wiki vectors over raw bytes only', () => {
    for (const [wallet, msg, sig] of WIKI) {
      assert.ok(verifySignature(msg, sig, wallet));
      assert.ok(verifySignature(msg, sig.toUpperCase(), wallet), 'hex case does not matter');
      assert.ok(!verifySignature(msg, `0x${sig}`, wallet), '0x prefix is rejected');
      assert.ok(!verifySignature(`${msg}x`, sig, wallet));
      assert.ok(!verifySignature(`<Bytes>${msg}</Bytes>`, sig, wallet));
    }
  });

  it('lists the renter\'s tasks with a wallet signature', async () => {
    const r = await caller(sim, renter).call('/tasks');
    assert.equal(r.json.errcode, 0);
    assert.deepEqual(r.json.message.map((t: any) => t.task_id), [DEMO_TASK_ID]);
  });

  it('lets a nonce and its signature pass again by default, as node 0.4.1.8 does (its nonce filter is never filled)', async () => {
    const lax = await startSim({ strictNonces: false });
    try {
      const auth = walletAuth(renter);
      const a = caller(lax, renter, DEMO_NODE_A_ID);
      assert.equal((await a.call('/tasks', {}, auth)).json.errcode, 0);
      assert.equal((await a.call('/tasks', {}, auth)).json.errcode, 0, 'a captured signature stays valid');
    } finally {
      await lax.close();
    }
  });

  it('with strictNonces, consumes a nonce once per node, only after a valid signature', async () => {
    const auth = walletAuth(renter);
    const a = caller(sim, renter, DEMO_NODE_A_ID);
    assert.equal((await a.call('/tasks', {}, { ...auth, sign: signHex(randomPair(), auth.nonce) })).json.message,
      'check authority failed: nonce check failed');
    assert.equal((await a.call('/tasks', {}, auth)).json.errcode, 0, 'a failed signature did not burn the nonce');
    assert.equal(message(await a.call('/tasks', {}, auth)), '-3 check authority failed: nonce check failed');
    assert.equal((await caller(sim, renter, DEMO_NODE_B_ID).call('/tasks', {}, auth)).json.errcode, 0, 'nonce sets are per node');
  });

  it('rejects tampered, 0x-prefixed and <Bytes>-wrapped signatures', async () => {
    const c = caller(sim, renter);
    const nonce = dbcNonce();
    const good = signHex(renter, nonce);
    const flipped = (good[0] === 'a' ? 'b' : 'a') + good.slice(1);
    for (const sign of [flipped, `0x${good}`, signHex(renter, `<Bytes>${nonce}</Bytes>`), good.slice(2)]) {
      assert.equal(message(await c.call('/tasks', {}, { wallet: renter.address, nonce, sign })), '-3 check authority failed: nonce check failed');
    }
    assert.equal((await c.call('/tasks', {}, { wallet: renter.address, nonce, sign: good.toUpperCase() })).json.errcode, 0);
  });

  it('tells a signed wallet that does not rent the machine so', async () => {
    const other = pairFromSeed(DEMO_OTHER_SEED);
    assert.equal(message(await caller(sim, other).call('/tasks')), '-3 check authority failed: wallet not rented');
    assert.equal(message(await caller(sim, other).call('/mining_nodes/session_id')), '-3 check authority failed: wallet not rented');
  });

  it('reports the machine\'s chain status', async () => {
    assert.equal(message(await caller(sim, renter, DEMO_NODE_ONLINE_ID).call('/tasks')), '-3 check authority failed: machine is not be rented');
    sim.admin.updateNode(DEMO_NODE_B_ID, { status: 'unknown' });
    assert.equal(message(await caller(sim, renter, DEMO_NODE_B_ID).call('/tasks')), '-3 check authority failed: query machine_status failed');
  });

  it('gives one stable session id per renter, created on the first wallet login on any route', async () => {
    const c = caller(sim, renter);
    assert.equal((await c.call('/tasks')).json.errcode, 0);
    const stored = (sim.admin.state().nodes as any[]).find((n) => n.node_id === DEMO_NODE_A_ID).sessions;
    assert.equal(stored.length, 1);
    const first = await c.call('/mining_nodes/session_id');
    const second = await c.call('/mining_nodes/session_id');
    assert.equal(first.json.message.session_id, stored[0].session_id);
    assert.equal(second.json.message.session_id, stored[0].session_id);
    assert.match(stored[0].session_id, /^[1-9A-HJ-NP-Za-km-z]{50,60}$/);
  });

  it('accepts the session pair as a bearer credential, but not for fetching the session id', async () => {
    const c = caller(sim, renter);
    const sid = String((await c.call('/mining_nodes/session_id')).json.message.session_id);
    const session = sessionAuth(renter, sid);
    assert.equal((await c.call('/tasks', {}, session)).json.errcode, 0);
    assert.equal((await c.call('/tasks', {}, session)).json.errcode, 0, 'no nonce: replayable');
    const fetch = await c.call('/mining_nodes/session_id', {}, session);
    assert.deepEqual([fetch.status, fetch.json.message], [400, 'wallet_sign and multisig_wallets all invalid']);
    const forged = sessionAuth(randomPair(), sid);
    assert.equal(message(await c.call('/tasks', {}, forged)), '-3 check authority failed: session_id is invalid');
  });

  it('expires sessions and wallets with the rent, and powers off the renter\'s VMs', async () => {
    const c = caller(sim, renter);
    const sid = String((await c.call('/mining_nodes/session_id')).json.message.session_id);
    sim.admin.updateNode(DEMO_NODE_A_ID, { rent_status: 'expired' });
    assert.equal(message(await c.call('/tasks', {}, sessionAuth(renter, sid))), '-3 check authority failed: machine has already expired');
    assert.equal(message(await c.call('/tasks')), '-3 check authority failed: wallet not rented');
    assert.equal(sim.state.nodes.get(DEMO_NODE_A_ID)?.tasks.get(DEMO_TASK_ID)?.status, 'closed');
  });
});

describe('sim: multisig, hex wallets and verifiers', () => {
  const members = [randomPair(), randomPair(), randomPair()];
  const account = multisigAddress(members.map((m) => m.address), 2);
  const hexRenter = randomPair();
  const verifier = randomPair();
  const node = (n: number): string => String(n).repeat(64).slice(0, 64);
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSim({
      scenario: {
        nodes: [
          { node_id: node(1), status: 'rented', renter: account, images: ['ubuntu.qcow2'] },
          { node_id: node(2), status: 'rented', renter: u8aToHex(hexRenter.publicKey).slice(2) },
          { node_id: node(3), status: 'committeeVerifying', verifiers: [verifier.address] },
        ],
      },
    });
  });
  after(() => sim.close());

  const call = (nodeId: string, path: string, auth: Record<string, unknown>): Promise<any> =>
    post(sim.url, `/api/v1${path}`, { peer_nodes_list: [nodeId], additional: {}, ...auth }).then((r) => r.json);

  it('authorizes the multisig account when every sign is valid and the threshold is met', async () => {
    assert.equal((await call(node(1), '/tasks', multisigAuth(members, 2))).errcode, 0);
    assert.equal((await call(node(1), '/tasks', multisigAuth(members, 2, members))).errcode, 0, 'more signs than the threshold');
  });

  it('fails the whole multisig form when one sign is bad', async () => {
    const auth = multisigAuth(members, 2);
    auth.multisig_accounts.signs[1].sign = signHex(members[0], 'other');
    assert.equal((await call(node(1), '/tasks', auth)).message, 'check authority failed: nonce check failed');
    const empty = { multisig_accounts: { wallets: [], threshold: '0', signs: [] } };
    assert.equal((await call(node(1), '/tasks', empty)).message, 'check authority failed: nonce check failed');
  });

  it('lets any stored multisig member sign the session id', async () => {
    const sid = (await call(node(1), '/mining_nodes/session_id', multisigAuth(members, 2))).message.session_id as string;
    for (const m of members) assert.equal((await call(node(1), '/tasks', sessionAuth(m, sid))).errcode, 0);
  });

  it('accepts a 64-hex public key as the wallet', async () => {
    const hex = u8aToHex(hexRenter.publicKey).slice(2);
    assert.equal((await call(node(2), '/tasks', walletAuth(hexRenter, hex))).errcode, 0);
    assert.equal((await call(node(2), '/tasks', walletAuth(hexRenter, `0x${hex}`))).message, 'check authority failed: nonce check failed');
  });

  it('authorizes committee members in their verify window only', async () => {
    assert.equal((await call(node(3), '/tasks', walletAuth(verifier))).errcode, 0);
    assert.equal((await call(node(3), '/tasks', walletAuth(randomPair()))).message, 'check authority failed: not in verify time');
    assert.equal((await call(node(3), '/mining_nodes/session_id', walletAuth(verifier))).message, 'check authority failed');
    assert.equal((await call(node(3), '/snapshot/list/x', walletAuth(verifier))).message, 'check authority failed');
  });
});
