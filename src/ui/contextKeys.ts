// The extension's context keys with their defaults, set only through here (house style §3.13).
import * as vscode from 'vscode';

export const CONTEXT_DEFAULTS = {
  /** The extension has set its keys: welcome content waits for it, so no wrong state flashes first. */
  'dbc.ready': false,
  /** At least one client-node endpoint is configured. */
  'dbc.endpointConfigured': false,
  /** At least one GPU node is configured under some endpoint. */
  'dbc.nodeConfigured': false,
  /** At least one wallet, multisig account or shared access is stored. */
  'dbc.credentialConfigured': false,
  /** Some configured node has at least one VM (known after the first refresh). */
  'dbc.vmPresent': false,
  /** The first refresh after activation finished. */
  'dbc.loaded': false,
  /** Some VM's log is being followed in its output channel. */
  'dbc.logsFollowing': false,
  /** A connect-when-ready watcher is waiting for some VM. */
  'dbc.connectPending': false,
  /** Some VM port is forwarded to this machine. */
  'dbc.portsForwarded': false,
} as const;

export type ContextKey = keyof typeof CONTEXT_DEFAULTS;

export class ContextKeys {
  private readonly values = new Map<ContextKey, boolean>();

  /** Writes every default, so when-clauses never see an unset key. */
  async init(): Promise<void> {
    await Promise.all((Object.keys(CONTEXT_DEFAULTS) as ContextKey[]).map((k) => this.set(k, CONTEXT_DEFAULTS[k], true)));
  }

  get(key: ContextKey): boolean {
    return this.values.get(key) ?? CONTEXT_DEFAULTS[key];
  }

  async set(key: ContextKey, value: boolean, force = false): Promise<void> {
    if (!force && this.values.get(key) === value) return;
    this.values.set(key, value);
    await vscode.commands.executeCommand('setContext', key, value);
  }
}
