// The one place where command failures are handled (azext's callWithTelemetryAndErrorHandling): a
// cancellation is silent; anything else is logged in full and shown as "what failed: why. what to do"
// with Show Log / Retry (or Choose Credential for authority failures). A timeout never offers Retry:
// the node may have acted, so the tree is refreshed instead.
import * as vscode from 'vscode';
import { InsecureEndpointError } from '../api/endpointPolicy';
import { OperationFailed, UserFacingError, type ErrorAction } from './model/errors';
import { describeError } from './model/errorText';
import type { Logger } from './model/logger';
import { errorMessage } from '../util/errorMessage';

export interface CommandHost {
  log: Logger & { show(): void };
  /** Refreshes the trees after an outcome-unknown failure. */
  refreshAfterUnknown(): void;
  /** Told about every failure that was reported to the user (tests read them). */
  reported?(id: string, message: string): void;
}

export type Handler = (...args: unknown[]) => unknown;

/** Registers `id` with the error wrapper; the returned Disposable must be owned by the caller. */
export function registerCommand(host: CommandHost, id: string, handler: Handler): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(host, id, () => handler(...args), () => vscode.commands.executeCommand(id, ...args)));
}

/** Runs a handler and returns its result (for programmatic callers), or undefined after a failure. */
export async function runCommand(host: CommandHost, id: string, run: () => unknown, retry?: () => Thenable<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (err) {
    reportError(host, id, err, retry);
    return undefined;
  }
}

/** Logs and shows the failure. The command ends at once: the notification's buttons are handled later. */
export function reportError(host: CommandHost, id: string, err: unknown, retry?: () => Thenable<unknown>): void {
  const text = describeError(err, vscode.l10n.t);
  if (text.kind === 'cancel') return;
  host.log.error(`[cmd] ${id}: ${errorMessage(err)}`);
  if (err instanceof Error && err.stack) host.log.trace(`[cmd] ${id}: ${err.stack}`);
  const what = err instanceof OperationFailed ? err.what : vscode.l10n.t('The DBC command failed');
  const message = [`${what}: ${text.why}`, text.hint].filter(Boolean).join(' ');
  host.reported?.(id, message);
  const showLog = vscode.l10n.t('Show Log');
  const retryLabel = vscode.l10n.t('Retry');
  const chooseCredential = vscode.l10n.t('Choose Credential…');
  if (text.outcomeUnknown) {
    host.refreshAfterUnknown();
    void vscode.window.showWarningMessage(message, showLog).then((answer) => answer === showLog && host.log.show());
    return;
  }
  const own = [...ownActions(err), ...secureAction(err, retry)];
  const buttons = text.kind === 'authority' ? [chooseCredential, showLog] : retry && text.kind !== 'input' && text.kind !== 'credential' ? [retryLabel, showLog] : [showLog];
  void vscode.window.showErrorMessage(message, ...own.map((a) => a.label), ...buttons).then((answer) => {
    const action = own.find((a) => a.label === answer);
    if (action) void Promise.resolve(action.run()).catch((e: unknown) => reportError(host, id, e));
    else if (answer === showLog) host.log.show();
    else if (answer === retryLabel) void retry?.();
    else if (answer === chooseCredential) void vscode.commands.executeCommand('dbc.node.chooseCredential');
  });
}

/** For a request refused over plain http: secure the connection (tunnel or consent), then run the command again. */
function secureAction(err: unknown, retry?: () => Thenable<unknown>): ErrorAction[] {
  const inner = err instanceof OperationFailed ? err.cause : err;
  if (!(inner instanceof InsecureEndpointError)) return [];
  return [{
    label: vscode.l10n.t('Secure the Connection…'),
    run: async () => {
      const secured = await vscode.commands.executeCommand<boolean>('dbc.endpoint.secure', { endpoint: inner.endpoint });
      if (secured) await retry?.();
    },
  }];
}

function ownActions(err: unknown): readonly ErrorAction[] {
  const inner = err instanceof OperationFailed ? err.cause : err;
  return inner instanceof UserFacingError ? inner.actions : [];
}
