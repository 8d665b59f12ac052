// The "DBC" LogOutputChannel: component-tagged lines, API exchanges at debug (one line) and trace
// (bodies, already redacted by the API client and masked again here). The user picks the level.
import * as vscode from 'vscode';
import type { Exchange } from '../api/client';
import { maskSecrets, type Logger } from './model/logger';

export class Log implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('DBC', { log: true });
  }

  trace(message: string): void {
    this.channel.trace(maskSecrets(message));
  }

  debug(message: string): void {
    this.channel.debug(maskSecrets(message));
  }

  info(message: string): void {
    this.channel.info(maskSecrets(message));
  }

  warn(message: string): void {
    this.channel.warn(maskSecrets(message));
  }

  error(message: string): void {
    this.channel.error(maskSecrets(message));
  }

  /** The API client's onExchange hook. */
  exchange(e: Exchange): void {
    const outcome = e.error ? `failed: ${e.error}` : `HTTP ${e.status}`;
    this.debug(`[api] ${e.route} ${e.url} → ${outcome} (${e.durationMs} ms)`);
    if (this.channel.logLevel === vscode.LogLevel.Trace) {
      this.trace(`[api] ${e.route} request ${JSON.stringify(e.body)}`);
      if (e.reply !== undefined) this.trace(`[api] ${e.route} reply ${e.reply}`);
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
