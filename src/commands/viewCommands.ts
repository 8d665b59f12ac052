// Refresh (everything, or the row it is invoked on), Show Log, Open Settings.
import * as vscode from 'vscode';
import type { Element } from '../tree/model/elements';
import type { CommandServices } from '../flows/commandServices';

/** Refreshes the clicked row (a node, a VM with its snapshots, what a message row is about), or everything. */
export async function refresh(svc: CommandServices, target: Element | undefined): Promise<void> {
  switch (target?.kind) {
    case 'node':
      await Promise.all([svc.fetcher.nodeInfo(target.ref), svc.refreshNodes([target.ref], { immediate: true })]);
      return;
    case 'vm':
    case 'snapshot':
      svc.store.node(target.ref).taskInfo.delete(target.ref.taskId);
      await Promise.all([svc.fetcher.load({ kind: 'snapshots', ref: target.ref }), svc.refreshNodes([target.ref], { immediate: true })]);
      return;
    case 'networks':
    case 'network':
      return svc.fetcher.load({ kind: 'networks', endpoint: target.endpoint });
    case 'message':
      if (target.node) return svc.refreshNodes([target.node], { immediate: true });
      return svc.refreshAll();
    default:
      return svc.refreshAll();
  }
}

export function showLog(svc: CommandServices): void {
  svc.log.show();
}

export async function openSettings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:dbc-vscode.dbc-vscode');
}
