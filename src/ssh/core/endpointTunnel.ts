// A client node on another machine, reached through SSH: `ssh://user@host[:port][/client-node-port]`
// (port 22 and client-node port 5002 by default). A listener on 127.0.0.1 here carries each HTTP request
// to 127.0.0.1:<client-node port> on that host through one ssh2 connection, which is opened on first use,
// shared, and opened again after it drops. Signed requests then never cross the network in the clear,
// and the node on the other machine need not listen beyond its own loopback.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ssh2 } from './ssh2Lib';
import { SshConnectionPool } from './connectionPool';
import { type SshFileEnv } from './fileEnv';
import { startForward, type PortForward } from './portForward';
import { connectVerified, type HostKeyOutcome, type SshAuth, type VerifiedSession } from './sshClient';
import { SshError } from './sshErrors';
import { formatSshEndpoint, type SshEndpointUrl } from './sshEndpointUrl';

export { DEFAULT_CLIENT_NODE_PORT, formatSshEndpoint, parseSshEndpoint, type SshEndpointUrl } from './sshEndpointUrl';

export interface TunnelOptions {
  endpoint: SshEndpointUrl;
  /** Our ssh files: the host key is checked against (and, when new, learned into) `paths.knownHosts`. */
  env: SshFileEnv;
  /** A private key file; default: the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exists. */
  identityFile?: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK), tried as well (and alone when no key file is usable). */
  agentSocket?: string;
  home?: string;
  /** Close the SSH connection after this long without requests; the next request reopens it. Default 60 s. */
  idleMs?: number;
  /** Called once per connection with the host key (`learned` the first time it is seen). */
  onHostKey?(hostKey: HostKeyOutcome): void;
}

export class EndpointTunnel {
  private constructor(
    private readonly forward: PortForward,
    private readonly pool: SshConnectionPool,
    private readonly key: string,
    /** The last failure carrying a request (for messages). */
    private readonly errors: { last?: Error },
  ) {}

  /** Connects once (so a wrong key or host key fails here, with its reason), then listens on 127.0.0.1. */
  static async open(opts: TunnelOptions): Promise<EndpointTunnel> {
    const pool = new SshConnectionPool(opts.idleMs ?? 60_000);
    const key = formatSshEndpoint(opts.endpoint);
    const auth = await tunnelAuth(opts);
    const connect = async (): Promise<VerifiedSession> => {
      const session = await connectVerified({ host: opts.endpoint.host, port: opts.endpoint.port, user: opts.endpoint.user, env: opts.env }, auth);
      opts.onHostKey?.(session.hostKey);
      return session;
    };
    try {
      (await pool.acquire(key, connect)).release();
    } catch (err) {
      throw tunnelError(key, err);
    }
    const errors: { last?: Error } = {};
    const forward = await startForward({
      remotePort: opts.endpoint.nodePort,
      lease: () => pool.acquire(key, connect),
      onError: (err) => (errors.last = err),
    });
    return new EndpointTunnel(forward, pool, key, errors);
  }

  /** `http://127.0.0.1:<local port>`: where requests for the remote client node go. */
  get url(): string {
    return `http://127.0.0.1:${this.forward.localPort}`;
  }

  /** Whether the SSH connection is open now (it closes when idle or dropped, and reopens on the next request). */
  get connected(): boolean {
    return this.pool.isOpen(this.key);
  }

  get lastError(): Error | undefined {
    return this.errors.last;
  }

  async close(): Promise<void> {
    await this.forward.close();
    this.pool.closeAll();
  }
}

/** An SSH failure named after the tunnel (the messages of sshClient.ts speak of VMs). */
function tunnelError(endpoint: string, err: unknown): unknown {
  if (!(err instanceof SshError)) return err;
  return new SshError(err.code, `SSH tunnel to ${endpoint}: ${err.message.replace(/^The VM /, 'The server ')}`, { cause: err });
}

/** The key (and agent) to log in with; an error that says what to do when there is none. */
async function tunnelAuth(opts: TunnelOptions): Promise<SshAuth> {
  const home = opts.home ?? os.homedir();
  const candidates = opts.identityFile ? [opts.identityFile] : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => path.join(home, '.ssh', f));
  for (const file of candidates) {
    let privateKey: Buffer;
    try {
      privateKey = await fs.readFile(file);
    } catch (err) {
      if (opts.identityFile) throw new SshError('auth-failed', `Cannot read the SSH key ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
      continue;
    }
    const parsed = ssh2().utils.parseKey(privateKey);
    if (!(parsed instanceof Error)) return { kind: 'key', privateKey, label: file, ...(opts.agentSocket ? { agent: opts.agentSocket } : {}) };
    if (opts.identityFile && !opts.agentSocket) throw new SshError('auth-failed', `The SSH key ${file} cannot be used (${parsed.message}); add it to the ssh-agent (ssh-add ${file}).`);
  }
  if (opts.agentSocket) return { kind: 'agent', agent: opts.agentSocket, label: 'the ssh-agent' };
  const where = formatSshEndpoint(opts.endpoint);
  throw new SshError('auth-failed', `No SSH key to log in to ${where}: start an ssh-agent with your key, or name a key file.`);
}
