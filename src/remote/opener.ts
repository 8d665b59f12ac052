// Carrying out what the connect flow decided: core commands, terminals, external URIs. In-host tests
// swap in a recorder (through the extension's test API), because no Remote-SSH can be installed there
// and a test must not open windows.
import * as vscode from 'vscode';

export type OpenerCall =
  | { kind: 'command'; command: string; args: unknown[] }
  | { kind: 'terminal'; name: string; args: string[] }
  | { kind: 'external'; uri: string };

export interface Opener {
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  /** An integrated terminal running `args[0]` with the rest as its arguments (no shell quoting needed). */
  terminal(name: string, args: readonly string[]): void;
  openExternal(uri: vscode.Uri): Thenable<boolean>;
}

export const vscodeOpener: Opener = {
  executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
  terminal: (name, [shellPath, ...shellArgs]) => {
    vscode.window.createTerminal({ name, shellPath, shellArgs }).show();
  },
  openExternal: (uri) => vscode.env.openExternal(uri),
};

export function recordingOpener(record: (call: OpenerCall) => void): Opener {
  return {
    executeCommand: async (command, ...args) => record({ kind: 'command', command, args }),
    terminal: (name, args) => record({ kind: 'terminal', name, args: [...args] }),
    openExternal: async (uri) => {
      record({ kind: 'external', uri: uri.toString(true) });
      return true;
    },
  };
}
