// A minimal `vscode` module for unit tests of the thin editor glue that holds state (tree providers,
// virtual documents): only the API those classes touch, with hooks to play the editor's part (closing a
// document). Real behaviour in a real VS Code is covered by the in-host tests; this fake exists because
// the `vscode` module cannot load in plain Node. Load modules through requireWithFakeVscode (below).
import Module from 'node:module';

type Listener<T> = (value: T) => void;

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };

export class TreeItem {
  constructor(readonly label: string, readonly collapsibleState: number) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  constructor(readonly value = '', readonly supportThemeIcons = false) {}
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: unknown) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export interface FakeUri {
  scheme: string;
  path: string;
  query?: string;
  toString(): string;
}

export const Uri = {
  from(c: { scheme: string; path: string; query?: string }): FakeUri {
    return { ...c, toString: () => `${c.scheme}:${c.path}${c.query ? `?${c.query}` : ''}` };
  },
};

const closeListeners = new Set<Listener<{ uri: FakeUri }>>();
/** The documents opened, in order (what a command showed). */
export const opened: FakeUri[] = [];

export const workspace = {
  registerTextDocumentContentProvider: () => ({ dispose: () => undefined }),
  onDidCloseTextDocument: (listener: Listener<{ uri: FakeUri }>) => {
    closeListeners.add(listener);
    return { dispose: () => closeListeners.delete(listener) };
  },
  openTextDocument: async (uri: FakeUri) => {
    opened.push(uri);
    return { uri };
  },
};

export const languages = { setTextDocumentLanguage: async (doc: unknown) => doc };
export const window = { showTextDocument: async () => undefined };
export const l10n = { t: (message: string) => message };

/** The editor closed the document at `uri` (VS Code's onDidCloseTextDocument). */
export function closeTextDocument(uri: FakeUri): void {
  for (const l of [...closeListeners]) l({ uri });
}

const moduleInternals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
let installed = false;

/** `require(path)` with `vscode` resolved to this fake (installed once for the test process). */
export function requireWithFakeVscode<T>(path: string): T {
  if (!installed) {
    const resolve = moduleInternals._resolveFilename;
    const self = __filename;
    moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'vscode' ? self : resolve.call(this, request, ...rest);
    };
    installed = true;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}
