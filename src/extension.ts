import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Services, trees and commands are registered here (see services.ts); activation does no network and no crypto.
}

export function deactivate(): void {}
