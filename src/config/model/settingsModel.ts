// Every `dbc.*` setting: key, default and a typed, clamped reading. Pure, so a unit test can check it
// against `contributes.configuration` and the scheduler can be configured without vscode.
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
  };
}
