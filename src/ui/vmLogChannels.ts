// One plain OutputChannel per VM for its node-side operation log ("DBC Logs: <name>"), created on first
// use and disposed with the services, so VM output never mixes with the extension's own log.
import * as vscode from 'vscode';

export class VmLogChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  channel(key: string, name: string): vscode.OutputChannel {
    let channel = this.channels.get(key);
    if (!channel) {
      channel = vscode.window.createOutputChannel(vscode.l10n.t('DBC Logs: {0}', name));
      this.channels.set(key, channel);
    }
    return channel;
  }

  /** Closes the channels of VMs that are gone. */
  retain(keys: ReadonlySet<string>): void {
    for (const [key, channel] of this.channels) {
      if (!keys.has(key)) {
        channel.dispose();
        this.channels.delete(key);
      }
    }
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
