// Starts an in-process simulator and builds real clients and credentials against it.
import { DbcClient, type DbcClientOptions } from '../../../src/api/client';
import type { TaskInfo } from '../../../src/api/types';
import { MultisigCredential, SessionCredential, signSessionId, WalletCredential } from '../../../src/auth/credentials';
import { signerFromSeed } from '../../../src/auth/signer';
import type { Signer } from '../../../src/auth/types';
import { DEMO_RENTER_SEED, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/sim';

// The client node's 30 s timer, scaled: long enough for a busy 2-core CI machine to answer in time.
// Strict nonces: a client that ever reused one would fail here (node 0.4.1.8 would let it pass).
export async function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, speed: 2000, ssh: false, clientTimeoutMs: 2000, strictNonces: true, ...options });
}

export function clientFor(sim: RunningSimulator, options: Partial<DbcClientOptions> = {}): DbcClient {
  return new DbcClient({ baseUrl: sim.url, timeoutMs: 5000, ...options });
}

export async function renterWallet(): Promise<{ signer: Signer; credential: WalletCredential }> {
  const signer = await signerFromSeed(DEMO_RENTER_SEED);
  return { signer, credential: new WalletCredential(signer) };
}

export async function sessionFor(client: DbcClient, nodeId: string, signer: Signer): Promise<SessionCredential> {
  const sessionId = await client.sessionId(nodeId, { auth: new WalletCredential(signer) });
  const pair = await signSessionId(signer, sessionId);
  return new SessionCredential(pair.session_id, pair.session_id_sign, signer.address);
}

export { MultisigCredential };

/** Polls task info until `done(info)` or the deadline. */
export async function waitForTask(client: DbcClient, nodeId: string, taskId: string, auth: WalletCredential | SessionCredential, done: (t: TaskInfo) => boolean, ms = 15_000): Promise<TaskInfo> {
  const deadline = Date.now() + ms;
  for (;;) {
    const info = await client.taskInfo(nodeId, taskId, { auth });
    if (done(info)) return info;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${info.status} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitForStatus(client: DbcClient, nodeId: string, taskId: string, auth: WalletCredential | SessionCredential, status: string): Promise<TaskInfo> {
  return waitForTask(client, nodeId, taskId, auth, (t) => t.status === status);
}
