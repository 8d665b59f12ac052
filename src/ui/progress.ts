// Cancellable notification progress tied to an AbortSignal (Coder's withCancellableProgress): the
// signal goes into the API call, and a cancel ends the command silently.
import * as vscode from 'vscode';
import { isAbortError } from '../util/sleep';
import { UserCancelled } from './model/errors';

export type Report = (message: string, increment?: number) => void;

export async function withProgress<T>(title: string, task: (signal: AbortSignal, report: Report) => Promise<T>, cancellable = true): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const value = await task(controller.signal, (message, increment) => progress.report({ message, increment }));
      if (controller.signal.aborted) throw new UserCancelled();
      return value;
    } catch (err) {
      // A wait (util/sleep) that the cancel cut short ends the command as quietly as a cancelled request.
      if (controller.signal.aborted && isAbortError(err)) throw new UserCancelled();
      throw err;
    } finally {
      sub.dispose();
    }
  });
}

/** Background work shown only in the status bar area of the view (never a toast). */
export function inWindow<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: 'dbc.views.machines' }, title }, task);
}
