// The context keys of src/ui/contextKeys.ts, read from its source (that module imports vscode, so the
// unit tests cannot load it).
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './manifest';

const source = fs.readFileSync(path.join(ROOT, 'src/ui/contextKeys.ts'), 'utf8');
const table = source.slice(source.indexOf('CONTEXT_DEFAULTS'), source.indexOf('} as const'));
export const CONTEXT_KEYS: string[] = [...table.matchAll(/'(dbc\.\w+)':/g)].map((m) => m[1]!);
if (CONTEXT_KEYS.length === 0) throw new Error('no context keys found in src/ui/contextKeys.ts');
