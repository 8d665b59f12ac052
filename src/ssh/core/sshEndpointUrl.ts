// `ssh://user@host[:port][/client-node-port]`: a client node on another machine, reached through SSH
// (endpointTunnel.ts). Port 22 and client-node port 5002 by default.

export const DEFAULT_CLIENT_NODE_PORT = 5002;

export interface SshEndpointUrl {
  user: string;
  host: string;
  /** The SSH port of the host (default 22). */
  port: number;
  /** The client node's HTTP port on that host's loopback (default 5002). */
  nodePort: number;
}

/** Reads `ssh://user@host[:port][/client-node-port]`; undefined when it is not such a URL. */
export function parseSshEndpoint(text: string): SshEndpointUrl | undefined {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'ssh:' || !u.hostname || !u.username || u.password || u.search || u.hash) return undefined;
  const user = decodeURIComponent(u.username);
  if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(user)) return undefined;
  const rest = u.pathname.replace(/^\/+|\/+$/g, '');
  if (rest !== '' && !/^[1-9]\d{0,4}$/.test(rest)) return undefined;
  const nodePort = rest === '' ? DEFAULT_CLIENT_NODE_PORT : Number(rest);
  const port = u.port === '' ? 22 : Number(u.port);
  if (nodePort > 65535) return undefined;
  return { user, host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port, nodePort };
}

export function formatSshEndpoint(e: SshEndpointUrl): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `ssh://${e.user}@${host}${e.port === 22 ? '' : `:${e.port}`}${e.nodePort === DEFAULT_CLIENT_NODE_PORT ? '' : `/${e.nodePort}`}`;
}

