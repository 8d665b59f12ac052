// Every %key% of package.json exists in both nls files; every UI string of the editor layer (and every
// core validation and status template) has a Simplified Chinese translation with the same placeholders.
import * as assert from 'assert';
import { ROOT, readJson } from './support/manifest';
import { allTranslatable, scanSourceStrings } from './support/l10nScan';
import * as fs from 'fs';
import * as path from 'path';

const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();

describe('localization', () => {
  const en = readJson<Record<string, string>>('package.nls.json');
  const zh = readJson<Record<string, string>>('package.nls.zh-cn.json');
  const bundle = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');

  it('resolves every %key% of package.json in package.nls.json and package.nls.zh-cn.json', () => {
    const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const keys = [...new Set([...text.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]!))];
    assert.ok(keys.length > 50, `found ${keys.length} keys`);
    assert.deepStrictEqual(keys.filter((k) => !(k in en)), [], 'missing in package.nls.json');
    assert.deepStrictEqual(keys.filter((k) => !(k in zh)), [], 'missing in package.nls.zh-cn.json');
    assert.deepStrictEqual(Object.keys(en).sort(), Object.keys(zh).sort(), 'both nls files have the same keys');
  });

  it('finds the UI strings in the sources (sanity check of the scanner)', () => {
    const found = scanSourceStrings().map((f) => f.text);
    for (const s of ['Show Log', 'Retry', 'Starting…', 'No VMs yet: create one…']) assert.ok(found.includes(s), s);
  });

  it('translates every l10n.t string of src/** and every core template into Chinese', () => {
    const missing = allTranslatable().filter((s) => !bundle[s]);
    assert.deepStrictEqual(missing, [], `${missing.length} strings have no zh-cn entry`);
  });

  it('keeps the placeholders of every translation', () => {
    for (const [source, target] of Object.entries(bundle)) assert.deepStrictEqual(placeholders(target), placeholders(source), source);
    for (const key of Object.keys(en)) assert.deepStrictEqual(placeholders(zh[key]!), placeholders(en[key]!), key);
  });

  it('keeps command links working in translated welcome content', () => {
    for (const key of Object.keys(en).filter((k) => k.startsWith('welcome.'))) {
      const links = (s: string) => [...s.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.deepStrictEqual(links(zh[key]!), links(en[key]!), key);
    }
  });

  it('has no stale bundle entries', () => {
    const used = new Set(allTranslatable());
    assert.deepStrictEqual(Object.keys(bundle).filter((k) => !used.has(k)), []);
  });
});
