// Which credential an API call uses: env DBC_SEED / DBC_MNEMONIC (wallet), DBC_SESSION_ID +
// DBC_SESSION_ID_SIGN (session), --keystore FILE + DBC_KEYSTORE_PASSWORD (wallet) or --multisig FILE.
// Secrets never come from the command line here: argv is visible to every user of the machine.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SessionCredential, WalletCredential } from '../auth/credentials';
import { signerFromKeystore, signerFromMnemonic, signerFromSeed } from '../auth/signer';
import type { Credential } from '../api/types';
import type { Signer } from '../auth/types';
import { UsageError } from './exitCodes';
import { loadMultisigFile } from './multisigFile';

type Env = Record<string, string | undefined>;

export type AuthKind = 'wallet' | 'session' | 'multisig' | 'keystore';
export const AUTH_KINDS: AuthKind[] = ['wallet', 'session', 'multisig', 'keystore'];

export interface AuthSources {
  multisig?: string;
  keystore?: string;
  /** `--auth KIND`: picks one source when several are configured. */
  auth?: string;
}

export interface ResolvedAuth {
  credential: Credential;
  /** Who can sign a session_id: the wallet, or the first multisig member we hold. */
  signer?: Signer;
  warnings: string[];
}

const NO_CREDENTIAL = 'this command needs a credential: set DBC_SEED or DBC_MNEMONIC (wallet), DBC_SESSION_ID and DBC_SESSION_ID_SIGN (session), or pass --multisig FILE or --keystore FILE';

export function availableKinds(src: AuthSources, env: Env): AuthKind[] {
  const kinds: AuthKind[] = [];
  if (src.multisig) kinds.push('multisig');
  if (src.keystore) kinds.push('keystore');
  if (has(env, 'DBC_SEED') || has(env, 'DBC_MNEMONIC')) kinds.push('wallet');
  if (has(env, 'DBC_SESSION_ID') || has(env, 'DBC_SESSION_ID_SIGN')) kinds.push('session');
  return kinds;
}

/** Picks the one configured source; explicit flags win over the environment. */
export function chooseKind(src: AuthSources, env: Env): AuthKind {
  const kinds = availableKinds(src, env);
  if (src.auth !== undefined) {
    const wanted = src.auth as AuthKind;
    if (!AUTH_KINDS.includes(wanted)) throw new UsageError(`--auth must be one of ${AUTH_KINDS.join(', ')} (got "${src.auth}")`);
    if (!kinds.includes(wanted)) throw new UsageError(`--auth ${wanted}: no ${wanted} credential is configured (${describeKind(wanted)})`);
    return wanted;
  }
  const flags = kinds.filter((k) => k === 'multisig' || k === 'keystore');
  if (flags.length > 1) throw new UsageError('pass only one of --multisig and --keystore (or pick one with --auth)');
  if (flags.length === 1) return flags[0]!;
  if (kinds.length === 0) throw new UsageError(NO_CREDENTIAL);
  if (kinds.length > 1) throw new UsageError('both a wallet (DBC_SEED/DBC_MNEMONIC) and a session (DBC_SESSION_ID) are set; choose one with --auth wallet or --auth session');
  return kinds[0]!;
}

export async function resolveAuth(src: AuthSources, env: Env, cwd: string): Promise<ResolvedAuth> {
  const kind = chooseKind(src, env);
  switch (kind) {
    case 'multisig': {
      const m = await loadMultisigFile(src.multisig!, env, cwd);
      return { credential: m.credential, signer: m.signers[0], warnings: m.warnings };
    }
    case 'keystore':
    case 'wallet': {
      const signer = await walletSigner(src, env, cwd, kind);
      return { credential: new WalletCredential(signer), signer, warnings: [] };
    }
    case 'session':
      return { credential: sessionFromEnv(env), warnings: [] };
  }
}

/** A single signer for `address`, `sign` and `session-id`: flags first, then the configured wallet. */
export async function walletSigner(src: AuthSources & { seed?: string; mnemonic?: string }, env: Env, cwd: string, kind?: AuthKind): Promise<Signer> {
  if (src.seed !== undefined && src.mnemonic !== undefined) throw new UsageError('pass either --seed or --mnemonic, not both');
  if (src.seed !== undefined) return signerFromSeed(src.seed);
  if (src.mnemonic !== undefined) return signerFromMnemonic(src.mnemonic);
  if (kind === 'keystore' || (kind === undefined && src.keystore)) return keystoreSigner(src.keystore!, env, cwd);
  if (has(env, 'DBC_SEED') && has(env, 'DBC_MNEMONIC')) throw new UsageError('both DBC_SEED and DBC_MNEMONIC are set; unset one of them');
  if (has(env, 'DBC_SEED')) return signerFromSeed(env['DBC_SEED']!);
  if (has(env, 'DBC_MNEMONIC')) return signerFromMnemonic(env['DBC_MNEMONIC']!);
  throw new UsageError('no wallet: pass --seed HEX or --mnemonic "…", or set DBC_SEED or DBC_MNEMONIC, or pass --keystore FILE');
}

async function keystoreSigner(file: string, env: Env, cwd: string): Promise<Signer> {
  const password = env['DBC_KEYSTORE_PASSWORD'];
  if (password === undefined) throw new UsageError('--keystore needs the password in the environment variable DBC_KEYSTORE_PASSWORD');
  let text: string;
  try {
    text = await fs.readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the keystore ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return signerFromKeystore(text, password);
}

function sessionFromEnv(env: Env): SessionCredential {
  const id = env['DBC_SESSION_ID']?.trim();
  const sign = env['DBC_SESSION_ID_SIGN']?.trim();
  if (!id || !sign) throw new UsageError('the session form needs both DBC_SESSION_ID and DBC_SESSION_ID_SIGN');
  if (!/^[0-9a-f]{128}$/i.test(sign)) throw new UsageError('DBC_SESSION_ID_SIGN must be 128 hex characters (no 0x), as printed by `dbc session-id`');
  return new SessionCredential(id, sign, env['DBC_RENTER']?.trim() || 'session');
}

function describeKind(kind: AuthKind): string {
  switch (kind) {
    case 'wallet': return 'set DBC_SEED or DBC_MNEMONIC';
    case 'session': return 'set DBC_SESSION_ID and DBC_SESSION_ID_SIGN';
    case 'multisig': return 'pass --multisig FILE';
    case 'keystore': return 'pass --keystore FILE';
  }
}

function has(env: Env, name: string): boolean {
  return (env[name] ?? '').trim() !== '';
}
