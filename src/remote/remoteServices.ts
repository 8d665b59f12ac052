// The editor side of the SSH features: where the ssh files are, which Remote-SSH is installed, and how a
// decision is carried out (windows, terminals, external URIs). The in-host tests replace all three through
// `RemoteTestHooks` so they never touch the machine's ~/.ssh and never open windows.
import * as os from 'os';
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { SshFileEnv } from '../ssh/core/fileEnv';
import { detectRemoteSsh, editorBuild, nativeRemoteSsh, type RemoteSshExtension } from './model/remoteSsh';
import { sshLayout, type SshLayout } from './model/sshLayout';
import { recordingOpener, vscodeOpener, type Opener, type OpenerCall } from './opener';

export interface RemoteTestHooks {
  /** The home folder whose `.ssh` the flow uses instead of the real one. */
  sshHome?: string;
  /** Stands in for `vscode.extensions.getExtension`: the Remote-SSH ids that count as installed. */
  installedExtensions?: readonly string[];
  /** Receives what would have been executed (windows, terminals, installs, external URIs) instead. */
  record?(call: OpenerCall): void;
}

export interface SshSetup extends SshLayout {
  home: string;
  /** For our files and `~/.ssh/config`. */
  env: SshFileEnv;
  /** For the Include line: `userConfig` is the file Remote-SSH reads. */
  includeEnv: SshFileEnv;
}

export class RemoteServices {
  private hooks: RemoteTestHooks | undefined;

  constructor(private readonly settings: Settings) {}

  setHooks(hooks: RemoteTestHooks | undefined): void {
    this.hooks = hooks;
  }

  ssh(): SshSetup {
    const remoteSshConfigFile = vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile');
    const home = this.hooks?.sshHome ?? os.homedir();
    const layout = sshLayout({ home, configFile: this.settings.value.sshConfigFile, remoteSshConfigFile });
    return { ...layout, home, env: { paths: layout.paths }, includeEnv: { paths: { ...layout.paths, userConfig: layout.remoteSshConfig } } };
  }

  /** The installed Remote-SSH implementation, if any. */
  remoteSsh(): RemoteSshExtension | undefined {
    const installed = this.hooks?.installedExtensions;
    const isInstalled = installed ? (id: string) => installed.includes(id) : (id: string) => vscode.extensions.getExtension(id) !== undefined;
    return detectRemoteSsh(this.build(), isInstalled);
  }

  /** The implementation to offer for this editor build. */
  recommendedRemoteSsh(): RemoteSshExtension {
    return nativeRemoteSsh(this.build());
  }

  opener(): Opener {
    const record = this.hooks?.record;
    return record ? recordingOpener((call) => record(call)) : vscodeOpener;
  }

  private build() {
    return editorBuild(vscode.env.appName, vscode.env.uriScheme);
  }
}
