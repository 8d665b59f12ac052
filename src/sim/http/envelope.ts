// Body and envelope parsing of the client node (dbc-protocol.md §4, `parse_req_params`).
import { isRecord } from '../format';

export interface MultisigSign { wallet: string; nonce: string; sign: string }
export interface Multisig { wallets: string[]; threshold: number; signs: MultisigSign[] }

export interface Envelope {
  /** Only element [0] is ever used; absent when the array is empty. */
  peerNodeId: string | undefined;
  peerListEmpty: boolean;
  additional: Record<string, unknown>;
  wallet: string;
  nonce: string;
  sign: string;
  multisig: Multisig | undefined;
  sessionId: string;
  sessionIdSign: string;
  rentOrder: string;
}

export type Parsed<T> = { ok: T } | { error: string };

/** rapidjson's wording for the common parse failures; the offset is where JSON.parse stopped. */
export function parseJsonBody(body: string, withOffset: boolean): Parsed<unknown> {
  try {
    return { ok: JSON.parse(body) as unknown };
  } catch (e) {
    const empty = body.trim() === '';
    const reason = empty ? 'The document is empty.' : 'Invalid value.';
    const pos = /position (\d+)/.exec(String(e))?.[1] ?? String(body.length);
    return { error: `json parse error: ${reason}${withOffset ? `(${pos})` : ''}` };
  }
}

function optionalString(doc: Record<string, unknown>, key: string): Parsed<string> {
  if (!(key in doc)) return { ok: '' };
  const v = doc[key];
  return typeof v === 'string' ? { ok: v } : { error: `${key} is not string` };
}

function parseSign(v: unknown): MultisigSign | undefined {
  if (!isRecord(v)) return undefined;
  const { wallet, nonce, sign } = v;
  if (typeof wallet !== 'string' || typeof nonce !== 'string' || typeof sign !== 'string') return undefined;
  return { wallet, nonce, sign };
}

function parseMultisig(v: unknown): Parsed<Multisig> {
  if (!isRecord(v)) return { error: 'multisig_accounts is not object' };
  if (!('wallets' in v)) return { error: 'multisig_accounts has no member wallets' };
  if (!Array.isArray(v.wallets)) return { error: 'multisig_accounts member wallets is not array' };
  // A non-string element is undefined behaviour in the node (a rapidjson assert); the simulator answers 400.
  if (!v.wallets.every((w) => typeof w === 'string')) return { error: 'multisig_accounts member wallets is not string array' };
  if (!('threshold' in v)) return { error: 'multisig_accounts has no member threshold' };
  if (typeof v.threshold !== 'string') return { error: 'multisig_accounts member threshold is not string' };
  if (!('signs' in v)) return { error: 'multisig_accounts has no member signs' };
  if (!Array.isArray(v.signs)) return { error: 'multisig_accounts member signs is not array' };
  const signs = v.signs.map(parseSign);
  if (signs.some((s) => !s)) return { error: 'multisig_accounts member signs is invalid' };
  const threshold = atoiThreshold(v.threshold);
  return { ok: { wallets: v.wallets as string[], threshold, signs: signs as MultisigSign[] } };
}

function atoiThreshold(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function parsePeers(doc: Record<string, unknown>): Parsed<{ id: string | undefined; empty: boolean }> {
  if (!('peer_nodes_list' in doc)) return { error: 'has no peer_nodes_list' };
  const list = doc.peer_nodes_list;
  if (!Array.isArray(list)) return { error: 'peer_nodes_list is not array' };
  if (list.length === 0) return { ok: { id: undefined, empty: true } };
  if (typeof list[0] !== 'string') return { error: 'peer_nodes_list element is not string' };
  return { ok: { id: list[0], empty: false } };
}

/** `parse_req_params`, in the node's order; error texts are the node's, without any route prefix. */
export function parseEnvelope(doc: Record<string, unknown>): Parsed<Envelope> {
  const peers = parsePeers(doc);
  if ('error' in peers) return peers;
  if (!('additional' in doc)) return { error: 'has no additional' };
  if (!isRecord(doc.additional)) return { error: 'additional is not object' };
  const strings: Record<string, string> = {};
  for (const key of ['wallet', 'nonce', 'sign']) {
    const r = optionalString(doc, key);
    if ('error' in r) return r;
    strings[key] = r.ok;
  }
  let multisig: Multisig | undefined;
  if ('multisig_accounts' in doc) {
    const r = parseMultisig(doc.multisig_accounts);
    if ('error' in r) return r;
    multisig = r.ok;
  }
  for (const key of ['session_id', 'session_id_sign', 'rent_order']) {
    const r = optionalString(doc, key);
    if ('error' in r) return r;
    strings[key] = r.ok;
  }
  return {
    ok: {
      peerNodeId: peers.ok.id, peerListEmpty: peers.ok.empty, additional: doc.additional,
      wallet: strings.wallet, nonce: strings.nonce, sign: strings.sign, multisig,
      sessionId: strings.session_id, sessionIdSign: strings.session_id_sign, rentOrder: strings.rent_order,
    },
  };
}

export function hasPeerNodeId(env: Envelope): boolean {
  return env.peerNodeId !== undefined && env.peerNodeId !== '';
}

/** The client node's presence pre-check of the multisig block (§5.1); absent multisig never passes. */
function multisigPresent(m: Multisig | undefined): boolean {
  if (!m) return false;
  if (m.threshold > m.wallets.length || m.threshold > m.signs.length) return false;
  return m.signs.every((s) => m.wallets.includes(s.wallet) && s.wallet !== '' && s.nonce !== '' && s.sign !== '');
}

export function walletPresent(env: Envelope): boolean {
  return env.wallet !== '' && env.nonce !== '' && env.sign !== '';
}

export function sessionPresent(env: Envelope): boolean {
  return env.sessionId !== '' && env.sessionIdSign !== '';
}

/** §5.1: session pair, or wallet triple, or a multisig block that passes the pre-check. */
export function authPresent(env: Envelope, allowSession: boolean): boolean {
  if (allowSession && sessionPresent(env)) return true;
  return walletPresent(env) || multisigPresent(env.multisig);
}
