// A minimal `vscode` module for loading and activating dist/extension.js in plain Node (activation.mjs).
// activate() only builds services and registers views and commands, so this is enough; the views report
// hidden, so nothing is fetched. Settings read as their package.json defaults. Any API not written out
// here is answered by a permissive stand-in (every call returns another stand-in, nothing is awaited
// forever), and its name is recorded in `autoStubbed`: new API use in activate() must not break the bench.
const path = require('node:path');

const manifest = require(path.join(__dirname, '..', '..', '..', 'package.json'));
// DBC_BENCH_SETTINGS (JSON) overrides some, e.g. no endpoint so that nothing is sent anywhere.
const defaults = {
  ...Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([k, v]) => [k, v.default])),
  ...JSON.parse(process.env.DBC_BENCH_SETTINGS || '{}'),
};

const noop = () => {};
const disposable = () => ({ dispose: noop });
const event = () => disposable();
const resolved = async () => undefined;

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }

  fire(value) {
    for (const l of this.listeners) l(value);
  }

  dispose() {
    this.listeners.clear();
  }
}

class StubDisposable {
  constructor(fn) {
    this.fn = fn;
  }

  static from(...items) {
    return new StubDisposable(() => items.forEach((d) => d.dispose()));
  }

  dispose() {
    this.fn?.();
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
}

const outputChannel = (name) => ({
  name, logLevel: 3, trace: noop, debug: noop, info: noop, warn: noop, error: noop, append: noop, appendLine: noop,
  replace: noop, clear: noop, show: noop, hide: noop, dispose: noop, onDidChangeLogLevel: event,
});

const treeView = () => ({
  visible: false, selection: [], onDidChangeVisibility: event, onDidChangeSelection: event, onDidExpandElement: event,
  onDidCollapseElement: event, onDidChangeCheckboxState: event, reveal: resolved, dispose: noop,
});

const configuration = () => ({ get: (key, fallback) => defaults[key] ?? fallback, has: (key) => key in defaults, inspect: () => undefined, update: resolved });

const autoStubbed = new Set();

/** A stand-in for an API the stub does not know: callable, constructible, any property is another one. */
function auto(name) {
  autoStubbed.add(name.replace(/(\(\)|^new ).*$/, ''));
  return new Proxy(function stand() {}, {
    get(target, prop) {
      if (prop === Symbol.iterator) return function* none() {}; // an empty list (e.g. workspace.textDocuments)
      if (typeof prop === 'symbol' || prop === 'then') return undefined; // not a thenable: `await` returns it
      if (prop === 'dispose') return noop;
      if (prop in target && prop !== 'name' && prop !== 'length') return target[prop];
      return auto(`${name}.${prop}`);
    },
    apply: () => auto(`${name}()`),
    construct: () => auto(`new ${name}`),
  });
}

/** `namespace` with a stand-in for every member it lacks. */
function lenient(name, namespace) {
  return new Proxy(namespace, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop in target) return target[prop];
      return auto(`${name}.${prop}`);
    },
  });
}

/** Commands registered by activate(): id → handler (the bench runs some of them). */
const registeredCommands = new Map();
const registerCommand = (id, handler) => {
  registeredCommands.set(id, handler);
  return { dispose: () => registeredCommands.delete(id) };
};

const api = {
  version: '1.100.0',
  EventEmitter, Disposable: StubDisposable, TreeItem, ThemeIcon, ThemeColor, MarkdownString,
  Uri: { from: (c) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }), parse: (s) => ({ toString: () => s }), file: (p) => ({ fsPath: p }) },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  UIKind: { Desktop: 1, Web: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  l10n: { t: (message, ...args) => String(typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_, i) => String(args[i])) },
  window: lenient('window', {
    createOutputChannel: outputChannel, createTreeView: treeView, registerTreeDataProvider: disposable,
    showInformationMessage: resolved, showWarningMessage: resolved, showErrorMessage: resolved, showQuickPick: resolved,
    showInputBox: resolved, showOpenDialog: resolved, showTextDocument: resolved, withProgress: (_o, task) => task({ report: noop }, { isCancellationRequested: false, onCancellationRequested: event }),
  }),
  commands: lenient('commands', { registerCommand, executeCommand: resolved, getCommands: async () => [] }),
  workspace: lenient('workspace', {
    getConfiguration: configuration, onDidChangeConfiguration: event, registerTextDocumentContentProvider: disposable,
    openTextDocument: resolved, isTrusted: true,
  }),
  env: lenient('env', { clipboard: { writeText: resolved, readText: async () => '' }, uiKind: 1, language: 'en', openExternal: resolved }),
  extensions: lenient('extensions', { getExtension: () => undefined }),
  languages: lenient('languages', { setTextDocumentLanguage: resolved }),
};

// Test hooks of the bench (not part of the vscode API): what was stood in for, and the commands.
Object.defineProperty(api, '__bench', { value: { autoStubbed, registeredCommands }, enumerable: false });

// Unknown top-level names (a class, an enum) come from the prototype, so that they survive esbuild's
// __toESM copy of the module's own properties.
Object.setPrototypeOf(api, new Proxy(Object.prototype, {
  get(target, prop, receiver) {
    if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule' || prop in target) return Reflect.get(target, prop, receiver);
    return auto(`vscode.${prop}`);
  },
}));

module.exports = api;
