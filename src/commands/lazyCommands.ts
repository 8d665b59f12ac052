// Every command is registered at activation (so the palette, menus and keybindings work at once), but
// its handler is loaded on the first command run: ./registerCommands.ts — the table id → handler, the
// handlers and the flows they use — is imported lazily. In the extension that import is a bundle of its
// own (dist/commands.js, see esbuild.js), so activation does not parse the code of the commands.
import type * as vscode from 'vscode';
import type { CommandServices } from '../flows/commandServices';
import { registerCommand } from '../ui/runCommand';
import { DBC_COMMAND_IDS } from './model/commandIds';
import type * as Table from './registerCommands';

type Handlers = typeof Table;
let loading: Promise<Handlers> | undefined;

function handlers(): Promise<Handlers> {
  loading ??= import('./registerCommands').catch((err: unknown) => {
    loading = undefined; // a later command tries again
    throw err;
  });
  return loading;
}

export function registerCommands(svc: CommandServices): vscode.Disposable[] {
  return DBC_COMMAND_IDS.map((id) => registerCommand(svc, id, async (...args: unknown[]) => (await handlers()).runHandler(svc, id, args)));
}
