// The GPU node's `check_authority` (node_request_service.cpp; dbc-protocol.md §5.2–§5.6): signatures,
// one-shot nonces, chain machine status, rent records (rent.ts: by order id, or by wallet for a
// whole-machine rental, never "any order of this wallet"), multisig accounts and the session_id store.
import type { Envelope, Multisig } from '../http/envelope';
import { walletPresent } from '../http/envelope';
import { newSessionId } from '../ids';
import { onChain } from '../chain/chainView';
import { fetchPendingOrder, isRenting } from '../rent';
import { multisigAccount, verifySignature } from '../signatures';
import type { NodeState, SessionRecord } from '../state';

export type Role = 'WalletRenter' | 'SessionIdRenter' | 'Verifier';
export type Authority = { ok: true; role: Role; wallet: string } | { ok: false; reason: string };

type MachineClass = 'rented' | 'online' | 'verify' | 'unknown';

const NONCE_CAPACITY = 1_000_000;

/** Maps the chain's `machineStatus` (or the scenario's short names) onto the node's four classes. */
export function machineClass(status: string): MachineClass {
  if (['rented', 'creating'].includes(status)) return 'rented';
  if (['online', 'waitingFulfill'].includes(status)) return 'online';
  if (['verify', 'addingCustomizeInfo', 'distributingOrder', 'committeeVerifying', 'committeeRefused'].includes(status)) {
    return 'verify';
  }
  return 'unknown';
}

/**
 * `check_nonce` asks `m_nonce_filter.contains(nonce)`, but nothing in node_request_service.cpp ever
 * inserts into that filter: on 0.4.1.8 a captured nonce and signature pass again (docs/dbc-real-node.md
 * §7). With `strict` the simulator inserts on first sight, so tests can prove a client never reuses one.
 */
function consumeNonce(node: NodeState, nonce: string, strict: boolean): boolean {
  if (!strict) return true;
  if (node.nonces.has(nonce)) return false;
  node.nonces.add(nonce);
  if (node.nonces.size > NONCE_CAPACITY) node.nonces.delete(node.nonces.values().next().value as string);
  return true;
}

/** Signature first; the nonce is consumed only when the signature is valid. */
function walletNonceOk(node: NodeState, wallet: string, nonce: string, sign: string, strict: boolean): boolean {
  return wallet !== '' && nonce !== '' && verifySignature(nonce, sign, wallet) && consumeNonce(node, nonce, strict);
}

function multisigOk(node: NodeState, m: Multisig, strict: boolean): string | null {
  if (m.wallets.length === 0 || m.signs.length === 0 || m.threshold <= 0) return null;
  if (m.threshold > m.wallets.length || m.threshold > m.signs.length) return null;
  for (const s of m.signs) {
    if (!m.wallets.includes(s.wallet) || s.sign === '') return null;
    if (!walletNonceOk(node, s.wallet, s.nonce, s.sign, strict)) return null;
  }
  return multisigAccount(m.wallets, m.threshold);
}

export function sessionOf(node: NodeState, wallet: string): SessionRecord | undefined {
  return node.sessions.find((s) => s.wallet === wallet);
}

/** `createSessionId`: one stable id per renter wallet, never rotated; remembers multisig members. */
function ensureSession(node: NodeState, wallet: string, members: string[]): void {
  if (sessionOf(node, wallet)) return;
  node.sessions.push({ wallet, sessionId: newSessionId(), members });
}

function sessionRenter(node: NodeState, env: Envelope): SessionRecord | undefined {
  const rec = node.sessions.find((s) => s.sessionId === env.sessionId);
  if (!rec) return undefined;
  const signers = [rec.wallet, ...rec.members];
  return signers.some((w) => verifySignature(env.sessionId, env.sessionIdSign, w)) ? rec : undefined;
}

interface SignedIdentities { multisig: string | null; wallet: string | null }

function signedIdentities(node: NodeState, env: Envelope, strict: boolean): SignedIdentities {
  const wallet = walletPresent(env) && walletNonceOk(node, env.wallet, env.nonce, env.sign, strict) ? env.wallet : null;
  const multisig = env.multisig ? multisigOk(node, env.multisig, strict) : null;
  return { multisig, wallet };
}

function checkVerify(node: NodeState, env: Envelope, withSession: boolean, strict: boolean): Authority {
  const ids = signedIdentities(node, env, strict);
  const account = ids.multisig ?? ids.wallet;
  if (!account) return { ok: false, reason: withSession ? 'session_id is invalid' : 'nonce check failed' };
  if (!node.verifiers.includes(account)) return { ok: false, reason: 'not in verify time' };
  return { ok: true, role: 'Verifier', wallet: account };
}

function checkRented(node: NodeState, env: Envelope, withSession: boolean, strict: boolean): Authority {
  if (withSession) {
    const rec = sessionRenter(node, env);
    if (rec) {
      if (!isRenting(node, env.rentOrder, rec.wallet)) return { ok: false, reason: 'machine has already expired' };
      return { ok: true, role: 'SessionIdRenter', wallet: rec.wallet };
    }
  }
  const ids = signedIdentities(node, env, strict);
  if (!ids.multisig && !ids.wallet) return { ok: false, reason: withSession ? 'session_id is invalid' : 'nonce check failed' };
  if (ids.multisig && isRenting(node, env.rentOrder, ids.multisig)) {
    ensureSession(node, ids.multisig, env.multisig?.wallets ?? []);
    return { ok: true, role: 'WalletRenter', wallet: ids.multisig };
  }
  if (ids.wallet && isRenting(node, env.rentOrder, ids.wallet)) {
    ensureSession(node, ids.wallet, []);
    return { ok: true, role: 'WalletRenter', wallet: ids.wallet };
  }
  return { ok: false, reason: 'wallet not rented' };
}

/**
 * `check_authority`. `useSession` is false for M2, whose request never carries the session fields.
 * First, whatever the machine's status, the node fetches the order the request names from the chain
 * into its cache (`UpdateRentOrder`): `block` is the chain's current block. `fetched` is set when that
 * added an order. Failures are answered `{"errcode":-3,"message":"check authority failed: <reason>"}` by the caller.
 */
export function checkAuthority(node: NodeState, env: Envelope, o: { useSession?: boolean; strictNonces?: boolean; block: number }): Authority & { fetched?: boolean } {
  const fetched = fetchPendingOrder(node, env.rentOrder, (r) => onChain(r, o.block));
  const auth = authorize(node, env, o.useSession ?? true, o.strictNonces ?? false);
  return fetched ? { ...auth, fetched } : auth;
}

function authorize(node: NodeState, env: Envelope, useSession: boolean, strictNonces: boolean): Authority {
  const withSession = useSession && env.sessionId !== '' && env.sessionIdSign !== '';
  switch (machineClass(node.status)) {
    case 'unknown': return { ok: false, reason: 'query machine_status failed' };
    case 'online': return { ok: false, reason: 'machine is not be rented' };
    case 'verify': return checkVerify(node, env, withSession, strictNonces);
    case 'rented': return checkRented(node, env, withSession, strictNonces);
  }
}
