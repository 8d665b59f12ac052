// Options of the simulator, shared by the CLI (main.ts) and the programmatic API (index.ts).
import type { FaultSpec } from './faults';
import type { SnapshotRoutes } from './http/router';
import type { Scenario } from './scenario';
import type { SshBackend } from './sshHost';

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 5002. */
  port?: number;
  /** A scenario object or the path of a JSON scenario file; default: the built-in demo world. */
  scenario?: Scenario | string;
  /** Time scale: 1 = real durations (a create takes 6 minutes); tests use e.g. 1000; 0 freezes time (admin.advance moves it). */
  speed?: number;
  /** Persist VMs, snapshots, sessions and images in this JSON file (atomic writes). */
  stateFile?: string;
  /** Per-VM home folders for the SSH endpoints; default: a fresh temp dir. */
  dataDir?: string;
  /** T11 byte cap: 8192 (node 0.4.1.8, default) or 1024 (seed document). */
  logCap?: number;
  snapshotRoutes?: SnapshotRoutes;
  /** The client node's forward timeout (real ms). Default 30000. */
  clientTimeoutMs?: number;
  /** Added latency (real ms) on every API request. */
  latencyMs?: number;
  /** Fault specs, or strings in the CLI syntax `ROUTE=KIND[,count=N][,node=ID][,ms=N]`. */
  faults?: (FaultSpec | string)[];
  /** Start an SSH endpoint for each running Linux VM (default true for the CLI, false in tests). */
  ssh?: boolean;
  /** Replaces the SSH implementation (tests). */
  sshBackend?: SshBackend;
  /**
   * Linux VMs of the scenario (or state file) get an SSH port the OS has free instead of theirs, as
   * `port: 0` does for HTTP: a test's simulator then never takes a port a demo or another program wants.
   */
  freeSshPorts?: boolean;
  /** Simulated GPU-side handling time per request (chain queries). Default 300 ms at speed 1. */
  gpuLatencyMs?: number;
  /**
   * Refuse a nonce a node has seen (`nonce check failed`). Off by default, as on node 0.4.1.8, whose
   * nonce filter is never filled; tests turn it on to prove the client never reuses a nonce.
   */
  strictNonces?: boolean;
  /** Receives the simulator's log lines; default: none. */
  log?: (line: string) => void;
}

export interface ResolvedOptions {
  port: number;
  speed: number;
  stateFile: string | undefined;
  dataDir: string;
  logCap: number;
  snapshotRoutes: SnapshotRoutes;
  clientTimeoutMs: number;
  ssh: boolean;
  gpuLatencyMs: number;
  strictNonces: boolean;
}

export const DEFAULTS = {
  port: 5002,
  speed: 1,
  logCap: 8192,
  snapshotRoutes: 'both' as SnapshotRoutes,
  clientTimeoutMs: 30_000,
  gpuLatencyMs: 300,
};
