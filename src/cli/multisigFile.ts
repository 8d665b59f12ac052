// The `--multisig FILE` format: the on-chain multisig account (every member wallet and the
// threshold) and the members whose keys this machine holds. Secrets are best referenced through
// environment variables; inline ones are accepted but trigger a warning if others can read the file.
//
// {
//   "wallets": ["5Dy8…", "5HgV…", "5G6B…"],
//   "threshold": 2,
//   "signers": [
//     { "seed_env": "ALICE_SEED" },
//     { "mnemonic_env": "BOB_MNEMONIC" },
//     { "keystore": "carol.json", "password_env": "CAROL_PASSWORD" }
//   ]
// }
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MultisigCredential } from '../auth/credentials';
import { signerFromKeystore, signerFromMnemonic, signerFromSeed } from '../auth/signer';
import type { Signer } from '../auth/types';
import { UsageError } from './exitCodes';

type Env = Record<string, string | undefined>;

export interface LoadedMultisig {
  credential: MultisigCredential;
  signers: Signer[];
  warnings: string[];
}

const SIGNER_KEYS = ['seed', 'seed_env', 'mnemonic', 'mnemonic_env', 'keystore'] as const;

export async function loadMultisigFile(file: string, env: Env, cwd: string): Promise<LoadedMultisig> {
  const full = path.resolve(cwd, file);
  const data = parseJson(await readText(full, file), file);
  const wallets = readWallets(data, file);
  const threshold = readThreshold(data, file);
  const refs = readSignerRefs(data, file);
  const signers: Signer[] = [];
  for (const [i, ref] of refs.entries()) signers.push(await signerFromRef(ref, i, env, path.dirname(full), file));
  const credential = await MultisigCredential.create({ wallets, threshold, signers });
  const warnings = refs.some((r) => typeof r['seed'] === 'string' || typeof r['mnemonic'] === 'string') ? await permissionWarnings(full, file) : [];
  return { credential, signers, warnings };
}

async function readText(full: string, shown: string): Promise<string> {
  try {
    return await fs.readFile(full, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the multisig file ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`the multisig file ${file} is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`the multisig file ${file} must hold a JSON object`);
  return data as Record<string, unknown>;
}

function readWallets(data: Record<string, unknown>, file: string): string[] {
  const wallets = data['wallets'];
  if (!Array.isArray(wallets) || wallets.length === 0 || !wallets.every((w) => typeof w === 'string' && w.trim())) {
    throw new UsageError(`${file}: "wallets" must be a non-empty array of the member addresses (SS58)`);
  }
  return wallets.map((w: string) => w.trim());
}

function readThreshold(data: Record<string, unknown>, file: string): number {
  const raw = data['threshold'];
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new UsageError(`${file}: "threshold" must be a whole number of at least 1`);
  return n;
}

function readSignerRefs(data: Record<string, unknown>, file: string): Record<string, unknown>[] {
  const refs = data['signers'];
  if (!Array.isArray(refs) || refs.length === 0) {
    throw new UsageError(`${file}: "signers" must list the members whose keys you hold, e.g. [{"seed_env":"ALICE_SEED"}]`);
  }
  return refs.map((ref, i) => {
    if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) throw new UsageError(`${file}: signers[${i}] must be an object`);
    const kinds = SIGNER_KEYS.filter((k) => k in ref);
    if (kinds.length !== 1) {
      throw new UsageError(`${file}: signers[${i}] must have exactly one of ${SIGNER_KEYS.map((k) => `"${k}"`).join(', ')}`);
    }
    return ref as Record<string, unknown>;
  });
}

async function signerFromRef(ref: Record<string, unknown>, i: number, env: Env, dir: string, file: string): Promise<Signer> {
  const where = `${file}: signers[${i}]`;
  const str = (key: string): string => {
    const v = ref[key];
    if (typeof v !== 'string' || !v.trim()) throw new UsageError(`${where}: "${key}" must be a non-empty string`);
    return v;
  };
  const fromEnv = (key: string): string => {
    const name = str(key);
    const value = env[name];
    if (!value?.trim()) throw new UsageError(`${where}: the environment variable ${name} is not set`);
    return value;
  };
  if ('seed' in ref) return signerFromSeed(str('seed'));
  if ('seed_env' in ref) return signerFromSeed(fromEnv('seed_env'));
  if ('mnemonic' in ref) return signerFromMnemonic(str('mnemonic'));
  if ('mnemonic_env' in ref) return signerFromMnemonic(fromEnv('mnemonic_env'));
  const keystore = path.resolve(dir, str('keystore'));
  return signerFromKeystore(await readText(keystore, str('keystore')), fromEnv('password_env'));
}

async function permissionWarnings(full: string, file: string): Promise<string[]> {
  if (process.platform === 'win32') return [];
  const { mode } = await fs.stat(full);
  if ((mode & 0o077) === 0) return [];
  return [`warning: ${file} holds secrets inline and other users can read it; run chmod 600 ${file} or use "seed_env"/"mnemonic_env"`];
}
