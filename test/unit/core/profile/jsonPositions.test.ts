import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseJsonWithPositions } from '../../../../src/core/jsonPositions';

function error(text: string): [string, number, number] {
  const r = parseJsonWithPositions(text);
  assert.ok(!r.ok, 'expected a syntax error');
  return [r.error.code, r.error.position.line, r.error.position.column];
}

describe('parseJsonWithPositions', () => {
  it('parses like JSON.parse and records where each value starts', () => {
    const text = '{\n  "a": 1,\n  "b": [true, {"c": "x"}]\n}';
    const r = parseJsonWithPositions(text);
    assert.ok(r.ok);
    assert.deepEqual(r.value, JSON.parse(text));
    assert.deepEqual(r.positions.get('a'), { line: 2, column: 8, offset: 9 });
    assert.deepEqual(r.positions.get('b[1].c'), { line: 3, column: 21, offset: 32 });
    assert.equal(r.positions.get('')?.offset, 0);
  });

  it('reports syntax errors with line and column', () => {
    assert.deepEqual(error('{\n  "a": 1,\n}'), ['expectedKey', 3, 1]);
    assert.deepEqual(error('{"a" 1}'), ['expectedColon', 1, 6]);
    assert.deepEqual(error('{"a": 1 "b": 2}'), ['expectedCommaOrBrace', 1, 9]);
    assert.deepEqual(error('[1, 2'), ['endOfText', 1, 6]);
    assert.deepEqual(error('{"a": "x\ny"}'), ['controlInString', 1, 9]);
    assert.deepEqual(error('{"a": "\\q"}'), ['badEscape', 1, 8]);
    assert.deepEqual(error('{"a": 01}'), ['expectedCommaOrBrace', 1, 8]);
    assert.deepEqual(error('{"a": tru}'), ['expectedValue', 1, 7]);
    assert.deepEqual(error('{} x'), ['trailing', 1, 4]);
    assert.deepEqual(error('{"a": "open'), ['unterminatedString', 1, 7]);
    assert.deepEqual(error(''), ['endOfText', 1, 1]);
  });

  it('lists duplicate keys and keeps the last value', () => {
    const r = parseJsonWithPositions('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}');
    assert.ok(r.ok);
    assert.deepEqual(r.duplicates, ['b.c', 'a']);
    assert.deepEqual(r.value, { a: 3, b: { c: 2 } });
  });

  it('accepts a byte-order mark and a __proto__ key without touching prototypes', () => {
    const r = parseJsonWithPositions('\ufeff{"__proto__": {"x": 1}}');
    assert.ok(r.ok);
    const value = r.value as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('decodes escapes', () => {
    const r = parseJsonWithPositions('"a\\u00e9\\n\\t\\"\\\\\\/"');
    assert.ok(r.ok);
    assert.equal(r.value, 'aé\n\t"\\/');
  });

  it('agrees with JSON.parse on values (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      const r = parseJsonWithPositions(text);
      assert.ok(r.ok, text);
      assert.deepEqual(r.value, JSON.parse(text));
    }));
  });

  it('agrees with JSON.parse on what is valid (property)', () => {
    const chars = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '\n', '1', '0', '-', '.', 'e', 'a', 't', 'r', 'u', '\\', 'n', 'l');
    fc.assert(fc.property(fc.string({ unit: chars, maxLength: 12 }), (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      assert.equal(parseJsonWithPositions(text).ok, valid, JSON.stringify(text));
    }), { numRuns: 2000 });
  });
});
