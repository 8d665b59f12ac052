import * as assert from 'node:assert/strict';
import {
  INITIAL_STITCH_STATE, naiveStitch, placements, type StitchResult, type StitchState, stitch,
} from '../../../../src/core/logStitch';

function run(windows: (readonly string[])[], requested?: number[]): StitchResult[] {
  let state: StitchState = INITIAL_STITCH_STATE;
  return windows.map((lines, i) => {
    const r = stitch(state, { lines, requested: requested?.[i] });
    state = r.state;
    return r;
  });
}

describe('stitch', () => {
  it('appends the whole first window', () => {
    const [r] = run([['a', 'b']]);
    assert.deepEqual(r!.lines, ['a', 'b']);
    assert.equal(r!.gap, undefined);
  });

  it('appends nothing when the window did not change', () => {
    const [, r] = run([['a', 'b', 'c'], ['a', 'b', 'c']]);
    assert.deepEqual(r!.lines, []);
    assert.equal(r!.overlap, 3);
  });

  it('appends only what follows the overlap', () => {
    const [, r] = run([['a', 'b', 'c'], ['b', 'c', 'd', 'e']]);
    assert.deepEqual(r!.lines, ['d', 'e']);
    assert.equal(r!.overlap, 2);
  });

  it('takes the largest overlap when repeated lines allow several', () => {
    const [, r] = run([['x', 'y', 'x', 'y'], ['x', 'y', 'x', 'y', 'z']]);
    assert.deepEqual(r!.lines, ['z']);
    assert.equal(r!.overlap, 4);
    assert.ok(r!.ambiguous, 'x,y,x,y,z could also follow after one or two more x,y pairs');
  });

  it('is not ambiguous when only one overlap matches', () => {
    const [, r] = run([['a', 'b', 'c'], ['c', 'd']]);
    assert.equal(r!.ambiguous, false);
  });

  it('cannot tell two logs apart when their windows are identical (why repeats make it ambiguous)', () => {
    // Log 1: a b a b | a b z     Log 2: a b a b | z       Windows of 5 lines, polled after each "|".
    const log1 = [['a', 'b', 'a', 'b'], ['b', 'a', 'b', 'a', 'b', 'z'].slice(-5)];
    const log2 = [['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'b', 'z'].slice(-5)];
    assert.deepEqual(log1[1], ['a', 'b', 'a', 'b', 'z']);
    assert.deepEqual(log1, log2);
    const [, r] = run(log1);
    assert.deepEqual(r!.lines, ['z'], 'the no-duplicate reading: right for log 2, two lines short for log 1');
  });

  it('marks a gap when the new window shares nothing with the previous one', () => {
    const [, r] = run([['a', 'b'], ['x', 'y']], [2, 2]);
    assert.equal(r!.gap?.kind, 'gap');
    assert.equal(r!.gap?.label.message, '… some log lines may be missing here: the log grew faster than it was read …');
    assert.deepEqual(r!.lines, ['x', 'y']);
  });

  it('marks a restart when the window is plainly the whole log and does not continue ours', () => {
    const [, r] = run([['a', 'b', 'c'], ['new 1']], [100, 100]);
    assert.equal(r!.gap?.kind, 'restarted');
    assert.deepEqual(r!.lines, ['new 1']);
  });

  it('ignores an empty window (an empty log, or one line above the byte cap)', () => {
    const results = run([['a'], [], ['a', 'b']]);
    assert.deepEqual(results[1]!.lines, []);
    assert.equal(results[1]!.gap, undefined);
    assert.deepEqual(results[2]!.lines, ['b']);
  });

  it('does not match a window further back than the previous window started', () => {
    // Previous window: b,b. The new one b,b,c can only overlap it, not the older b before it.
    const results = run([['b', 'x', 'b', 'b'], ['b', 'b'], ['b', 'b', 'c']], [4, 2, 2]);
    assert.deepEqual(results[2]!.lines, ['c']);
  });

  it('lets a larger request start earlier without repeating lines', () => {
    const results = run([['a', 'b', 'c', 'd'], ['d', 'e'], ['b', 'c', 'd', 'e', 'f']], [4, 2, 5]);
    assert.deepEqual(results[2]!.lines, ['f']);
    assert.equal(results[2]!.gap, undefined);
  });

  it('accepts a window that lies inside what was emitted (a larger request cut early by the byte cap)', () => {
    const results = run([['a', 'b', 'c'], ['c', 'd', 'e'], ['b', 'c', 'd']], [3, 3, 5]);
    assert.deepEqual(results[2]!.lines, []);
    assert.equal(results[2]!.gap, undefined);
  });

  it('clamps line_num above 100 to 99, as the node does', () => {
    const [, r] = run([['a', 'b'], ['b', 'c']], [150, 100]);
    assert.deepEqual(r!.lines, ['c']);
  });

  it('sanitizes the lines it returns but matches on the raw text', () => {
    const [a, b] = run([['\u001b[31mred\u001b[0m', 'tab\there\r'], ['tab\there\r', 'bell\u0007']]);
    assert.deepEqual(a!.lines, ['red', 'tab\there']);
    assert.deepEqual(b!.lines, ['bell']);
  });

  it('keeps a bounded history', () => {
    let state: StitchState = INITIAL_STITCH_STATE;
    for (let i = 0; i < 3000; i += 50) {
      state = stitch(state, Array.from({ length: 100 }, (_, k) => `line ${i + k}`), { historyLimit: 300 }).state;
    }
    assert.ok(state.run.length <= 600, `run has ${state.run.length} lines`);
    assert.equal(state.run[state.run.length - 1], 'line 3049');
  });
});

describe('placements', () => {
  it('lists every start where the window agrees, earliest first, possibly before the run', () => {
    assert.deepEqual(placements(['a', 'b', 'a', 'b'], ['a', 'b', 'z']), [2]);
    assert.deepEqual(placements(['a', 'b', 'a', 'b'], ['b', 'a', 'b']), [-1, 1, 3]);
    assert.deepEqual(placements(['a', 'b', 'a', 'b'], ['b', 'a', 'b'], 0), [1, 3]);
    assert.deepEqual(placements(['a', 'b'], ['a', 'b'], 0, 2), [0]);
    assert.deepEqual(placements(['a'], ['b']), []);
  });
});

describe('naiveStitch', () => {
  it('re-appends the whole window every time (the baseline)', () => {
    let state: StitchState = INITIAL_STITCH_STATE;
    const out: string[] = [];
    for (const w of [['a', 'b'], ['a', 'b'], ['b', 'c']]) {
      const r = naiveStitch(state, w);
      state = r.state;
      out.push(...r.lines);
    }
    assert.deepEqual(out, ['a', 'b', 'a', 'b', 'b', 'c']);
  });
});
