// One plain OutputChannel per VM for its node-side operation log ("DBC Logs: <name>"), created on first
// use and disposed when the VM is gone or with the services, so VM output never mixes with the
// extension's own log. Each channel may be followed (core/logFollower.ts): at most one follower per VM.
// In ExtensionMode.Test the text written is also mirrored (bounded) so in-host tests can read what the
// user sees; otherwise nothing but the output channel holds it.
import * as vscode from 'vscode';

const MIRROR_LINES = 5000;

export class VmLogChannel implements vscode.Disposable {
  private readonly output: vscode.OutputChannel;
  private mirror: string[] = [];
  private follower: AbortController | undefined;

  constructor(name: string, private readonly mirrored = false) {
    this.output = vscode.window.createOutputChannel(vscode.l10n.t('DBC Logs: {0}', name));
  }

  appendLines(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.output.append(`${lines.join('\n')}\n`);
    if (!this.mirrored) return;
    this.mirror.push(...lines);
    if (this.mirror.length > MIRROR_LINES) this.mirror = this.mirror.slice(-MIRROR_LINES);
  }

  clear(): void {
    this.output.clear();
    this.mirror = [];
  }

  show(): void {
    this.output.show(true);
  }

  text(): string {
    return this.mirror.join('\n');
  }

  get following(): boolean {
    return this.follower !== undefined && !this.follower.signal.aborted;
  }

  /** A signal for a new follower (stopping the previous one). */
  startFollowing(): AbortController {
    this.follower?.abort();
    this.follower = new AbortController();
    return this.follower;
  }

  stopFollowing(): boolean {
    const was = this.following;
    this.follower?.abort();
    this.follower = undefined;
    return was;
  }

  /** Forgets a follower that ended by itself. */
  ended(controller: AbortController): void {
    if (this.follower === controller) this.follower = undefined;
  }

  dispose(): void {
    this.stopFollowing();
    this.output.dispose();
  }
}

export class VmLogChannels implements vscode.Disposable {
  private readonly channels = new Map<string, VmLogChannel>();

  /** `mirrored`: keep a copy of each channel's text (ExtensionMode.Test, for the in-host tests). */
  constructor(private readonly mirrored = false) {}
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with the VM key when following starts or stops. */
  readonly onDidChangeFollowing = this.emitter.event;

  channel(key: string, name: string): VmLogChannel {
    let channel = this.channels.get(key);
    if (!channel) {
      channel = new VmLogChannel(name, this.mirrored);
      this.channels.set(key, channel);
    }
    return channel;
  }

  peek(key: string): VmLogChannel | undefined {
    return this.channels.get(key);
  }

  isFollowing(key: string): boolean {
    return this.channels.get(key)?.following ?? false;
  }

  followingKeys(): string[] {
    return [...this.channels].filter(([, c]) => c.following).map(([k]) => k);
  }

  /** Tells the views that `key` started or stopped following. */
  changed(key: string): void {
    this.emitter.fire(key);
  }

  /** Closes the channels (and stops the followers) of VMs that are gone. */
  retain(keys: ReadonlySet<string>): void {
    for (const [key, channel] of this.channels) {
      if (!keys.has(key)) {
        const was = channel.following;
        channel.dispose();
        this.channels.delete(key);
        if (was) this.changed(key);
      }
    }
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
    this.emitter.dispose();
  }
}
