// The Prompter on VS Code's quick pick, input box and modal dialogs.
import * as vscode from 'vscode';
import type { ChoiceOptions, ConfirmOptions, InputOptions, PickItem, Prompter } from './model/prompter';
import { showStep } from './stepInput';

type Item<T> = vscode.QuickPickItem & { value: T };

function toItems<T>(items: PickItem<T>[]): Item<T>[] {
  return items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, picked: i.picked, value: i.value }));
}

export const vscodePrompter: Prompter = {
  async pick<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string; placeholder?: string; matchOnDetail?: boolean }) {
    const chosen = await vscode.window.showQuickPick<Item<T>>(Promise.resolve(items).then((list) => toItems(list)), {
      title: opts.title, placeHolder: opts.placeholder, matchOnDescription: true, matchOnDetail: opts.matchOnDetail ?? true, ignoreFocusOut: true,
    });
    return chosen?.value;
  },

  async pickMany<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string; placeholder?: string }) {
    const chosen = await vscode.window.showQuickPick<Item<T>>(Promise.resolve(items).then((list) => toItems(list)), {
      title: opts.title, placeHolder: opts.placeholder, canPickMany: true, matchOnDescription: true, ignoreFocusOut: true,
    });
    return chosen?.map((c) => c.value);
  },

  async input(opts: InputOptions) {
    return vscode.window.showInputBox({
      title: opts.title, prompt: opts.prompt, value: opts.value, placeHolder: opts.placeholder, password: opts.password,
      ignoreFocusOut: true, validateInput: opts.validate ? (v) => opts.validate?.(v) ?? null : undefined,
    });
  },

  async confirm(opts: ConfirmOptions) {
    const answer = await vscode.window.showWarningMessage(opts.message, { modal: true, detail: opts.detail }, opts.action);
    return answer === opts.action;
  },

  async choose<T>(opts: ChoiceOptions<T>) {
    const answer = await vscode.window.showInformationMessage(opts.message, { modal: true, detail: opts.detail }, ...opts.choices.map((c) => c.label));
    return opts.choices.find((c) => c.label === answer)?.value;
  },

  step: showStep,

  async openFile(opts: { title: string; filters?: Record<string, string[]> }) {
    const uris = await vscode.window.showOpenDialog({ title: opts.title, canSelectMany: false, canSelectFiles: true, filters: opts.filters });
    return uris?.[0]?.fsPath;
  },
};
