// Presentation (pure) → vscode.TreeItem.
import * as vscode from 'vscode';
import type { Presentation } from './model/elements';

const COLLAPSE: Record<Presentation['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  return md;
}

export function toTreeItem(p: Presentation): vscode.TreeItem {
  const item = new vscode.TreeItem(p.label, COLLAPSE[p.collapsible]);
  item.id = p.id;
  item.description = p.description;
  item.contextValue = p.contextValue;
  if (p.tooltip) item.tooltip = markdown(p.tooltip);
  if (p.icon) item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
  if (p.command) item.command = p.command;
  return item;
}
