// Auth forms, error families and injected faults, seen from the src/api client.
import assert from 'node:assert/strict';
import { ClientNodeError, GpuNodeError, isOutcomeUnknown, isUnauthenticated, TransportError } from '../../../src/api/errors';
import { MultisigCredential, SessionCredential, WalletCredential } from '../../../src/auth/credentials';
import { signerFromSeed } from '../../../src/auth/signer';
import { createNonce } from '../../../src/auth/nonce';
import { DEMO_NODE_A_ID, DEMO_NODE_B_ID, DEMO_NODE_ONLINE_ID, DEMO_OTHER_SEED, DEMO_RENTER_SEED, demoScenario, type RunningSimulator } from '../../../src/sim';
import { loadCrypto } from '../../../src/auth/crypto';
import { clientFor, renterWallet, sessionFor, startSim } from './harness';

const authority = (reason: string) => (e: unknown) => e instanceof GpuNodeError && e.isAuthority && e.authorityReason === reason;

describe('contract: api client against dbc-sim — auth forms', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  before(async () => { sim = await startSim(); });
  after(() => sim.close());

  it('the session id is stable per (node, renter) and the session pair lists the renter\'s VMs', async () => {
    const client = clientFor(sim);
    const { signer, credential } = await renterWallet();
    const a = await client.sessionId(DEMO_NODE_A_ID, { auth: credential });
    assert.equal(await client.sessionId(DEMO_NODE_A_ID, { auth: credential }), a);
    const session = await sessionFor(client, DEMO_NODE_A_ID, signer);
    const viaSession = await client.listTasks(DEMO_NODE_A_ID, { auth: session });
    assert.deepEqual(viaSession, await client.listTasks(DEMO_NODE_A_ID, { auth: credential }));
  });

  it('a session signed by someone else is refused as an invalid session', async () => {
    const client = clientFor(sim);
    const { credential } = await renterWallet();
    const sid = await client.sessionId(DEMO_NODE_A_ID, { auth: credential });
    const other = await signerFromSeed(DEMO_OTHER_SEED);
    const forged = new SessionCredential(sid, await other.sign(sid), other.address);
    await assert.rejects(client.listTasks(DEMO_NODE_A_ID, { auth: forged }), authority('session_id is invalid'));
  });

  it('a replayed nonce is refused (nonce check failed), a fresh one passes', async () => {
    const client = clientFor(sim);
    const signer = await signerFromSeed(DEMO_RENTER_SEED);
    const fixed = await createNonce();
    const replaying = new WalletCredential(signer, async () => fixed);
    await client.listTasks(DEMO_NODE_A_ID, { auth: replaying });
    await assert.rejects(client.listTasks(DEMO_NODE_A_ID, { auth: replaying }), authority('nonce check failed'));
    // one-shot per GPU node: the same nonce still works once on another node
    await client.listTasks(DEMO_NODE_B_ID, { auth: replaying });
  });

  it('a <Bytes>-wrapped or tampered signature is refused', async () => {
    const client = clientFor(sim);
    const signer = await signerFromSeed(DEMO_RENTER_SEED);
    const wrapped = { kind: 'wallet' as const, address: signer.address, authFields: async () => {
      const nonce = await createNonce();
      return { wallet: signer.address, nonce, sign: await signer.sign(`<Bytes>${nonce}</Bytes>`) };
    } };
    await assert.rejects(client.listTasks(DEMO_NODE_A_ID, { auth: wrapped }), authority('nonce check failed'));
    const tampered = { ...wrapped, authFields: async () => {
      const nonce = await createNonce();
      const sign = await signer.sign(nonce);
      return { wallet: signer.address, nonce, sign: (sign[0] === '0' ? '1' : '0') + sign.slice(1) };
    } };
    await assert.rejects(client.listTasks(DEMO_NODE_A_ID, { auth: tampered }), authority('nonce check failed'));
  });

  it('a wallet that rents nothing, and a node that is not rented, are refused with their reasons', async () => {
    const client = clientFor(sim);
    const other = new WalletCredential(await signerFromSeed(DEMO_OTHER_SEED));
    await assert.rejects(client.listTasks(DEMO_NODE_A_ID, { auth: other }), authority('wallet not rented'));
    const { credential } = await renterWallet();
    await assert.rejects(client.listTasks(DEMO_NODE_ONLINE_ID, { auth: credential }), (e: unknown) => authority('machine is not be rented')(e) && isUnauthenticated(e));
  });
});

describe('contract: api client against dbc-sim — multisig renter', function () {
  this.timeout(60_000);
  it('a 2-of-3 multisig account that rents a node lists and creates with fresh nonces per member', async () => {
    const { utilCrypto } = await loadCrypto();
    const members = await Promise.all(['11', '22', '33'].map((b) => signerFromSeed(b.repeat(32))));
    const wallets = members.map((m) => m.address);
    const account = utilCrypto.encodeAddress(utilCrypto.createKeyMulti(wallets, 2), 42);
    const scenario = demoScenario();
    scenario.nodes![1]!.renter = account;
    const sim = await startSim({ scenario });
    try {
      const client = clientFor(sim);
      const multisig = await MultisigCredential.create({ wallets, threshold: 2, signers: [members[0]!, members[2]!] });
      assert.equal(multisig.address, account);
      assert.deepEqual(await client.listTasks(DEMO_NODE_B_ID, { auth: multisig }), []);
      assert.match(await client.sessionId(DEMO_NODE_B_ID, { auth: multisig }), /^[1-9A-HJ-NP-Za-km-z]{40,60}$/);
      const one = await MultisigCredential.create({ wallets, threshold: 1, signers: [members[1]!] });
      await assert.rejects(client.listTasks(DEMO_NODE_B_ID, { auth: one }), authority('wallet not rented'));
    } finally {
      await sim.close();
    }
  });
});

