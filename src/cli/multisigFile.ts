// `--multisig FILE`: the file format is src/core/multisigFile.ts (shared with the extension). Here its
// members become signers, and a file holding secrets inline gets a warning if others can read it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MultisigCredential } from '../auth/credentials';
import { signerFromKeystore, signerFromMnemonic, signerFromSeed } from '../auth/signer';
import type { Signer } from '../auth/types';
import { MULTISIG_FILE_TEXT, MultisigFileError, parseMultisigFile, secretValue, type MemberRef } from '../core/multisigFile';
import { UsageError } from './exitCodes';

type Env = Record<string, string | undefined>;

export interface LoadedMultisig {
  credential: MultisigCredential;
  signers: Signer[];
  warnings: string[];
}

export async function loadMultisigFile(file: string, env: Env, cwd: string): Promise<LoadedMultisig> {
  const full = path.resolve(cwd, file);
  try {
    const parsed = parseMultisigFile(await readText(full, file), file);
    const signers: Signer[] = [];
    for (const [i, member] of parsed.members.entries()) signers.push(await signerOf(member, i, env, path.dirname(full), file));
    const credential = await MultisigCredential.create({ wallets: parsed.wallets, threshold: parsed.threshold, signers });
    const warnings = parsed.inlineSecrets ? await permissionWarnings(full, file) : [];
    return { credential, signers, warnings };
  } catch (err) {
    if (err instanceof MultisigFileError) throw new UsageError(err.message.replace(/\.$/, ''));
    throw err;
  }
}

async function readText(full: string, shown: string): Promise<string> {
  try {
    return await fs.readFile(full, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the multisig file ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

async function signerOf(member: MemberRef, i: number, env: Env, dir: string, file: string): Promise<Signer> {
  switch (member.form) {
    case 'seed': return signerFromSeed(secretValue(member.secret, env, file, i));
    case 'mnemonic': return signerFromMnemonic(secretValue(member.secret, env, file, i));
    case 'keystore': {
      if (!member.password) throw new MultisigFileError(MULTISIG_FILE_TEXT.field, [file, String(i), 'password_env']);
      const password = secretValue(member.password, env, file, i);
      return signerFromKeystore(await readText(path.resolve(dir, member.file), member.file), password);
    }
  }
}

async function permissionWarnings(full: string, file: string): Promise<string[]> {
  if (process.platform === 'win32') return [];
  const { mode } = await fs.stat(full);
  if ((mode & 0o077) === 0) return [];
  return [`warning: ${file} holds secrets inline and other users can read it; run chmod 600 ${file} or use "seed_env"/"mnemonic_env"`];
}
