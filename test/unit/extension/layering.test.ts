// The layering rules of the editor code, checked on the sources: the pure modules (tree model,
// scheduler, settings model, credential store, error texts…) never import vscode, so unit tests and the
// benchmark can load them; commands are registered and context keys set only in src/ui.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support/manifest';

const PURE = [
  'src/tree/model', 'src/tree/contextValue.ts', 'src/tree/refreshScheduler.ts', 'src/tree/icons.ts', 'src/secrets',
  'src/config/endpoints.ts', 'src/config/settingsModel.ts', 'src/config/clientRegistry.ts', 'src/commands/commandIds.ts',
  'src/commands/createWatch.ts', 'src/ui/errorText.ts', 'src/ui/errors.ts', 'src/ui/logger.ts', 'src/ui/prompter.ts',
  ...['wizard', 'createDraft', 'createSteps', 'createFlow', 'customPorts', 'profileScaffold', 'lastChoices'].map((f) => `src/commands/create/${f}.ts`),
  'src/commands/modify', 'src/commands/snapshot/snapshotModel.ts', 'src/commands/image/transferModel.ts',
  'src/commands/profile/profileCheck.ts', 'src/commands/profile/profilePaths.ts',
  'src/remote/model',
];
const EDITOR = ['src/extension.ts', 'src/services.ts', 'src/tree', 'src/commands', 'src/ui', 'src/config', 'src/secrets', 'src/views', 'src/remote'];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full).flatMap((name) => files(path.join(entry, name))).filter((f) => f.endsWith('.ts'));
}

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('layering of the editor code', () => {
  it('keeps the pure modules free of vscode (a type-only import is erased and allowed)', () => {
    for (const f of PURE.flatMap(files)) {
      assert.doesNotMatch(read(f), /^import (?!type)[^;]*from 'vscode'/m, `${f} imports vscode`);
      assert.doesNotMatch(read(f), /require\('vscode'\)/, f);
    }
  });

  it('registers commands only through ui/runCommand.ts and sets context keys only in ui/contextKeys.ts', () => {
    for (const f of EDITOR.flatMap(files)) {
      const text = read(f);
      if (f !== 'src/ui/runCommand.ts') assert.doesNotMatch(text, /commands\.registerCommand\(/, `${f} registers a command directly`);
      if (f !== 'src/ui/contextKeys.ts') assert.doesNotMatch(text, /'setContext'/, `${f} sets a context key directly`);
    }
  });

  it('keeps files small and activation short', () => {
    for (const f of EDITOR.flatMap(files)) {
      const lines = read(f).split('\n').length;
      assert.ok(lines <= 400, `${f} has ${lines} lines`);
    }
    assert.ok(read('src/extension.ts').split('\n').length <= 60, 'extension.ts stays under 60 lines');
  });
});
