// Wallets, multisig accounts and shared access: import, choose per node, set the default, remove.
// Secrets are read from prompts (masked) or a keystore file and go straight to the CredentialStore.
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { decodeSessionBundle } from '../auth/sessionBundle';
import { nodeIdsInText, shortNodeId } from '../config/model/endpoints';
import type { SessionInput, WalletInput } from '../access/keyring';
import type { CredentialMeta } from '../secrets/credentialStore';
import { nodeName } from '../tree/model/present';
import { UserCancelled, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import type { CommandServices } from '../flows/commandServices';
import { addNodes } from '../flows/nodes';
import { credentialItems, pickCredential } from '../flows/pickers';
import { orCancel } from '../ui/model/prompter';
import type { NodeRef } from '../config/model/refs';
import type { chooseCredentialOptions, credentialOptions, sessionOptions, WalletOptions } from './model/options';
import { endpointFor } from './model/targets';

const t = vscode.l10n.t;
/** The wallet a programmatic caller gave (a keystore may come as a file path), if complete. */
async function givenWallet(o: WalletOptions): Promise<WalletInput | undefined> {
  const { form, label } = o;
  if (form === 'seed' && o.seed) return { form, seed: o.seed, label };
  if (form === 'mnemonic' && o.mnemonic) return { form, mnemonic: o.mnemonic, label };
  if (form === 'keystore' && o.password !== undefined) {
    const json = o.json ?? (o.path ? await fs.readFile(o.path, 'utf8') : undefined);
    if (json) return { form, json, password: o.password, label };
  }
  return undefined;
}

async function askWalletInput(svc: CommandServices): Promise<WalletInput> {
  const form = orCancel(await svc.prompter.pick([
    { label: t('Secret seed'), description: t('64 hex characters, as sign_tool takes it'), value: 'seed' as const },
    { label: t('Mnemonic'), description: t('12 to 24 words'), value: 'mnemonic' as const },
    { label: t('Keystore file'), description: t('a polkadot-js JSON export and its password'), value: 'keystore' as const },
  ], { title: t('Import Wallet: what do you have?') }));
  const title = t('Import Wallet');
  switch (form) {
    case 'seed': {
      const seed = orCancel(await svc.prompter.input({
        title, prompt: t('The secret seed (kept in VS Code\'s secret storage, never in settings)'), password: true,
        validate: (v) => (/^(0x)?[0-9a-fA-F]{64}$/.test(v.trim()) ? undefined : t('The secret seed must be 64 hexadecimal characters, optionally prefixed with 0x.')),
      }));
      return { form, seed };
    }
    case 'mnemonic': {
      const mnemonic = orCancel(await svc.prompter.input({
        title, prompt: t('The mnemonic words, separated by spaces'), password: true,
        validate: (v) => ([12, 15, 18, 21, 24].includes(v.trim().split(/\s+/).length) ? undefined : t('A mnemonic has 12, 15, 18, 21 or 24 words.')),
      }));
      return { form, mnemonic };
    }
    case 'keystore': {
      const path = orCancel(await svc.prompter.openFile({ title: t('Choose the keystore JSON file'), filters: { [t('Keystore')]: ['json'] } }));
      const json = await fs.readFile(path, 'utf8');
      const password = orCancel(await svc.prompter.input({ title, prompt: t('The keystore password'), password: true }));
      return { form, json, password };
    }
  }
}

export async function importWallet(svc: CommandServices, o: WalletOptions): Promise<CredentialMeta> {
  let input = await givenWallet(o);
  if (!input) {
    input = await askWalletInput(svc);
    const label = await svc.prompter.input({ title: t('Import Wallet'), prompt: t('A label for this wallet (optional)'), placeholder: t('e.g. team wallet') });
    if (label === undefined) throw new UserCancelled();
    input = { ...input, label };
  }
  const wallet = input;
  const meta = await withProgress(t('Checking the wallet…'), () => svc.keyring.importWallet(wallet), false);
  void vscode.window.showInformationMessage(t('Wallet {0} imported ({1}). Its secret is kept in VS Code\'s secret storage.', meta.label, meta.address));
  void svc.refreshAll();
  return meta;
}

async function sessionFromText(svc: CommandServices, text: string, nodeHint?: string): Promise<SessionInput> {
  const trimmed = text.trim();
  if (trimmed.startsWith('dbc-session:') || trimmed.startsWith('{')) {
    const b = await decodeSessionBundle(trimmed);
    return { nodeId: b.node_id, sessionId: b.session_id, sessionIdSign: b.session_id_sign, renter: b.renter, endpoint: b.endpoint };
  }
  const sessionIdSign = orCancel(await svc.prompter.input({
    title: t('Add Shared Access'), prompt: t('The session_id_sign you received (128 hex characters)'), password: true,
    validate: (v) => (/^[0-9a-fA-F]{128}$/.test(v.trim()) ? undefined : t('session_id_sign is 128 hexadecimal characters.')),
  }));
  const nodeId = nodeHint ?? nodeIdsInText(orCancel(await svc.prompter.input({
    title: t('Add Shared Access'), prompt: t('The id of the GPU node this access is for'),
    validate: (v) => (nodeIdsInText(v).length === 1 ? undefined : t('A node id is 64 hexadecimal characters (0-9, a-f), without 0x.')),
  })))[0]!;
  return { nodeId, sessionId: trimmed, sessionIdSign: sessionIdSign.trim() };
}

/** Shared access for `node` (a node row or `{ nodeId }`), from a bundle, a session pair, or the prompts. */
export async function importSession(svc: CommandServices, node: NodeRef | undefined, o: ReturnType<typeof sessionOptions>): Promise<CredentialMeta> {
  const hint = node?.nodeId;
  const nodeId = hint ?? o.nodeId;
  let input: SessionInput;
  if (o.bundle) input = await sessionFromText(svc, o.bundle, hint);
  else if (o.sessionId && o.sessionIdSign && nodeId) {
    input = { nodeId, sessionId: o.sessionId, sessionIdSign: o.sessionIdSign, renter: o.renter };
  } else {
    const text = orCancel(await svc.prompter.input({
      title: t('Add Shared Access'), prompt: t('Paste the access bundle (dbc-session:…) a renter gave you, or a session_id'),
      validate: (v) => (v.trim() ? undefined : t('Paste the text you received.')),
    }));
    input = await sessionFromText(svc, text, hint);
  }
  const label = o.label ?? input.label;
  const meta = await svc.keyring.importSession({ ...input, label });
  const endpoint = endpointFor(svc, meta.kind === 'session' ? meta.nodeId : input.nodeId,
    input.endpoint && svc.settings.value.endpoints.some((e) => e.url === input.endpoint) ? input.endpoint : undefined);
  if (endpoint) await addNodes(svc, endpoint, [{ id: input.nodeId.toLowerCase() }]);
  void vscode.window.showInformationMessage(t('Shared access to node {0} added. It works until the renter\'s rental ends.', shortNodeId(input.nodeId)));
  void svc.refreshAll();
  return meta;
}

export async function chooseCredential(svc: CommandServices, ref: NodeRef, o: ReturnType<typeof chooseCredentialOptions>): Promise<void> {
  let id = o.choice?.id;
  if (!o.choice) {
    const metas = svc.credentials.list().filter((m) => m.kind !== 'session' || m.nodeId === ref.nodeId);
    if (metas.length === 0) throw new UserFacingError('No credential is stored yet.', [], 'Import a wallet, a multisig account or shared access first.');
    const useDefault = { label: t('Use the default credential'), value: 'default' as const };
    const picked = orCancel(await svc.prompter.pick<CredentialMeta | 'default'>([...credentialItems(metas), useDefault],
      { title: t('Which credential should {0} use?', nodeName(svc.modelContext(), ref)) }));
    id = picked === 'default' ? undefined : picked.id;
  }
  await svc.credentials.setBinding(ref.nodeId, id);
  await svc.refreshNodes([ref], { immediate: true });
}

export async function setDefaultCredential(svc: CommandServices, o: ReturnType<typeof credentialOptions>): Promise<void> {
  const id = o.credentialId ?? (await pickCredential(svc, t('Which credential should nodes use by default?'), (m) => m.kind !== 'session')).id;
  await svc.credentials.setDefault(id);
  void svc.refreshAll();
}

export async function removeCredential(svc: CommandServices, o: ReturnType<typeof credentialOptions>): Promise<void> {
  const id = o.credentialId;
  const meta = id ? svc.credentials.get(id) : await pickCredential(svc, t('Remove which credential?'));
  if (!meta) throw new UserFacingError('No such credential.');
  const ok = await svc.prompter.confirm({
    message: t('Remove {0} ({1})?', meta.label, meta.address || shortNodeId(meta.kind === 'session' ? meta.nodeId : '')),
    detail: t('Its secret is deleted from this computer. Your VMs are not affected; import it again to manage them.'), action: t('Remove'),
  });
  if (!ok) throw new UserCancelled();
  await svc.credentials.remove(meta.id);
  void svc.refreshAll();
}
