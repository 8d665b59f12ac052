// Which key the bootstrap installs: `dbc.ssh.identityFile` if set, else the choice remembered for this
// ~/.ssh (asked once in a QuickPick when the user has keys of their own), else a dedicated ed25519 key.
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { CommandServices } from '../commandServices';
import { orCancel } from '../../ui/model/prompter';
import { describePublicKey, ensureDedicatedKey, findUserKeys, type KeyPairFiles } from '../../ssh/core/keys';
import { UserFacingError } from '../../ui/model/errors';
import { keyDecision, storedKeyOf, type StoredKey } from './model/keyChoice';
import { expandHome } from '../../remote/model/sshLayout';
import type { SshSetup } from '../../remote/remoteServices';

const t = vscode.l10n.t;
const CHOICE_KEY = 'dbc.ssh.keyChoice';

export async function keyToInstall(svc: CommandServices, ssh: SshSetup): Promise<KeyPairFiles> {
  const choices = svc.state.get<Record<string, StoredKey>>(CHOICE_KEY) ?? {};
  const userKeys = await findUserKeys(ssh.env);
  const decision = keyDecision(svc.settings.value.sshIdentityFile, choices[ssh.paths.sshDir], userKeys);
  if (decision.kind === 'forced') return forcedKey(expandHome(decision.privateKeyPath, ssh.home));
  const chosen = decision.kind === 'user' ? decision.key : decision.kind === 'dedicated' ? await ensureDedicatedKey(ssh.env) : await askForKey(svc, decision.userKeys, ssh);
  // Remembered even when nothing was asked, so a key made later (say for GitHub) does not bring the question back.
  const stored = storedKeyOf(chosen);
  if (JSON.stringify(choices[ssh.paths.sshDir]) !== JSON.stringify(stored)) await svc.state.update(CHOICE_KEY, { ...choices, [ssh.paths.sshDir]: stored });
  return chosen;
}

async function askForKey(svc: CommandServices, userKeys: KeyPairFiles[], ssh: SshSetup): Promise<KeyPairFiles> {
  const items = [
    ...userKeys.map((k) => ({ label: k.privateKeyPath, description: `${k.type} · ${k.fingerprint}`, detail: t('Your existing key'), value: k as KeyPairFiles | 'dedicated' })),
    { label: ssh.paths.identity, description: 'ssh-ed25519', detail: t('A new key used only for DBC VMs (created now, without a passphrase)'), value: 'dedicated' as const },
  ];
  const chosen = orCancel(await svc.prompter.pick(items, { title: t('Which SSH key should DBC install on your VMs?'), placeholder: t('Asked once; change it with the dbc.ssh.identityFile setting.') }));
  return chosen === 'dedicated' ? ensureDedicatedKey(ssh.env) : chosen;
}

async function forcedKey(privateKeyPath: string): Promise<KeyPairFiles> {
  const publicKeyPath = `${privateKeyPath}.pub`;
  let line: string | undefined;
  try {
    line = (await fs.readFile(publicKeyPath, 'utf8')).split(/\r?\n/).find((l) => l.trim() !== '');
  } catch {
    line = undefined;
  }
  try {
    return { ...describePublicKey(line ?? ''), privateKeyPath, publicKeyPath, source: 'user' };
  } catch {
    throw new UserFacingError('The key set in dbc.ssh.identityFile needs its public half: {0} is missing or not an OpenSSH public key.', [publicKeyPath]);
  }
}
