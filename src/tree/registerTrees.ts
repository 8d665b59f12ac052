// Creates the two tree views. Periodic refresh runs only while the Machines view is visible.
import * as vscode from 'vscode';
import type { Services } from '../services';

export function registerTrees(svc: Services): vscode.Disposable[] {
  const machines = vscode.window.createTreeView('dbc.views.machines', { treeDataProvider: svc.machines, canSelectMany: true, showCollapseAll: true });
  const images = vscode.window.createTreeView('dbc.views.images', { treeDataProvider: svc.images, showCollapseAll: true });
  svc.scheduler.setVisible(machines.visible);
  return [
    machines,
    images,
    machines.onDidChangeVisibility((e) => svc.scheduler.setVisible(e.visible)),
  ];
}
