// The custom port rules DBC recorded per VM (~/.ssh/dbc/ports.json, shared with the CLI), cached for
// the tree: the node's task info does not report them. Loaded once per VM on first need, written after a
// create or modify the node accepted.
import * as vscode from 'vscode';
import { vmKey, type VmRef } from '../config/model/refs';
import { recordCustomPorts, recordedCustomPorts } from '../ssh/core/portRecord';
import type { Logger } from '../ui/model/logger';
import { errorMessage } from '../util/errorMessage';
import type { RemoteServices } from './remoteServices';

export class PortRecords implements vscode.Disposable {
  private readonly cache = new Map<string, readonly string[] | undefined>();
  private readonly loading = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** The recorded rules of a VM (by key) became known or changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly remote: RemoteServices, private readonly log: Logger) {}

  /** The rules known for the VM; undefined until loaded (a load starts) or when none were recorded. */
  peek(ref: VmRef): readonly string[] | undefined {
    const key = vmKey(ref);
    if (!this.cache.has(key)) void this.load(ref);
    return this.cache.get(key);
  }

  async load(ref: VmRef): Promise<readonly string[] | undefined> {
    const key = vmKey(ref);
    if (this.cache.has(key) || this.loading.has(key)) return this.cache.get(key);
    this.loading.add(key);
    try {
      const rules = await recordedCustomPorts(ref, this.remote.ssh().env);
      this.cache.set(key, rules);
      if (rules) this.changed.fire(key);
      return rules;
    } catch (err) {
      this.log.warn(`[ports] reading the recorded ports of ${key}: ${errorMessage(err)}`);
      return undefined;
    } finally {
      this.loading.delete(key);
    }
  }

  /** After the node accepted a create or modify with these rules; never fails the command. */
  async record(ref: VmRef, rules: readonly string[]): Promise<void> {
    const key = vmKey(ref);
    try {
      await recordCustomPorts(ref, rules, this.remote.ssh().env);
      this.cache.set(key, [...rules]);
      this.changed.fire(key);
    } catch (err) {
      this.log.warn(`[ports] recording the custom ports of ${key}: ${errorMessage(err)}`);
    }
  }

  /** Test hooks may move the ssh home: forget what was read from the old one. */
  reset(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
