// Reads package.json and evaluates the subset of when-clause syntax our menus use:
// terms joined by `&&`, each `view == X`, `viewItem == X`, `viewItem =~ /re/`, `key` or `!key`.
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../../../..');

export interface MenuEntry {
  menu: string;
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

export function readJson<T = any>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

export const pkg = readJson('package.json');

export function menuEntries(): MenuEntry[] {
  const menus = pkg.contributes.menus as Record<string, Omit<MenuEntry, 'menu'>[]>;
  return Object.entries(menus).flatMap(([menu, entries]) => entries.map((e) => ({ menu, ...e })));
}

export interface WhenContext {
  view?: string;
  viewItem?: string;
  keys?: Record<string, boolean>;
}

type Term = (c: WhenContext) => boolean;

function parseTerm(raw: string): Term {
  const term = raw.trim();
  let m = /^(view|viewItem)\s*==\s*(\S+)$/.exec(term);
  // VS Code's lexer ends an unquoted value at characters such as `=`: keep values to plain words.
  if (m && !/^[\w.:-]+$/.test(m[2]!)) throw new Error(`unquoted when-clause value VS Code would misread: "${term}"`);
  if (m) {
    const [, key, value] = m;
    return (c) => c[key as 'view' | 'viewItem'] === value;
  }
  m = /^(view|viewItem)\s*=~\s*\/(.*)\/([a-z]*)$/.exec(term);
  if (m) {
    const re = new RegExp(m[2]!, m[3]);
    const key = m[1] as 'view' | 'viewItem';
    return (c) => c[key] !== undefined && re.test(c[key]!);
  }
  m = /^(!?)([\w.]+)$/.exec(term);
  if (m) {
    const [, not, key] = m;
    if (key === 'false') return () => false;
    if (key === 'true') return () => true;
    return (c) => (c.keys?.[key!] ?? false) !== (not === '!');
  }
  throw new Error(`when-clause term not understood by the test: "${term}"`);
}

export function parseWhen(when: string | undefined): Term {
  if (!when) return () => true;
  if (/\|\||\(\s*[a-z!]/i.test(when.replace(/\/.*?\/[a-z]*/g, ''))) throw new Error(`unsupported when-clause syntax: ${when}`);
  const terms = when.split('&&').map(parseTerm);
  return (c) => terms.every((t) => t(c));
}

/** The `viewItem` regexes and equalities of a when clause (for coverage checks). */
export function viewItemConditions(when: string | undefined): string[] {
  return (when ?? '').split('&&').map((t) => t.trim()).filter((t) => t.startsWith('viewItem'));
}
