// The multisig file that the dbc CLI (`--multisig FILE`) and the extension (Add Multisig Account… → From a
// multisig file) both read: the on-chain multisig account (every member wallet and the threshold) and the
// members whose keys this machine holds. Secrets are best referenced through environment variables; inline
// ones are accepted, and the CLI warns when others can read such a file.
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
//
// Only the shape is read here (no file system, no crypto): each program reads the file and the keystores,
// and turns the members into signers its own way.
import { isRecord } from '../util/isRecord';
import { formatTemplate } from './messages';

/** Where a secret comes from: the file itself, or an environment variable it names. */
export type SecretSource = { inline: string } | { env: string };

export type MemberRef =
  | { form: 'seed' | 'mnemonic'; secret: SecretSource }
  /** `file` as written (relative to the multisig file); without `password` the password must be asked for. */
  | { form: 'keystore'; file: string; password?: SecretSource };

export interface MultisigFile {
  wallets: string[];
  threshold: number;
  members: MemberRef[];
  /** Some member's seed, mnemonic or keystore password is written in the file itself. */
  inlineSecrets: boolean;
}

/** Every English sentence of this module; the editor translates them (l10n bundles are keyed by them). */
export const MULTISIG_FILE_TEXT = {
  notJson: '{0} is not valid JSON.',
  notObject: '{0} must hold a JSON object.',
  wallets: '{0}: "wallets" must be a non-empty array of the member addresses (SS58).',
  threshold: '{0}: "threshold" must be a whole number of at least 1.',
  signers: '{0}: "signers" must list the members whose keys you hold, e.g. [{"seed_env":"ALICE_SEED"}].',
  signerObject: '{0}: signers[{1}] must be an object.',
  signerKind: '{0}: signers[{1}] must have exactly one of "seed", "seed_env", "mnemonic", "mnemonic_env", "keystore".',
  field: '{0}: signers[{1}]: "{2}" must be a non-empty string.',
  envUnset: '{0}: signers[{1}]: the environment variable {2} is not set.',
} as const;

/** A multisig file that cannot be used: the template and its arguments, for a translated message. */
export class MultisigFileError extends Error {
  constructor(
    readonly template: string,
    readonly args: string[],
  ) {
    super(formatTemplate(template, args));
    this.name = 'MultisigFileError';
  }
}

const SIGNER_KEYS = ['seed', 'seed_env', 'mnemonic', 'mnemonic_env', 'keystore'] as const;

/** Reads the file's text; `shown` names the file in messages. */
export function parseMultisigFile(text: string, shown: string): MultisigFile {
  const data = parseObject(text, shown);
  const wallets = readWallets(data, shown);
  const threshold = readThreshold(data, shown);
  const members = readSignerRefs(data, shown).map((ref, i) => memberOf(ref, i, shown));
  return {
    wallets,
    threshold,
    members,
    inlineSecrets: members.some((m) => {
      const secret = m.form === 'keystore' ? m.password : m.secret;
      return secret !== undefined && 'inline' in secret;
    }),
  };
}

/** The secret itself: inline, or the value of the environment variable (which must be set). */
export function secretValue(source: SecretSource, env: Record<string, string | undefined>, shown: string, index: number): string {
  if ('inline' in source) return source.inline;
  const value = env[source.env];
  if (!value?.trim()) throw new MultisigFileError(MULTISIG_FILE_TEXT.envUnset, [shown, String(index), source.env]);
  return value;
}

function parseObject(text: string, shown: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MultisigFileError(MULTISIG_FILE_TEXT.notJson, [shown]);
  }
  if (!isRecord(data)) throw new MultisigFileError(MULTISIG_FILE_TEXT.notObject, [shown]);
  return data;
}

function readWallets(data: Record<string, unknown>, shown: string): string[] {
  const wallets = data['wallets'];
  if (!Array.isArray(wallets) || wallets.length === 0 || !wallets.every((w) => typeof w === 'string' && w.trim())) {
    throw new MultisigFileError(MULTISIG_FILE_TEXT.wallets, [shown]);
  }
  return wallets.map((w: string) => w.trim());
}

function readThreshold(data: Record<string, unknown>, shown: string): number {
  const raw = data['threshold'];
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new MultisigFileError(MULTISIG_FILE_TEXT.threshold, [shown]);
  return n;
}

function readSignerRefs(data: Record<string, unknown>, shown: string): Record<string, unknown>[] {
  const refs = data['signers'];
  if (!Array.isArray(refs) || refs.length === 0) throw new MultisigFileError(MULTISIG_FILE_TEXT.signers, [shown]);
  return refs.map((ref: unknown, i) => {
    if (!isRecord(ref)) throw new MultisigFileError(MULTISIG_FILE_TEXT.signerObject, [shown, String(i)]);
    if (SIGNER_KEYS.filter((k) => Object.hasOwn(ref, k)).length !== 1) {
      throw new MultisigFileError(MULTISIG_FILE_TEXT.signerKind, [shown, String(i)]);
    }
    return ref;
  });
}

function memberOf(ref: Record<string, unknown>, i: number, shown: string): MemberRef {
  const str = (key: string): string => {
    const v = ref[key];
    if (typeof v !== 'string' || !v.trim()) throw new MultisigFileError(MULTISIG_FILE_TEXT.field, [shown, String(i), key]);
    return v;
  };
  const has = (key: string) => Object.hasOwn(ref, key);
  if (has('seed')) return { form: 'seed', secret: { inline: str('seed') } };
  if (has('seed_env')) return { form: 'seed', secret: { env: str('seed_env') } };
  if (has('mnemonic')) return { form: 'mnemonic', secret: { inline: str('mnemonic') } };
  if (has('mnemonic_env')) return { form: 'mnemonic', secret: { env: str('mnemonic_env') } };
  const password = has('password_env') ? { env: str('password_env') } : has('password') ? { inline: str('password') } : undefined;
  return { form: 'keystore', file: str('keystore'), password };
}
