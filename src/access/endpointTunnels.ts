// The SSH tunnels of the ssh:// endpoints in the settings: one per endpoint, opened on its first request,
// kept while the endpoint is configured (its connection closes when idle and reopens on demand), closed
// when the endpoint is removed or the extension stops. A failed open is not kept: the next request tries
// again. Pure (no vscode).
import type { SshFileEnv } from '../ssh/core/fileEnv';
import { EndpointTunnel, parseSshEndpoint } from '../ssh/core/endpointTunnel';
import type { HostKeyOutcome } from '../ssh/core/sshClient';

export interface TunnelSettings {
  /** Our ssh files (known_hosts) and the home whose ~/.ssh keys are tried. */
  env(): { env: SshFileEnv; home: string };
  /** dbc.ssh.identityFile, when set. */
  identityFile(): string | undefined;
  /** The ssh-agent (SSH_AUTH_SOCK). */
  agentSocket?: string;
  onHostKey?(endpoint: string, hostKey: HostKeyOutcome): void;
}

export class EndpointTunnels {
  private readonly open = new Map<string, Promise<EndpointTunnel>>();

  constructor(private readonly settings: TunnelSettings) {}

  /** The local URL requests for `endpoint` (an ssh:// URL) are sent to. */
  async url(endpoint: string): Promise<string> {
    let tunnel = this.open.get(endpoint);
    if (!tunnel) {
      const target = parseSshEndpoint(endpoint);
      if (!target) throw new Error(`Not an SSH endpoint: ${endpoint}`);
      const { env, home } = this.settings.env();
      tunnel = EndpointTunnel.open({
        endpoint: target, env, home, identityFile: this.settings.identityFile(), agentSocket: this.settings.agentSocket,
        onHostKey: (k) => this.settings.onHostKey?.(endpoint, k),
      });
      this.open.set(endpoint, tunnel);
      tunnel.catch(() => {
        if (this.open.get(endpoint) === tunnel) this.open.delete(endpoint);
      });
    }
    return (await tunnel).url;
  }

  /** Closes the tunnels of endpoints no longer configured. */
  retain(endpoints: readonly string[]): void {
    for (const url of [...this.open.keys()]) if (!endpoints.includes(url)) this.close(url);
  }

  dispose(): void {
    for (const url of [...this.open.keys()]) this.close(url);
  }

  private close(url: string): void {
    const tunnel = this.open.get(url);
    this.open.delete(url);
    void tunnel?.then((t) => t.close(), () => undefined);
  }
}
