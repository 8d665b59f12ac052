import assert from 'node:assert/strict';
import { sanitizeNodeText, sanitizeReply } from '../../../src/api/nodeText';

describe('api/nodeText: text from a node, fit for a terminal', () => {
  const cases: [string, string][] = [
    ['plain text, 中文 ünïcödé', 'plain text, 中文 ünïcödé'],
    ['\u001b]0;pwned\u0007title', 'title'],
    ['\u001b[2J\u001b[Hclear', 'clear'],
    ['\u001b]52;c;ZWNobyBoaQ==\u0007clip', 'clip'],
    ['\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['\u009b31mC1 CSI', 'C1 CSI'],
    ['\u009d0;title\u009cafter', 'after'],
    ['\u001bP1$r\u001b\\dcs', 'dcs'],
    ['two\r\nlines', 'two lines'],
    ['bell\u0007 nul\u0000 del\u007f', 'bell nul del'],
    ['rtl \u202egnp.exe\u202c', 'rtl gnp.exe'],
    ['tab\there', 'tab here'],
    ['unterminated \u001b]0;title without end', 'unterminated '],
  ];
  for (const [raw, clean] of cases) it(`cleans ${JSON.stringify(raw)}`, () => assert.equal(sanitizeNodeText(raw), clean));

  it('keeps tabs and line feeds when asked', () => {
    assert.equal(sanitizeNodeText('a\tb\r\nc\u001b[0m', { tabs: true, newlines: true }), 'a\tb\nc');
  });

  it('cleans every text and key of a reply and keeps its structure', () => {
    assert.deepEqual(sanitizeReply({ 'k\u001b[1m': ['\u001b]0;x\u0007v', 1, null, { d: 'ok\u0007' }] }), { k: ['v', 1, null, { d: 'ok' }] });
  });
});
