// The Include line, only with consent: a modal shows the exact lines and the file (the one Remote-SSH
// reads), with "Not now" (connect in a terminal this time) and "Never ask again" (remembered per file).
import * as vscode from 'vscode';
import type { CommandServices } from '../commandServices';
import { nodeFs, readTextIfExists } from '../../ssh/core/fsPort';
import { hasInclude } from '../../ssh/core/includeLine';
import { ensureUserInclude } from '../../ssh/core/sshConfig';
import { UserCancelled } from '../../ui/model/errors';
import { afterAnswer, includeLines, includeStep, type IncludeAnswer } from './model/includeConsent';
import { samePath } from '../../remote/model/sshLayout';
import type { SshSetup } from '../../remote/remoteServices';

const t = vscode.l10n.t;
const DECLINED_KEY = 'dbc.ssh.includeDeclined';

export interface AliasVisibility {
  /** The config Remote-SSH reads includes our file (or is it). */
  remoteSshSees: boolean;
  /** `~/.ssh/config` includes our file: a plain `ssh <alias>` works. */
  sshSees: boolean;
}

async function includes(file: string, ours: string): Promise<boolean> {
  return hasInclude((await readTextIfExists(nodeFs, file)) ?? '', ours);
}

export async function includeWithConsent(svc: CommandServices, ssh: SshSetup): Promise<AliasVisibility> {
  const target = ssh.remoteSshConfig;
  const ours = ssh.paths.config;
  const readsOurFile = samePath(target, ours);
  const declined = svc.state.get<string[]>(DECLINED_KEY) ?? [];
  let included = await includes(target, ours);
  if (includeStep({ included, readsOurFile, declinedForever: declined.includes(target) }) === 'ask') {
    const answer = await askToInclude(svc, target, ours);
    await svc.state.update(DECLINED_KEY, afterAnswer(declined, target, answer));
    if (answer === 'add') {
      await ensureUserInclude(ssh.includeEnv);
      svc.log.info(`[ssh] added the Include of ${ours} to ${target}`);
      included = true;
    }
  }
  const sshSees = samePath(target, ssh.paths.userConfig) ? included : await includes(ssh.paths.userConfig, ours);
  return { remoteSshSees: readsOurFile || included, sshSees };
}

/** Forgets a "never" for the file Remote-SSH reads, so the next connect asks again. */
export async function askIncludeAgain(svc: CommandServices, ssh: SshSetup): Promise<void> {
  const declined = svc.state.get<string[]>(DECLINED_KEY) ?? [];
  await svc.state.update(DECLINED_KEY, declined.filter((f) => f !== ssh.remoteSshConfig));
}

async function askToInclude(svc: CommandServices, target: string, ours: string): Promise<IncludeAnswer> {
  const answer = await svc.prompter.choose<IncludeAnswer>({
    message: t('Let Remote-SSH find your DBC VMs?'),
    detail: t('DBC keeps one Host entry per VM in its own file, {0}. For Remote-SSH to see them, DBC adds these lines at the top of {1}:\n\n{2}\n\nNothing else in {1} changes; delete the lines to undo. Without them DBC connects in a terminal instead.', ours, target, includeLines(ours)),
    choices: [
      { label: t('Add the Lines'), value: 'add' },
      { label: t('Not Now'), value: 'notNow' },
      { label: t('Never Ask Again'), value: 'never' },
    ],
  });
  if (answer === undefined) throw new UserCancelled();
  return answer;
}
