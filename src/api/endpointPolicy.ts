// Which client-node endpoints may carry signed and session requests. The node signs only a nonce and
// never blocks a replayed one (dbc-real-node.md §7), so one request captured on the network — any
// request, `vm list` will do — can be replayed by anyone on the path to delete a VM; a session pair is a
// bearer token until the rental ends. So plain http is used silently only on this machine (loopback);
// http to another machine needs the user's explicit consent for that endpoint. The safe ways are https
// and an SSH tunnel (`ssh://user@host`), which arrives here as a loopback URL.
import { RequestError } from './requestError';

export type EndpointSecurity = 'loopback' | 'https' | 'ssh' | 'insecure-http';

/** How an endpoint URL protects what is sent to it. Unknown schemes count as insecure. */
export function endpointSecurity(url: string): EndpointSecurity {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'insecure-http';
  }
  if (u.protocol === 'https:') return 'https';
  if (u.protocol === 'ssh:') return 'ssh';
  return u.protocol === 'http:' && isLoopbackHost(u.hostname) ? 'loopback' : 'insecure-http';
}

/** 127.0.0.0/8, ::1 and `localhost` (which resolves there). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((o) => Number(o) <= 255);
}

/** A signed or session request that would go over plain http to another machine, refused before sending. */
export class InsecureEndpointError extends RequestError {
  constructor(
    readonly endpoint: string,
    readonly route: string,
  ) {
    super(
      `refusing to send ${route} with your credential to ${endpoint} over plain http: anyone on the network path can capture it and replay it ` +
        '(the node does not block a replayed signature) — for example to delete your VMs — and a session credential sent this way works ' +
        'for them until the rental ends. Reach the client node through an SSH tunnel (ssh://user@host) or https, or allow plain http for ' +
        'this endpoint if the network is yours alone.',
    );
    this.name = 'InsecureEndpointError';
  }
}
