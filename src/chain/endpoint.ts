// Where the chain is asked. The GPU node's default is `dbc_chain_domain=httpinfo.dbcwallet.io:443`
// (with `httpinfo2.dbcwallet.io:7788` as a second choice) in its conf/core.conf, over HTTPS. We take one
// URL: https anywhere, plain http only on this machine (the simulator, an ssh tunnel).

export const DEFAULT_CHAIN_RPC = 'https://httpinfo.dbcwallet.io';

export class ChainUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainUrlError';
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The URL requests are posted to, or a ChainUrlError that says what to fix. */
export function normalizeChainUrl(text: string): string {
  const raw = text.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ChainUrlError(`Invalid chain RPC URL "${raw}": expected e.g. ${DEFAULT_CHAIN_RPC}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ChainUrlError(`Invalid chain RPC URL "${raw}": only https:// (or http:// on this machine) is supported`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new ChainUrlError(`Refusing plain http to ${url.host}: use https:// for a chain endpoint on another machine`);
  }
  if (url.search || url.hash) throw new ChainUrlError(`Invalid chain RPC URL "${raw}": no query or fragment`);
  return url.toString();
}

/** Whether the URL points at this machine (127.0.0.0/8, localhost, ::1). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** `https://host[:port]` for messages (never a path, which may hold an access key). */
export function chainOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the chain endpoint';
  }
}
