// Every `dbc.*` setting: key, default and a typed, clamped reading. Pure, so a unit test can check it
// against `contributes.configuration` and the scheduler can be configured without vscode.
import { DEFAULT_CHAIN_RPC } from '../../chain/endpoint';
import { parseEndpoints, type EndpointConfig } from './endpoints';

export const SETTING = {
  endpoints: 'dbc.endpoints',
  backgroundInterval: 'dbc.refresh.backgroundIntervalSeconds',
  transitionalInterval: 'dbc.refresh.transitionalIntervalSeconds',
  concurrency: 'dbc.refresh.concurrency',
  sessionPolling: 'dbc.refresh.useSessionForPolling',
  requestTimeout: 'dbc.requestTimeoutSeconds',
  createWatchTimeout: 'dbc.create.watchTimeoutMinutes',
  logTimestamps: 'dbc.logs.timestamps',
  logLines: 'dbc.logs.lines',
  logIdleInterval: 'dbc.logs.idleIntervalSeconds',
  sshConfigFile: 'dbc.ssh.configFile',
  sshIdentityFile: 'dbc.ssh.identityFile',
  sshRemoteFolder: 'dbc.ssh.remoteFolder',
  connectWhenReady: 'dbc.ssh.connectWhenReady',
  gpuInterval: 'dbc.gpu.sampleIntervalSeconds',
  chainRpcUrl: 'dbc.chain.rpcUrl',
  leaseWarnBefore: 'dbc.lease.warnBefore',
  leaseRenewUrl: 'dbc.lease.renewUrl',
} as const;

export type SettingKey = (typeof SETTING)[keyof typeof SETTING];

export interface DbcSettings {
  endpoints: EndpointConfig[];
  endpointProblems: string[];
  /** 0 means no background refresh (only manual and transitional). */
  backgroundIntervalMs: number;
  transitionalIntervalMs: number;
  concurrency: number;
  useSessionForPolling: boolean;
  requestTimeoutMs: number;
  createWatchTimeoutMs: number;
  /** Followed log lines start with the time they arrived. */
  logTimestamps: boolean;
  logLines: number;
  /** Longest wait between two reads of a followed log while it is idle. */
  logIdleIntervalMs: number;
  /** Our ssh config file; '' for `~/.ssh/dbc/config`. */
  sshConfigFile: string;
  /** A private key to install on VMs instead of asking; '' to ask once. */
  sshIdentityFile: string;
  /** The folder a Remote-SSH window opens on the VM; '' for an empty window. */
  sshRemoteFolder: string;
  connectWhenReady: ConnectWhenReady;
  /** How often a watched VM's GPUs are read (while the view or its GPU monitor is visible). */
  gpuIntervalMs: number;
  /** The DBC chain's JSON-RPC endpoint (as typed; checked where the client is built). */
  chainRpcUrl: string;
  /** Seconds before a rental's end at which to warn, largest first; empty: no warnings. */
  leaseWarnBeforeSeconds: number[];
  /** Where Renew… opens the DBC wallet. */
  leaseRenewUrl: string;
}

export const DEFAULT_LEASE_WARN_BEFORE = ['24h', '2h', '15m'];
export const DEFAULT_LEASE_RENEW_URL = 'https://www.dbcwallet.io/#/extrinsics';

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** `24h`, `2h`, `15m`, `1d` (or a number of minutes) → seconds; anything else is skipped. */
export function parseWarnBefore(value: unknown): number[] {
  const list = Array.isArray(value) ? value : DEFAULT_LEASE_WARN_BEFORE;
  const seconds = list.flatMap((v) => {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return [Math.round(v * 60)];
    const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(m|h|d)\s*$/i.exec(v) : null;
    return m ? [Math.round(Number(m[1]) * UNIT_SECONDS[m[2]!.toLowerCase()]!)] : [];
  });
  return [...new Set(seconds.filter((n) => n > 0))].sort((a, b) => b - a);
}

/** After create or start: notify when SSH answers (`ask`), connect by itself (`always`), or neither. */
export type ConnectWhenReady = 'ask' | 'always' | 'never';

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function connectWhenReady(value: unknown): ConnectWhenReady {
  return value === 'always' || value === 'never' ? value : 'ask';
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(min, n));
}

/** Reads every setting through `get` (the value as VS Code resolved it, defaults included). */
export function readSettings(get: (key: SettingKey) => unknown): DbcSettings {
  const parsed = parseEndpoints(get(SETTING.endpoints));
  const background = num(get(SETTING.backgroundInterval), 60, 0, 3600);
  return {
    endpoints: parsed.endpoints,
    endpointProblems: parsed.problems,
    backgroundIntervalMs: background === 0 ? 0 : Math.max(10, background) * 1000,
    transitionalIntervalMs: num(get(SETTING.transitionalInterval), 5, 2, 300) * 1000,
    concurrency: Math.round(num(get(SETTING.concurrency), 16, 1, 64)),
    useSessionForPolling: get(SETTING.sessionPolling) !== false,
    requestTimeoutMs: num(get(SETTING.requestTimeout), 40, 5, 600) * 1000,
    createWatchTimeoutMs: num(get(SETTING.createWatchTimeout), 30, 1, 24 * 60) * 60_000,
    logTimestamps: get(SETTING.logTimestamps) === true,
    logLines: Math.round(num(get(SETTING.logLines), 100, 1, 100)),
    logIdleIntervalMs: num(get(SETTING.logIdleInterval), 8, 2, 300) * 1000,
    sshConfigFile: str(get(SETTING.sshConfigFile)),
    sshIdentityFile: str(get(SETTING.sshIdentityFile)),
    sshRemoteFolder: str(get(SETTING.sshRemoteFolder)),
    connectWhenReady: connectWhenReady(get(SETTING.connectWhenReady)),
    gpuIntervalMs: num(get(SETTING.gpuInterval), 5, 2, 300) * 1000,
    chainRpcUrl: str(get(SETTING.chainRpcUrl)) || DEFAULT_CHAIN_RPC,
    leaseWarnBeforeSeconds: parseWarnBefore(get(SETTING.leaseWarnBefore)),
    leaseRenewUrl: str(get(SETTING.leaseRenewUrl)) || DEFAULT_LEASE_RENEW_URL,
  };
}
