// The Notifier on VS Code's notification toasts.
import * as vscode from 'vscode';
import type { Notifier } from './model/notifier';

export const vscodeNotifier: Notifier = {
  warn: async <T extends string>(message: string, actions: readonly T[]) => vscode.window.showWarningMessage<T>(message, ...actions),
};
