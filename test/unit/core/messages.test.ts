import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TEMPLATES, formatTemplate, JSON_ERRORS, LABELS, MESSAGES } from '../../../src/core/messages';

const placeholders = (t: string): number[] => [...t.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));

describe('messages', () => {
  it('lists every template once, for the translators', () => {
    assert.equal(new Set(ALL_TEMPLATES).size, ALL_TEMPLATES.length);
    assert.equal(ALL_TEMPLATES.length, Object.keys(MESSAGES).length + Object.keys(LABELS).length + Object.keys(JSON_ERRORS).length);
  });

  it('issue templates start with the field ({0}) unless they are about the whole spec or file', () => {
    const whole = ['modifyEmpty', 'jsonSyntax', 'profileNotObject'];
    for (const [code, t] of Object.entries(MESSAGES)) {
      if (whole.includes(code)) continue;
      assert.ok(t.startsWith('{0}'), `${code}: ${t}`);
    }
  });

  it('uses no other {word} than numbered placeholders, and no gaps in the numbering', () => {
    for (const t of ALL_TEMPLATES) {
      assert.ok(!/\{[^0-9}][^}]*\}/.test(t), t);
      const used = [...new Set(placeholders(t))].sort((a, b) => a - b);
      if (used.length > 0) assert.equal(used[used.length - 1], used.length - 1 + used[0]!, t);
    }
  });

  it('formats like vscode.l10n.t', () => {
    assert.equal(formatTemplate('{0} and {1}, {0} again', ['a', 'b']), 'a and b, a again');
    assert.equal(formatTemplate('{2} stays', ['a']), '{2} stays');
  });

  it('keeps src/core free of vscode', () => {
    const root = path.join(__dirname, '../../../../src/core');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of files(root).filter((f) => f.endsWith('.ts'))) {
      assert.ok(!/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')), file);
    }
  });
});
