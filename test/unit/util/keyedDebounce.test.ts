import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedDebounce } from '../../../src/util/keyedDebounce';

describe('KeyedDebounce', () => {
  it('runs the last work of a burst once per key, after the pause, and cancels on request', async () => {
    const ran: string[] = [];
    const d = new KeyedDebounce<string>(30);
    for (let i = 0; i < 50; i++) d.run('a', () => ran.push(`a${i}`));
    d.run('b', () => ran.push('b'));
    d.run('c', () => ran.push('c'));
    d.cancel('c');
    assert.equal(ran.length, 0, 'nothing on the keystroke itself');
    await sleep(80);
    assert.deepEqual([...ran].sort(), ['a49', 'b']);
    assert.equal(d.pending, 0);
    d.run('a', () => ran.push('late'));
    d.dispose();
    await sleep(60);
    assert.ok(!ran.includes('late'));
  });
});
