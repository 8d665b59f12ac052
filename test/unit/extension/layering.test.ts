// The house rules, checked on the sources: every import of src points down a floor (support/layers.ts)
// and no files import each other in a circle; pure code is found by its path (the vscode-free folders and
// every `model/` folder, which unit tests and the benchmark load in plain Node); commands are registered
// and context keys set only in src/ui; files stay small.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { floorOf, FLOORS, importsOf, isModelPath, NOT_TRANSLATED, ROOT, tsFiles, unitOf, VSCODE_FREE } from './support/layers';

const SRC = tsFiles('src');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const inUnits = (units: readonly string[]) => (f: string) => units.includes(unitOf(f) ?? '');

/** The circles of the import graph (strongly connected components of more than one file, or a self-import). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layering of src', () => {
  const graph = new Map(SRC.map((f) => [f, importsOf(f)]));

  it('puts every file of src on a floor', () => {
    assert.deepStrictEqual(SRC.filter((f) => unitOf(f) === undefined), [], 'add the new folder to FLOORS in test/unit/extension/support/layers.ts');
    const units = FLOORS.flatMap((f) => f.units);
    assert.strictEqual(new Set(units).size, units.length, 'a unit stands on one floor only');
  });

  it('points every import down a floor (none up, none sideways to another folder of the same floor)', () => {
    const bad: string[] = [];
    for (const [file, targets] of graph) {
      const from = unitOf(file)!;
      for (const target of targets) {
        const to = unitOf(target)!;
        if (to !== from && floorOf(to) >= floorOf(from)) bad.push(`${file} (${from}, floor ${floorOf(from)}) → ${target} (${to}, floor ${floorOf(to)})`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('has no files that import each other, directly or in a circle', () => {
    assert.deepStrictEqual(circles(graph), []);
  });

  it('keeps vscode out of the vscode-free folders, and out of model/ folders except as a type', () => {
    for (const f of SRC.filter(inUnits(VSCODE_FREE))) {
      assert.doesNotMatch(read(f), /from 'vscode'|require\('vscode'\)|import\('vscode'\)/, `${f} imports vscode`);
    }
    const models = SRC.filter(isModelPath);
    assert.ok(models.length > 30, `found ${models.length} model files`);
    for (const f of models) {
      assert.doesNotMatch(read(f), /^import (?!type)[^;]*from 'vscode'/m, `${f} imports vscode`);
      assert.doesNotMatch(read(f), /require\('vscode'\)/, f);
    }
  });

  it('shows the same floors in docs/architecture.md', () => {
    const rows = read('docs/architecture.md').split('\n').filter((l) => /^\| \d+ \|/.test(l));
    const shown = rows.map((l) => {
      const [floor, units] = l.split('|').slice(1, 3);
      return { floor: Number(floor), units: [...units!.matchAll(/`([^`]+?)\/?`/g)].map((m) => m[1]!).sort() };
    });
    assert.deepStrictEqual(shown.sort((a, b) => a.floor - b.floor), FLOORS.map((f) => ({ floor: f.floor, units: [...f.units].sort() })));
  });

  it('finds the same pure folders in eslint.config.mjs', () => {
    const eslint = read('eslint.config.mjs');
    const free = /const vscodeFree = \[([^\]]*)\]/.exec(eslint)?.[1] ?? '';
    assert.deepStrictEqual([...free.matchAll(/'src\/(.+?)\/\*\*'/g)].map((m) => m[1]).sort(), [...VSCODE_FREE].sort());
    assert.match(eslint, /files: \['src\/\*\*\/model\/\*\*'\]/);
  });

  /** The editor's own code (what is not shared with the CLI and the simulator). */
  const EDITOR = SRC.filter((f) => !inUnits(NOT_TRANSLATED)(f));

  it('registers commands only through ui/runCommand.ts and sets context keys only in ui/contextKeys.ts', () => {
    assert.ok(EDITOR.includes('src/commands/registerCommands.ts'));
    for (const f of EDITOR) {
      const text = read(f);
      if (f !== 'src/ui/runCommand.ts') assert.doesNotMatch(text, /commands\.registerCommand\(/, `${f} registers a command directly`);
      if (f !== 'src/ui/contextKeys.ts') assert.doesNotMatch(text, /'setContext'/, `${f} sets a context key directly`);
    }
  });

  it('keeps files small and activation short', () => {
    for (const f of EDITOR) {
      const lines = read(f).split('\n').length;
      assert.ok(lines <= 400, `${f} has ${lines} lines`);
    }
    assert.ok(read('src/extension.ts').split('\n').length <= 60, 'extension.ts stays under 60 lines');
  });
});
