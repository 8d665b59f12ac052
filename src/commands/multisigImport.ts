// Multisig accounts: from command arguments, from the dbc CLI's multisig file (its member keys are
// imported as wallets), or from member wallets already stored here.
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WalletInput } from '../access/keyring';
import type { CredentialMeta } from '../secrets/credentialStore';
import { UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { credentialItems } from '../flows/pickers';
import { orCancel } from '../ui/model/prompter';
import type { MultisigOptions } from './model/options';
import { MultisigFileError, parseMultisigFile, secretValue, type MemberRef } from '../core/multisigFile';

const t = vscode.l10n.t;
/** A member of the multisig file as a wallet to import; a keystore without a password asks for it. */
async function memberInput(svc: CommandServices, member: MemberRef, i: number, file: string): Promise<WalletInput> {
  switch (member.form) {
    case 'seed': return { form: 'seed', seed: secretValue(member.secret, process.env, file, i) };
    case 'mnemonic': return { form: 'mnemonic', mnemonic: secretValue(member.secret, process.env, file, i) };
    case 'keystore': {
      const json = await fs.readFile(path.resolve(path.dirname(file), member.file), 'utf8');
      const password = member.password ? secretValue(member.password, process.env, file, i) : orCancel(await svc.prompter.input({
        title: t('Add Multisig Account'), prompt: t('The password of {0}', member.file), password: true,
      }));
      return { form: 'keystore', json, password };
    }
  }
}

interface MultisigSource {
  wallets: string[];
  threshold: number;
  signerIds?: string[];
  members?: WalletInput[];
}

/** Reads the CLI's multisig file (src/core/multisigFile.ts); its members' keys are imported as wallets. */
async function multisigFile(svc: CommandServices, file: string): Promise<MultisigSource> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UserFacingError('{0} is not a readable multisig JSON file.', [file]);
  }
  try {
    const parsed = parseMultisigFile(text, file);
    const members: WalletInput[] = [];
    for (const [i, member] of parsed.members.entries()) members.push(await memberInput(svc, member, i, file));
    return { wallets: parsed.wallets, threshold: parsed.threshold, members };
  } catch (err) {
    if (err instanceof MultisigFileError) throw new UserFacingError(err.template, err.args);
    throw err;
  }
}

async function askMultisig(svc: CommandServices, title: string): Promise<MultisigSource> {
  const how = orCancel(await svc.prompter.pick([
    { label: t('From a multisig file…'), description: t('the JSON file the dbc command line uses'), value: 'file' as const },
    { label: t('From member wallets stored here'), value: 'stored' as const },
  ], { title }));
  if (how === 'file') return multisigFile(svc, orCancel(await svc.prompter.openFile({ title, filters: { JSON: ['json'] } })));
  const wallets = orCancel(await svc.prompter.input({ title, prompt: t('The addresses of ALL members of the multisig account, separated by commas or spaces') }))
    .split(/[\s,;]+/).filter(Boolean);
  const threshold = Number(orCancel(await svc.prompter.input({
    title, prompt: t('How many members must sign (the threshold)?'), value: '2',
    validate: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= wallets.length ? undefined : t('A whole number from 1 to {0}.', wallets.length)),
  })));
  const members = svc.credentials.list().filter((m) => m.kind === 'wallet' && wallets.includes(m.address));
  if (members.length < threshold) {
    throw new UserFacingError('Import at least {0} member wallets first: {1} of the members are stored here.', [threshold, members.length]);
  }
  const signerIds = orCancel(await svc.prompter.pickMany(credentialItems(members).map((i) => ({ ...i, picked: true })), { title: t('Which stored member wallets sign?') })).map((m) => m.id);
  return { wallets, threshold, signerIds };
}

/** The account a programmatic caller described, if it gave the member list. */
function givenMultisig(o: MultisigOptions): MultisigSource | undefined {
  const { wallets, threshold } = o;
  if (!wallets) return undefined;
  if (o.signerIds) return { wallets, threshold, signerIds: o.signerIds };
  const members = (o.signers ?? []).flatMap((s): WalletInput[] => {
    if (s.seed) return [{ form: 'seed', seed: s.seed }];
    if (s.mnemonic) return [{ form: 'mnemonic', mnemonic: s.mnemonic }];
    return [];
  });
  return { wallets, threshold, members };
}

/**
 * A multisig account: from arguments, from the CLI's multisig file (its member keys are imported as
 * wallets), or from member wallets already stored here.
 */
export async function importMultisig(svc: CommandServices, o: MultisigOptions): Promise<CredentialMeta> {
  const title = t('Add Multisig Account');
  const source = givenMultisig(o) ?? (o.file ? await multisigFile(svc, o.file) : await askMultisig(svc, title));
  if (source.wallets.length < 2) throw new UserFacingError('A multisig account has at least two members.');
  const label = o.label;
  const hadDefault = svc.credentials.bindings().defaultId !== undefined;
  const meta = await withProgress(t('Checking the multisig account…'), async () => {
    const signerIds = source.signerIds ?? [];
    for (const [i, member] of (source.members ?? []).entries()) {
      signerIds.push((await svc.keyring.importWallet({ ...member, label: `${label ?? t('multisig account')} ${i + 1}` })).id);
    }
    return svc.keyring.importMultisig({ wallets: source.wallets, threshold: source.threshold, signerIds, label });
  }, false);
  if (!hadDefault) await svc.credentials.setDefault(meta.id);
  void vscode.window.showInformationMessage(t('Multisig account {0} added ({1}).', meta.label, meta.address));
  void svc.refreshAll();
  return meta;
}
