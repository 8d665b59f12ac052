// An ExtensionContext for activating the bundle in plain Node (activation-child.mjs, first-use-child.mjs):
// in-memory global/workspace state and secrets, paths under the bundle's folder.
import path from 'node:path';

export function context(bundleDir) {
  const memento = () => {
    const state = new Map();
    return { get: (k, d) => state.get(k) ?? d, update: async (k, v) => void state.set(k, v), keys: () => [...state.keys()], setKeysForSync: () => {} };
  };
  const secrets = new Map();
  const listeners = new Set();
  const changed = (key) => listeners.forEach((l) => l({ key }));
  const dir = path.dirname(bundleDir);
  return {
    subscriptions: [],
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (k) => secrets.get(k),
      store: async (k, v) => { secrets.set(k, v); changed(k); },
      delete: async (k) => { secrets.delete(k); changed(k); },
      onDidChange: (l) => { listeners.add(l); return { dispose: () => listeners.delete(l) }; },
    },
    extensionPath: dir,
    extensionUri: { fsPath: dir, path: dir, scheme: 'file', toString: () => `file://${dir}` },
    globalStorageUri: { fsPath: path.join(dir, 'global'), path: path.join(dir, 'global'), scheme: 'file' },
    extensionMode: 1,
  };
}
