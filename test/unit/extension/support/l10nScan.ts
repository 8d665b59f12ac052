// Finds the translatable strings of the editor layer: literal first arguments of `l10n.t(…)` and of the
// injected `t(…)`, `UserFacingError` templates and hints, plus the template tables the code looks up
// by key (src/ui/model/errorText.ts, src/core/messages.ts).
import * as fs from 'fs';
import * as path from 'path';
import { ALL_TEMPLATES } from '../../../../src/core/messages';
import { MULTISIG_FILE_TEXT } from '../../../../src/core/multisigFile';
import { AUTHORITY_TEXT, CREDENTIAL_TEXT, PLAIN_HTTP_RISK, REFRESH_HINT, TASK_NOT_EXIST_HINT, UNENCODABLE_TEXT, UNSAFE_TARGET_TEXT, WALLET_HINT } from '../../../../src/ui/model/errorText';
import { SSH_FAILURE_TEXT } from '../../../../src/flows/connect/model/sshFailure';
import { CONDITION_TEXT } from '../../../../src/tree/model/nodeCondition';
import { NOT_TRANSLATED, unitOf } from './layers';

export const REPO = path.resolve(__dirname, '../../../../..');

const LITERAL = String.raw`'(?:[^'\\\n]|\\.)*'`;
const CALLS = [
  new RegExp(String.raw`\bl10n\.t\(\s*(${LITERAL})`, 'g'),
  new RegExp(String.raw`(?<!\w)t\(\s*(${LITERAL})`, 'g'),
  new RegExp(String.raw`\bUserFacingError\(\s*(${LITERAL})`, 'g'),
  new RegExp(String.raw`\bUserFacingError\(\s*${LITERAL}\s*,\s*\[[^\]]*\]\s*,\s*(${LITERAL})`, 'g'),
];

function unquote(literal: string): string {
  return Function(`"use strict"; return (${literal});`)() as string;
}

function tsFiles(entry: string): string[] {
  const full = path.join(REPO, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? tsFiles(path.join(entry, d.name)) : d.name.endsWith('.ts') ? [path.join(full, d.name)] : []));
}

export interface Found {
  text: string;
  file: string;
}

export function scanSourceStrings(): Found[] {
  const found: Found[] = [];
  for (const file of tsFiles('src')) {
    const source = fs.readFileSync(file, 'utf8');
    // Everywhere: vscode.l10n.t literals. In the editor layer also the injected t() and our error templates.
    const calls = NOT_TRANSLATED.includes(unitOf(path.relative(REPO, file)) ?? '') ? CALLS.slice(0, 1) : CALLS;
    for (const re of calls) for (const m of source.matchAll(re)) found.push({ text: unquote(m[1]!), file: path.relative(REPO, file) });
  }
  return found;
}

export function tableStrings(): string[] {
  return [
    ...ALL_TEMPLATES, ...Object.values(MULTISIG_FILE_TEXT), ...Object.values(CREDENTIAL_TEXT), ...Object.values(AUTHORITY_TEXT).flat(), ...Object.values(UNENCODABLE_TEXT).flat(), WALLET_HINT, REFRESH_HINT, TASK_NOT_EXIST_HINT,
    ...Object.values(SSH_FAILURE_TEXT), ...Object.values(UNSAFE_TARGET_TEXT), PLAIN_HTTP_RISK,
    ...Object.values(CONDITION_TEXT).flatMap((c) => [c.label, c.row, c.hint]),
  ];
}

/** Every string the zh-cn bundle must translate. */
export function allTranslatable(): string[] {
  return [...new Set([...scanSourceStrings().map((f) => f.text), ...tableStrings()])];
}
