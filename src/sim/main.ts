// dbc-sim: a simulated DBC client node with GPU nodes, for tests and demos. See docs/simulator.md.
//   node dist/sim.js [--port 5002] [--scenario FILE] [--speed X] [--state FILE] [--fault T3=timeout] …
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEMO_NODE_IDS, DEMO_RENTER_ADDRESS, DEMO_RENTER_SEED } from './demo';
import { FAULT_KINDS } from './faults';
import { startSimulator, type RunningSimulator } from './index';
import type { SimulatorOptions } from './options';
import { errorMessage } from '../util/errorMessage';

function number(name: string, min: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number >= ${min}`);
    return n;
  };
}

function program(): Command {
  return new Command('dbc-sim')
    .description('Simulated DBC client node and GPU nodes (HTTP API on 127.0.0.1, SSH per running Linux VM).')
    .option('--port <n>', 'HTTP port on 127.0.0.1 (0 = a free port)', number('port', 0), 5002)
    .option('--scenario <file>', 'scenario JSON (default: the built-in demo world)')
    .option('--speed <x>', 'time scale: 1 = real durations, 1000 = a 6-minute create takes 0.36 s, 0 = frozen (POST /__sim/advance)', number('speed', 0), 1)
    .option('--state <file>', 'persist VMs, snapshots, session ids and images in this file')
    .option('--data-dir <dir>', 'per-VM home folders for SSH (default: a fresh temp dir)')
    .option('--log-cap <bytes>', 'T11 byte cap: 8192 (node source) or 1024 (seed doc)', number('log-cap', 1), 8192)
    .addOption(new Option('--snapshot-routes <style>', 'snapshot paths served').choices(['both', 'source', 'seed']).default('both'))
    .option('--client-timeout-ms <n>', "the client node's forward timeout", number('client-timeout-ms', 1), 30000)
    .option('--latency-ms <n>', 'added latency on every API request', number('latency-ms', 0), 0)
    .option('--fault <spec>', `ROUTE=KIND[,count=N][,node=ID][,ms=N], repeatable; kinds: ${FAULT_KINDS.join(', ')}`,
      (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-ssh', 'do not start SSH endpoints for running Linux VMs')
    .option('--free-ssh-ports', "give the scenario's Linux VMs SSH ports the OS has free (tests: never take a port a demo wants)")
    .option('--strict-nonces', 'refuse a nonce a node has seen (node 0.4.1.8 does not: its nonce filter is never filled)')
    .option('--quiet', 'do not print simulator log lines');
}

interface Flags {
  port: number; scenario?: string; speed: number; state?: string; dataDir?: string; logCap: number;
  snapshotRoutes: 'both' | 'source' | 'seed'; clientTimeoutMs: number; latencyMs: number; fault: string[];
  ssh: boolean; freeSshPorts?: boolean; strictNonces?: boolean; quiet?: boolean;
}

function toOptions(f: Flags): SimulatorOptions {
  return {
    port: f.port, speed: f.speed, logCap: f.logCap, snapshotRoutes: f.snapshotRoutes, clientTimeoutMs: f.clientTimeoutMs,
    latencyMs: f.latencyMs, faults: f.fault, ssh: f.ssh, freeSshPorts: f.freeSshPorts ?? false, strictNonces: f.strictNonces ?? false,
    ...(f.scenario ? { scenario: f.scenario } : {}), ...(f.state ? { stateFile: f.state } : {}),
    ...(f.dataDir ? { dataDir: f.dataDir } : {}),
    log: f.quiet ? (): void => undefined : (line: string): void => console.error(`[dbc-sim] ${line}`),
  };
}

function banner(sim: RunningSimulator, demo: boolean): void {
  console.log(`listening on ${sim.url}`);
  console.log(`chain JSON-RPC: POST ${sim.url}/ (block ${sim.admin.block()}, one more every 6 simulated seconds)`);
  if (demo) {
    console.log(`demo renter wallet: ${DEMO_RENTER_ADDRESS}`);
    console.log(`demo renter secret seed: ${DEMO_RENTER_SEED}`);
  }
  for (const node of sim.state.nodes.values()) console.log(`node ${node.nodeId} ${node.name} (${node.status})`);
  if (sim.options.stateFile) console.log(`state file: ${sim.options.stateFile}`);
  if (sim.options.ssh) console.log(`VM home folders: ${sim.options.dataDir}`);
  if (demo) console.log(`demo node ids: ${DEMO_NODE_IDS.join(' ')}`);
}

async function main(): Promise<void> {
  const flags = program().parse(process.argv).opts<Flags>();
  const running: { sim?: RunningSimulator } = {};
  let stopping = false;
  const stop = (): void => {
    if (stopping || !running.sim) {
      stopping = true; // a signal during startup stops right after it
      return;
    }
    stopping = true;
    running.sim.close().then(() => process.exit(0), (e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  running.sim = await startSimulator(toOptions(flags));
  banner(running.sim, !flags.scenario);
  if (stopping) {
    stopping = false;
    stop();
  }
}

main().catch((e: unknown) => {
  console.error(`dbc-sim: ${errorMessage(e)}`);
  process.exit(1);
});