describe('contract: api client against dbc-sim — faults', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let wallet: WalletCredential;
  before(async () => {
    sim = await startSim({ clientTimeoutMs: 200 });
    wallet = (await renterWallet()).credential;
  });
  afterEach(() => sim.admin.clearFaults());
  after(() => sim.close());

  it('the client node\'s timeout → ClientNodeError node-timeout, outcome unknown', async () => {
    sim.admin.addFault('T1=timeout,count=1');
    const err = await clientFor(sim).listTasks(DEMO_NODE_A_ID, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof ClientNodeError && err.kind === 'node-timeout' && err.nodeMessage === 'list task timeout', String(err));
    assert.equal(isOutcomeUnknown(err), true);
  });

  it('an unparsable GPU reply → bad-gpu-reply', async () => {
    sim.admin.addFault('T1=parse-error,count=1');
    const err = await clientFor(sim).listTasks(DEMO_NODE_A_ID, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof ClientNodeError && err.kind === 'bad-gpu-reply' && err.httpStatus === 500, String(err));
  });

  it('a reset connection → TransportError reset', async () => {
    sim.admin.addFault('T1=reset,count=1');
    const err = await clientFor(sim).listTasks(DEMO_NODE_A_ID, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof TransportError && err.kind === 'reset', String(err));
  });

  it('an unknown node → forward-failed at once', async () => {
    sim.admin.addFault('T1=unknown-node,count=1');
    const err = await clientFor(sim).listTasks(DEMO_NODE_A_ID, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof ClientNodeError && err.kind === 'forward-failed' && err.nodeMessage === 'create node request failed', String(err));
  });

  it('foreign VMs running → GpuNodeError -3 try again in a minute', async () => {
    sim.admin.addFault('T3=foreign-vms,count=1');
    const err = await clientFor(sim).createTask(DEMO_NODE_B_ID, { image_name: 'ubuntu.qcow2', ssh_port: '6100', vnc_port: '5990', gpu_count: '0', cpu_cores: '2', mem_size: '2', disk_size: '10' }, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof GpuNodeError && err.errcode === -3 && err.nodeMessage === 'create task failed, please try again in a minute', String(err));
  });

  it('our own timeout → TransportError timeout', async () => {
    sim.admin.addFault({ route: 'T1', kind: 'latency', ms: 500, count: 1 });
    const err = await clientFor(sim, { timeoutMs: 100 }).listTasks(DEMO_NODE_A_ID, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(err instanceof TransportError && err.kind === 'timeout', String(err));
  });

  it('a create that times out for the client still makes the VM: listing reconciles, one create only', async () => {
    const client = clientFor(sim);
    const before = new Set((await client.listTasks(DEMO_NODE_B_ID, { auth: wallet })).map((t) => t.task_id));
    sim.admin.resetCounters();
    sim.admin.addFault('T3=timeout-applied,count=1');
    const err = await client.createTask(DEMO_NODE_B_ID, { image_name: 'ubuntu.qcow2', ssh_port: '6101', vnc_port: '5991', gpu_count: '0', cpu_cores: '2', mem_size: '2', disk_size: '10', desc: 'late' }, { auth: wallet }).catch((e: unknown) => e);
    assert.ok(isOutcomeUnknown(err), String(err));
    const after = await client.listTasks(DEMO_NODE_B_ID, { auth: wallet });
    const fresh = after.filter((t) => !before.has(t.task_id));
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0]!.desc, 'late');
    assert.equal(sim.admin.counters().routes['T3'], 1);
  });
});

describe('contract: snapshot route probing', function () {
  this.timeout(60_000);
  for (const [mode, expected] of [['seed', 'seed'], ['source', 'source']] as const) {
    it(`learns the ${expected} style from a node that routes only ${mode} paths`, async () => {
      const sim = await startSim({ snapshotRoutes: mode });
      try {
        const client = clientFor(sim);
        const { credential } = await renterWallet();
        const list = await client.listSnapshots(DEMO_NODE_A_ID, 'DemoVm1RunningTask0001', { auth: credential });
        assert.deepEqual(list, []);
        assert.equal(client.snapshotRouteStyle, expected);
      } finally {
        await sim.close();
      }
    });
  }
});

describe('contract: log window caps', function () {
  this.timeout(60_000);
  for (const cap of [1024, 8192]) {
    it(`never returns more than ${cap} bytes of log content`, async () => {
      const sim = await startSim({ logCap: cap, speed: 1 });
      try {
        sim.admin.appendLog('DemoVm1RunningTask0001', Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(60)}`));
        const { credential } = await renterWallet();
        const logs = await clientFor(sim).taskLogs(DEMO_NODE_A_ID, 'DemoVm1RunningTask0001', { auth: credential, lines: 100 });
        const bytes = logs.log_content.reduce((n, l) => n + Buffer.byteLength(l), 0);
        assert.ok(bytes <= cap && bytes > cap / 2, `${bytes} bytes`);
        assert.match(logs.log_content[0]!, /^line 200 /, 'the window starts 100 lines back');
        // The node reads forward and stops at the cap: a capped tail window loses its newest lines.
        assert.match(logs.log_content.at(-1)!, cap === 1024 ? /^line 21\d / : /^line 299 /);
      } finally {
        await sim.close();
      }
    });
  }
});
