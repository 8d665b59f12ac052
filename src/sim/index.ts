// Programmatic API of dbc-sim: start a simulated DBC client node with its GPU nodes in-process.
//   const sim = await startSimulator({ port: 0, speed: 1000 });
//   … fetch(`${sim.url}/api/v1/…`) …; sim.admin.addFault('T3=timeout'); await sim.close();
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Admin } from './admin';
import { startPruneThread } from './chain/prune';
import { ScaledClock, type Clock } from './clock';
import type { SimContext } from './context';
import { Counters } from './counters';
import { demoScenario } from './demo';
import { FaultRegistry, parseFaultValue } from './faults';
import { Lifecycle } from './gpu/lifecycle';
import { taskLog } from './gpu/logs';
import { createDomainLines, createdLines } from './gpu/workerLines';
import { leaveNetwork } from './gpu/lan';
import { SnapshotEngine } from './gpu/snapshotEngine';
import { TransferEngine } from './gpu/transfers';
import { Forwarder } from './http/forward';
import { startHttp, TimerSet } from './http/server';
import { DEFAULTS, type ResolvedOptions, type SimulatorOptions } from './options';
import { loadState, Persister } from './persist';
import { buildState, readScenarioFile, type Scenario } from './scenario';
import { parseGuestScenario } from './ssh/guest/guestConfig';
import { GuestWorld } from './ssh/guest/guestWorld';
import { defaultSshBackend, freeHostPort } from './sshDefault';
import { SshHost } from './sshHost';
import type { SimState } from './state';

export type { SimulatorOptions } from './options';
export type { Scenario } from './scenario';
export type { FaultSpec, FaultKind } from './faults';
export * from './demo';

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>` (append `/api/v1/…` or `/__sim/…`). */
  url: string;
  port: number;
  /** The live world (nodes, tasks, images…); read it, or change it through `admin`. */
  state: SimState;
  admin: Admin;
  clock: Clock;
  options: ResolvedOptions;
  close(): Promise<void>;
}

function resolveOptions(o: SimulatorOptions, sshOn: boolean): ResolvedOptions {
  return {
    port: o.port ?? DEFAULTS.port,
    speed: o.speed ?? DEFAULTS.speed,
    stateFile: o.stateFile,
    dataDir: o.dataDir ?? (sshOn ? mkdtempSync(join(tmpdir(), 'dbc-sim-')) : ''),
    logCap: o.logCap ?? DEFAULTS.logCap,
    snapshotRoutes: o.snapshotRoutes ?? DEFAULTS.snapshotRoutes,
    clientTimeoutMs: o.clientTimeoutMs ?? DEFAULTS.clientTimeoutMs,
    ssh: sshOn,
    gpuLatencyMs: o.gpuLatencyMs ?? DEFAULTS.gpuLatencyMs,
    strictNonces: o.strictNonces ?? false,
  };
}

function scenarioOf(o: SimulatorOptions): Scenario {
  if (typeof o.scenario === 'string') return readScenarioFile(o.scenario);
  return o.scenario ?? demoScenario();
}

/** A scenario VM has the log its create would have written (a real VM always has one). */
function seedLogs(state: SimState): void {
  for (const node of state.nodes.values()) {
    for (const task of node.tasks.values()) {
      if (task.logs.length > 0 || task.status === 'creating') continue;
      for (const [site, text] of [...createDomainLines(task, node, false), ...createdLines(task, node.ip)]) taskLog(task, task.createTime, site, text);
    }
  }
}

async function useFreeSshPorts(state: SimState, log: (line: string) => void): Promise<void> {
  const chosen = new Set<string>();
  for (const node of state.nodes.values()) {
    for (const task of node.tasks.values()) {
      if (task.osKind !== 'linux' || !task.sshPort) continue;
      let port: string;
      do port = String(await freeHostPort()); while (chosen.has(port));
      chosen.add(port);
      log(`ssh: VM ${task.taskId} uses the free port ${port} instead of ${task.sshPort} (--free-ssh-ports)`);
      task.sshPort = port;
    }
  }
}

function addFaults(faults: FaultRegistry, o: SimulatorOptions, scenario: Scenario): void {
  if (o.latencyMs) faults.add({ route: '*', kind: 'latency', ms: o.latencyMs });
  for (const f of [...(o.faults ?? []), ...(scenario.faults ?? [])]) faults.add(parseFaultValue(f));
}

export async function startSimulator(o: SimulatorOptions = {}): Promise<RunningSimulator> {
  await cryptoWaitReady();
  const backend = o.sshBackend ?? (o.ssh ? defaultSshBackend : undefined);
  const options = resolveOptions(o, backend !== undefined);
  const log = o.log ?? ((): void => undefined);
  const clock = new ScaledClock(options.speed, (e) => log(`timer failed: ${String(e)}`));
  const scenario = scenarioOf(o);
  const state = (options.stateFile && loadState(options.stateFile, clock.now())) || buildState(scenario, clock.now());
  const faults = new FaultRegistry();
  addFaults(faults, o, scenario);
  const guest = new GuestWorld(state, clock, parseGuestScenario(scenario.guest), log);
  const ssh = new SshHost(backend, options.dataDir, log, (taskId) => guest.guestFor(taskId),
    () => [...state.nodes.values()].flatMap((n) => [...n.tasks.values()]));
  const persister = new Persister(options.stateFile, () => ({ state, now: clock.now() }), (e) => log(`saving state failed: ${String(e)}`));
  const changed = (): void => persister.schedule();
  const snapshots = new SnapshotEngine({ clock, state, changed });
  const sim: SimContext = {
    state, clock, options, faults, counters: new Counters(), changed, log, guest,
    sshPortHolder: (port, taskId) => ssh.portHolder(port, taskId),
    lifecycle: new Lifecycle({
      clock, syncSsh: (t) => ssh.sync(t), changed,
      snapshotConverted: (task, name, at) => snapshots.converted(task, name, at),
      deleted: (task) => {
        snapshots.forget(task);
        leaveNetwork(state.networks, task, clock.now());
      },
    }),
    snapshots,
    transfers: new TransferEngine({ clock, state, changed }),
  };
  seedLogs(state);
  if (o.freeSshPorts && backend) await useFreeSshPorts(state, log);
  sim.lifecycle.resumeAll(state);
  startPruneThread(sim);
  sim.snapshots.resumeAll();
  sim.transfers.resumeAll();
  persister.flush();
  const timers = new TimerSet();
  const admin = new Admin(sim, () => persister.flush());
  const { server, port } = await startHttp({ sim, forwarder: new Forwarder(sim, timers), timers, admin, log }, options.port);
  return {
    url: `http://127.0.0.1:${port}`, port, state, admin, clock, options,
    close: () => shutdown(server, timers, clock, ssh, persister),
  };
}

async function shutdown(server: Server, timers: TimerSet, clock: ScaledClock, ssh: SshHost, persister: Persister): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  timers.dispose();
  clock.dispose();
  await ssh.closeAll();
  persister.flush();
  await closed;
}
