// Shared set-up of the simulator contract tests: an in-process simulator on a random port with
// time sped up, and a caller that wraps the request envelope.
import type { KeyringPair } from '@polkadot/keyring/types';
import { DEMO_NODE_A_ID, DEMO_RENTER_SEED, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/sim';
import { pairFromSeed, walletAuth } from '../../support/simAuth';
import { post, waitFor, type RawResponse } from '../../support/simHttp';

/** Strict nonces unless told otherwise (node 0.4.1.8 lets a nonce pass again; see auth.test.ts). */
export function startSim(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, speed: 1000, gpuLatencyMs: 0, ssh: false, strictNonces: true, ...opts });
}

export const renterPair = (): KeyringPair => pairFromSeed(DEMO_RENTER_SEED);

export interface Caller {
  /** POSTs `/api/v1<path>` with the envelope; `auth` defaults to a fresh wallet signature. */
  call(path: string, additional?: Record<string, unknown>, auth?: Record<string, unknown>): Promise<RawResponse>;
  nodeId: string;
}

/** `rentOrder`: sent as the top-level `rent_order` of every request (a per-GPU rental). */
export function caller(sim: RunningSimulator, pair: KeyringPair, nodeId = DEMO_NODE_A_ID, rentOrder?: string): Caller {
  const order = rentOrder === undefined ? {} : { rent_order: rentOrder };
  return {
    nodeId,
    call: (path, additional = {}, auth = { ...walletAuth(pair) }) =>
      post(sim.url, `/api/v1${path}`, { peer_nodes_list: [nodeId], additional, ...order, ...auth }),
  };
}

/** A valid create body for the demo node A (Linux, 1 GPU). */
export function createSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    image_name: 'ubuntu.qcow2', operation_system: 'linux', bios_mode: 'legacy', ssh_port: '31022', vnc_port: '5990',
    gpu_count: '1', cpu_cores: '4', mem_size: '8', disk_size: '50', desc: 'test-vm', ...overrides,
  };
}

export interface DemoSim {
  sim: RunningSimulator;
  /** The demo renter on node A. */
  c: Caller;
}

/** The demo world on a frozen clock (moved by admin.advance), started before each test, or once for the
 *  suite with `once`; the returned object is filled in by the hooks. */
export function demoSim(options: { once?: boolean } = {}): DemoSim {
  const ctx = {} as DemoSim;
  const [setUp, tearDown] = options.once ? [before, after] : [beforeEach, afterEach];
  setUp(async () => {
    ctx.sim = await startSim({ speed: 0 });
    ctx.c = caller(ctx.sim, renterPair());
  });
  tearDown(() => ctx.sim.close());
  return ctx;
}

export async function taskStatus(c: Caller, taskId: string): Promise<string> {
  const r = await c.call(`/tasks/${taskId}`);
  return r.json?.errcode === 0 ? String(r.json.message.status) : `errcode ${String(r.json?.errcode)}: ${String(r.json?.message)}`;
}

export function waitStatus(c: Caller, taskId: string, status: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(() => taskStatus(c, taskId), (s) => s === status, timeoutMs, `task ${taskId} to be ${status}`);
}

/** Creates a VM and waits until it runs; returns its id. */
export async function createRunning(c: Caller, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await c.call('/tasks/start', createSpec(overrides));
  if (r.json?.errcode !== 0) throw new Error(`create failed: ${r.text}`);
  const id = String(r.json.message.task_id);
  await waitStatus(c, id, 'running');
  return id;
}
