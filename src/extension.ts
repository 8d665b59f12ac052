// Activation: build the services, register the trees and commands, set the context keys. No network and
// no crypto happen here: nodes are fetched when a view shows them, keys are unlocked on first use.
import type * as vscode from 'vscode';
import { registerCommands } from './commands/lazyCommands';
import { Services, type DbcExtensionApi, type DbcTestApi } from './services';
import { registerTrees } from './tree/registerTrees';
import { registerProfileEditor } from './views/profileEditor';

/** The read-only API; in ExtensionMode.Test (the in-host tests) it also has the test hooks (DbcTestApi). */
export function activate(context: vscode.ExtensionContext): DbcExtensionApi | DbcTestApi {
  const services = new Services(context);
  context.subscriptions.push(services);
  services.own(...registerTrees(services), ...registerCommands(services), ...registerProfileEditor());
  void services.start();
  return services.api();
}

export function deactivate(): void {}
