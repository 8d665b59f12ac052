import assert from 'node:assert/strict';
import { count, id, list, nestsDeeperThan, oneOf, record, ShapeMismatch, string, text } from '../../../src/api/shape';

const fails = (fn: () => unknown, message: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ShapeMismatch && message.test(err.message));

describe('api/shape', () => {
  it('checks scalars and says what it got', () => {
    assert.equal(string.parse('a', 'm'), 'a');
    fails(() => string.parse(1, 'm'), /^m: expected a text, got number 1$/);
    assert.equal(text.parse(5684, 'm'), '5684');
    fails(() => text.parse(NaN, 'm'), /got number NaN/);
    assert.equal(count.parse('8', 'm'), '8');
    assert.equal(count.parse(8, 'm'), 8);
    fails(() => count.parse(-1, 'm'), /expected a whole number/);
    assert.equal(id.parse('Gz3SL4zw1wKGNxKCkCS5eZ', 'm'), 'Gz3SL4zw1wKGNxKCkCS5eZ');
    for (const bad of ['', '..', 'a/b', 'a b', '\u001b[2J', 'x'.repeat(129), null]) fails(() => id.parse(bad, 'm.task_id'), /^m\.task_id: expected an id/);
  });

  it('names the path of a nested mismatch', () => {
    const tasks = list(record({ task_id: id, status: text }, { desc: text }));
    fails(() => tasks.parse([{ task_id: 'a', status: 'running' }, { task_id: 'b' }], 'message'), /^message\[1\]\.status: expected a text, got nothing$/);
    fails(() => tasks.parse('ok', 'message'), /^message: expected a list of an object, got "ok"$/);
    fails(() => tasks.parse([{ task_id: 'a', status: 'x', desc: [] }], 'message'), /^message\[0\]\.desc: expected a text, got a list$/);
  });

  it('keeps unknown keys, treats null optional keys as absent, and never touches a prototype', () => {
    const shape = record({ a: text }, { b: text });
    assert.deepEqual(shape.parse({ a: 'x', b: null, extra: [1] }, 'm'), { a: 'x', extra: [1] });
    const hostile = JSON.parse('{"a":"x","__proto__":{"polluted":true},"constructor":"c"}');
    const out = shape.parse(hostile, 'm') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(out.constructor, 'c');
  });

  it('oneOf takes the first shape that fits', () => {
    const s = oneOf('a text or a list', text, list(text) as never);
    assert.equal(s.parse('x', 'm'), 'x');
    assert.deepEqual(s.parse(['x'], 'm'), ['x']);
    fails(() => s.parse({}, 'm'), /expected a text or a list/);
  });

  it('measures nesting without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(nestsDeeperThan(deep, 32), true);
    assert.equal(nestsDeeperThan({ a: [{ b: 1 }] }, 32), false);
  });
});
