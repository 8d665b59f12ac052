// Creates the two tree views. Periodic refresh runs only while the Machines view is visible.
import * as vscode from 'vscode';
import type { RefreshScheduler } from './model/refreshScheduler';
import type { DbcTreeProvider } from './treeProvider';

export interface Trees {
  readonly machines: DbcTreeProvider;
  readonly images: DbcTreeProvider;
  readonly scheduler: RefreshScheduler;
}

export function registerTrees(trees: Trees): vscode.Disposable[] {
  const machines = vscode.window.createTreeView('dbc.views.machines', { treeDataProvider: trees.machines, canSelectMany: true, showCollapseAll: true });
  const images = vscode.window.createTreeView('dbc.views.images', { treeDataProvider: trees.images, showCollapseAll: true });
  trees.scheduler.setVisible(machines.visible);
  return [
    machines,
    images,
    machines.onDidChangeVisibility((e) => trees.scheduler.setVisible(e.visible)),
  ];
}
