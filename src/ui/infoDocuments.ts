// Read-only documents (node info, VM info, snapshot lists) on a virtual `dbc-info:` scheme: they never
// ask to be saved and cannot be edited. Passwords are replaced before anything is shown.
import * as vscode from 'vscode';

export const INFO_SCHEME = 'dbc-info';
/** Documents kept at most; the oldest go first. */
const MAX_KEPT = 50;
const HIDDEN = new Set(['login_password', 'vnc_password', 'password', 'session_id_sign', 'sign']);

export function hideSecrets(value: unknown, hiddenText: string): unknown {
  if (Array.isArray(value)) return value.map((v) => hideSecrets(v, hiddenText));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, HIDDEN.has(k) && typeof v === 'string' && v !== '' ? hiddenText : hideSecrets(v, hiddenText)]));
  }
  return value;
}

export class InfoDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  private counter = 0;
  readonly onDidChange = this.emitter.event;

  private readonly closing: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(INFO_SCHEME, this);
    // A closed document's text is not needed again (reopening shows a new one).
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === INFO_SCHEME) this.contents.delete(doc.uri.toString());
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `value` as pretty JSON in a read-only editor titled `name`. */
  async showJson(name: string, value: unknown): Promise<void> {
    const safeName = name.replace(/[\\/:*?"<>|#%]/g, '_');
    const uri = vscode.Uri.from({ scheme: INFO_SCHEME, path: `/${safeName}.json`, query: String(++this.counter) });
    this.contents.set(uri.toString(), `${JSON.stringify(hideSecrets(value, vscode.l10n.t('‹hidden: use Copy Password›')), null, 2)}\n`);
    // Documents VS Code never reported closed (a preview replaced by the next one) go once many are kept.
    while (this.contents.size > MAX_KEPT) this.contents.delete(this.contents.keys().next().value!);
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.closing.dispose();
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
