// The floors of src: every folder (and the two root files) stands on one floor, and an import may only
// point to a lower floor, never sideways to another folder of the same floor and never up. This table is
// the one definition (docs/architecture.md says what lives on each floor): layering.test.ts checks the
// sources, eslint.config.mjs and that page against it, and the l10n scan reads which folders hold the
// editor's text.
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../../../..');

export interface Floor {
  floor: number;
  /** Folders under src/ (a file belongs to the longest that contains it), or root files such as `services.ts`. */
  units: readonly string[];
}

export const FLOORS: readonly Floor[] = [
  { floor: 1, units: ['util'] },
  { floor: 2, units: ['api', 'ssh/core'] },
  { floor: 3, units: ['auth', 'core', 'chain'] },
  { floor: 4, units: ['ui', 'secrets', 'config'] },
  { floor: 5, units: ['access'] },
  { floor: 6, units: ['tree'] },
  { floor: 7, units: ['remote'] },
  { floor: 8, units: ['watch'] },
  { floor: 9, units: ['flows'] },
  { floor: 10, units: ['commands', 'views'] },
  { floor: 11, units: ['services.ts'] },
  { floor: 12, units: ['extension.ts', 'cli', 'sim'] },
];

/** Never import vscode: shared with the CLI and the simulator, or loaded in plain Node by unit tests and benchmarks. */
export const VSCODE_FREE: readonly string[] = ['util', 'api', 'ssh/core', 'auth', 'core', 'secrets', 'access', 'chain', 'cli', 'sim'];

/** Print English on purpose (the CLI, the simulator) or hand their templates to the editor (core): not scanned for l10n. */
export const NOT_TRANSLATED: readonly string[] = ['util', 'api', 'ssh/core', 'auth', 'core', 'chain', 'cli', 'sim'];

/** A `model/` folder is pure: vscode only as `import type`. */
export const isModelPath = (file: string): boolean => /\/model\//.test(file);

/** Every .ts file under `dir` (relative to the repo, with forward slashes). */
export function tsFiles(dir = 'src'): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return dir.endsWith('.ts') ? [dir] : [];
  return fs.readdirSync(full).sort().flatMap((name) => tsFiles(`${dir}/${name}`));
}

/** The unit of the table that holds `file` (src/…), or undefined. */
export function unitOf(file: string): string | undefined {
  const rel = file.replace(/^src\//, '');
  const units = FLOORS.flatMap((f) => f.units).filter((u) => rel === u || rel.startsWith(`${u}/`));
  return units.sort((a, b) => b.length - a.length)[0];
}

export function floorOf(unit: string): number {
  const found = FLOORS.find((f) => f.units.includes(unit));
  if (!found) throw new Error(`${unit} is on no floor`);
  return found.floor;
}

/** The src files `file` imports (static, type-only, re-exports, `import()` and `require()` with a relative literal). */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s*'([^']+)'/gm),
    ...text.matchAll(/\b(?:import|require)\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!).filter((s) => s.startsWith('.'));
  return [...new Set(specs.map((s) => resolve(file, s)))];
}

function resolve(from: string, spec: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  throw new Error(`${from}: cannot resolve '${spec}'`);
}
