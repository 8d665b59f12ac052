// VM logs (T11) in one output channel per VM: the first or last N lines, or Follow — the tail is polled
// by core/logFollower.ts (the same follower as `dbc vm logs --follow`), only new lines are appended, gaps
// get a marker line, and following stops on "Stop Following", when the VM is deleted, or with the window.
import * as vscode from 'vscode';
import { isCancellation, isUnauthenticated } from '../api/errors';
import type { LogFlag } from '../api/types';
import { followTaskLog, goneAfterCheck } from '../core/logFollower';
import { sanitizeLogLine } from '../core/logWindow';
import { vmKey, type VmRef } from '../config/model/refs';
import { OperationFailed, UserFacingError } from '../ui/model/errors';
import { withProgress } from '../ui/progress';
import { reportError } from '../ui/runCommand';
import type { VmLogChannel } from '../ui/vmLogChannels';
import type { CommandServices } from '../flows/commandServices';
import { orCancel } from '../ui/model/prompter';
import type { logOptions } from './model/options';
import { vmName } from '../flows/vmInfo';
import { errorMessage } from '../util/errorMessage';

const t = vscode.l10n.t;

type LogChoice = { flag: LogFlag; lines: number } | 'follow';

async function askChoice(svc: CommandServices, name: string): Promise<LogChoice> {
  const n = svc.settings.value.logLines;
  const choice = orCancel(await svc.prompter.pick<LogChoice | 'head…' | 'tail…'>([
    { label: t('Last {0} lines', n), value: { flag: 'tail', lines: n } },
    { label: t('Follow'), description: t('the last lines, then new ones as they come'), value: 'follow' },
    { label: t('Last lines…'), value: 'tail…' },
    { label: t('First lines…'), value: 'head…' },
  ], { title: t('Log of {0}', name) }));
  if (choice !== 'head…' && choice !== 'tail…') return choice;
  const lines = orCancel(await svc.prompter.input({
    title: t('Log of {0}', name), prompt: t('How many lines? (1–100: the node returns at most 100 lines and 8 KiB)'), value: String(n),
    validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100 ? undefined : t('Enter a whole number from 1 to 100.')),
  }));
  return { flag: choice === 'head…' ? 'head' : 'tail', lines: Number(lines) };
}

function channelOf(svc: CommandServices, ref: VmRef): VmLogChannel {
  return svc.vmLogs.channel(vmKey(ref), vmName(svc, ref));
}

async function showWindow(svc: CommandServices, ref: VmRef, flag: LogFlag, lines: number): Promise<void> {
  const name = vmName(svc, ref);
  const logs = await withProgress(t('Reading the log of {0}…', name), async (signal) => {
    try {
      return await svc.clients.client(ref.endpoint).taskLogs(ref.nodeId, ref.taskId, { flag, lines, auth: await svc.access.forWrite(ref.nodeId), signal });
    } catch (err) {
      throw new OperationFailed(t('Reading the log of {0} failed', name), err, ref.endpoint);
    }
  });
  const channel = channelOf(svc, ref);
  if (channel.stopFollowing()) svc.vmLogs.changed(vmKey(ref));
  channel.clear();
  const when = new Date().toLocaleString();
  channel.appendLines([flag === 'head' ? t('— first {0} lines of the node\'s log for {1} ({2}), read at {3} —', logs.log_content.length, name, ref.taskId, when)
    : t('— last {0} lines of the node\'s log for {1} ({2}), read at {3} —', logs.log_content.length, name, ref.taskId, when)]);
  channel.appendLines(logs.log_content.map(sanitizeLogLine));
  channel.show();
}

/** Follows until stopped; resolves when following ends. */
async function follow(svc: CommandServices, ref: VmRef): Promise<void> {
  const name = vmName(svc, ref);
  const key = vmKey(ref);
  const channel = channelOf(svc, ref);
  const auth = await svc.access.forWrite(ref.nodeId);
  const controller = channel.startFollowing();
  svc.vmLogs.changed(key);
  channel.clear();
  channel.appendLines([t('— following the node\'s log for {0} ({1}) since {2}; "Stop Following VM Logs" ends it —', name, ref.taskId, new Date().toLocaleString())]);
  channel.show();
  const stamp = () => (svc.settings.value.logTimestamps ? `[${new Date().toLocaleTimeString()}] ` : '');
  const client = svc.clients.client(ref.endpoint);
  try {
    const end = await followTaskLog((lines, signal) => client.taskLogs(ref.nodeId, ref.taskId, { flag: 'tail', lines, auth, signal }), {
      signal: controller.signal,
      timing: { maxMs: svc.settings.value.logIdleIntervalMs },
      firstLines: svc.settings.value.logLines,
      onLines: (lines) => channel.appendLines(lines.map((l) => stamp() + l)),
      onGap: (gap) => channel.appendLines([`${stamp()}${t(gap.label.template, ...gap.label.args)}`]),
      isGone: async (err) => goneAfterCheck(err, async () => client.taskInfo(ref.nodeId, ref.taskId, { auth: await svc.access.forWrite(ref.nodeId) })),
      onError: (err) => {
        if (isCancellation(err) || isUnauthenticated(err)) throw err;
        svc.log.warn(`[logs] ${ref.taskId}: ${errorMessage(err)}; still following`);
      },
    });
    if (end === 'gone') channel.appendLines([t('— {0} no longer exists; stopped following —', name)]);
  } catch (err) {
    if (!controller.signal.aborted) throw new OperationFailed(t('Following the log of {0} failed', name), err, ref.endpoint);
  } finally {
    channel.ended(controller);
    svc.vmLogs.changed(key);
  }
}

/** Stops following the given VMs' logs, or all of them. */
export async function stopFollowingLogs(svc: CommandServices, refs: readonly VmRef[] | undefined): Promise<void> {
  const keys = refs ? refs.map(vmKey) : svc.vmLogs.followingKeys();
  if (keys.length === 0) throw new UserFacingError('No VM log is being followed.');
  for (const key of keys) {
    const channel = svc.vmLogs.peek(key);
    if (channel?.stopFollowing()) channel.appendLines([t('— stopped following —')]);
    svc.vmLogs.changed(key);
  }
}

/** Show Logs: asks first or last N lines, or Follow, unless a programmatic caller said (see logOptions). */
export async function showLogs(svc: CommandServices, ref: VmRef, o: ReturnType<typeof logOptions>): Promise<void> {
  const given: LogChoice | undefined = o.given === 'follow' ? 'follow'
    : o.given && { flag: o.given.flag, lines: o.given.lines ?? svc.settings.value.logLines };
  const choice = given ?? (await askChoice(svc, vmName(svc, ref)));
  if (choice === 'follow') return startFollowing(svc, ref);
  await showWindow(svc, ref, choice.flag, choice.lines);
}

/** Starts following in the background; a failure later is reported like a command's. */
function startFollowing(svc: CommandServices, ref: VmRef): void {
  void follow(svc, ref).catch((err: unknown) => reportError(svc, 'dbc.vm.followLogs', err));
}

export async function followLogs(svc: CommandServices, ref: VmRef): Promise<void> {
  startFollowing(svc, ref);
}
