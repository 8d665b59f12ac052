// Creates the two tree views. Periodic refresh and GPU readings run only while the Machines view is visible.
import * as vscode from 'vscode';
import type { RefreshScheduler } from './model/refreshScheduler';
import type { DbcTreeProvider } from './treeProvider';

export interface Trees {
  readonly machines: DbcTreeProvider;
  readonly images: DbcTreeProvider;
  readonly scheduler: RefreshScheduler;
  /** Told when the Machines view is shown or hidden (GPU readings follow it). */
  machinesVisible?(visible: boolean): void;
}

export function registerTrees(trees: Trees): vscode.Disposable[] {
  const machines = vscode.window.createTreeView('dbc.views.machines', { treeDataProvider: trees.machines, canSelectMany: true, showCollapseAll: true });
  const images = vscode.window.createTreeView('dbc.views.images', { treeDataProvider: trees.images, showCollapseAll: true });
  const visible = (v: boolean): void => {
    trees.scheduler.setVisible(v);
    trees.machinesVisible?.(v);
  };
  visible(machines.visible);
  return [
    machines,
    images,
    machines.onDidChangeVisibility((e) => visible(e.visible)),
  ];
}
