// Editor support for workspace VM profiles (.dbc/vm.json, .dbc/*.vm.json) beyond the JSON schema:
// diagnostics for the create rules the schema cannot express (custom port grammar, port clashes, image
// name…), kept up to date as the file is edited (once typing pauses; the check is linear in the file), and
// a "Create VM from this profile" CodeLens.
import * as vscode from 'vscode';
import { checkProfileText } from '../flows/profile/model/profileCheck';
import { isProfilePath, PROFILE_GLOB } from '../flows/profile/model/profilePaths';
import { KeyedDebounce } from '../util/keyedDebounce';

const t = vscode.l10n.t;

/** From a 1-based start position to the end of the JSON value there (a string, or a word). */
function valueRange(doc: vscode.TextDocument, line: number, column: number): vscode.Range {
  const start = doc.validatePosition(new vscode.Position(line - 1, column - 1));
  const text = doc.lineAt(start.line).text;
  let end = start.character;
  if (text[end] === '"') {
    end++;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    end = Math.min(text.length, end + 1);
  } else {
    while (end < text.length && /[^\s,}\]]/.test(text[end]!)) end++;
  }
  return new vscode.Range(start, new vscode.Position(start.line, Math.max(end, start.character + 1)));
}

/** Edits are checked once typing pauses this long, never on the keystroke itself. */
const CHECK_DELAY_MS = 300;

export class ProfileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dbc-profile');
  private readonly subscriptions: vscode.Disposable[];
  private readonly debounce = new KeyedDebounce<string>(CHECK_DELAY_MS);

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.debounce.cancel(d.uri.toString());
        this.collection.delete(d.uri);
      }),
    ];
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  /** A check after the next pause in typing; an edit before then cancels it and waits again. */
  schedule(doc: vscode.TextDocument): void {
    if (!isProfileDocument(doc)) return;
    this.debounce.run(doc.uri.toString(), () => {
      if (!doc.isClosed) this.check(doc);
    });
  }

  check(doc: vscode.TextDocument): void {
    if (!isProfileDocument(doc)) return;
    const problems = checkProfileText(doc.getText()).problems;
    this.collection.set(doc.uri, problems.map((p) => {
      const d = new vscode.Diagnostic(valueRange(doc, p.line, p.column), t(p.template, ...p.args), vscode.DiagnosticSeverity.Error);
      d.source = 'dbc';
      return d;
    }));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.debounce.dispose();
    this.collection.dispose();
  }
}

function isProfileDocument(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') && isProfilePath(doc.uri.path);
}

class ProfileLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isProfilePath(doc.uri.path)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: `$(vm-running) ${t('Create VM from this profile')}`, command: 'dbc.profile.createVm', arguments: [doc.uri] }),
    ];
  }
}

export function registerProfileEditor(): vscode.Disposable[] {
  return [new ProfileDiagnostics(), vscode.languages.registerCodeLensProvider({ pattern: PROFILE_GLOB }, new ProfileLens())];
}
