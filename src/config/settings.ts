// Typed access to the `dbc.*` settings and a change watcher that fires only on real changes.
import * as vscode from 'vscode';
import { toRaw, type EndpointConfig } from './model/endpoints';
import { readSettings, SETTING, type DbcSettings, type SettingKey } from './model/settingsModel';

export { SETTING, type DbcSettings } from './model/settingsModel';

export class Settings implements vscode.Disposable {
  private current: DbcSettings;
  private readonly emitter = new vscode.EventEmitter<DbcSettings>();
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Fires (debounced) after a `dbc.*` setting changed value. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.current = Settings.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('dbc')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), 150);
    });
  }

  get value(): DbcSettings {
    return this.current;
  }

  /** Re-reads now (after our own writes, so callers see the new value at once). */
  reload(): void {
    const next = Settings.read();
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.emitter.fire(next);
  }

  /** Writes the endpoints to the user settings (the setting is machine-scoped: a workspace cannot set it). */
  async setEndpoints(endpoints: readonly EndpointConfig[]): Promise<void> {
    await vscode.workspace.getConfiguration().update(SETTING.endpoints, toRaw(endpoints), vscode.ConfigurationTarget.Global);
    this.reload();
  }

  private static read(): DbcSettings {
    const config = vscode.workspace.getConfiguration();
    return readSettings((key: SettingKey) => config.get(key));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
