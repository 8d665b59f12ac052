// The simulator answers nvidia-smi in-process only for a plain simple command; anything a real shell
// would have to interpret goes to /bin/sh.
import * as assert from 'assert';
import { simpleCommandWords } from '../../../src/sim/ssh/guest/shellWords';

describe('sim: simple command words', () => {
  it('splits words and understands quotes and backslashes', () => {
    assert.deepStrictEqual(simpleCommandWords('nvidia-smi  --query-gpu=index,name --format=csv'), ['nvidia-smi', '--query-gpu=index,name', '--format=csv']);
    assert.deepStrictEqual(simpleCommandWords(`nvidia-smi '--query-gpu=a b' "--format=csv" x\\ y ''`), ['nvidia-smi', '--query-gpu=a b', '--format=csv', 'x y', '']);
  });

  it('refuses what needs a shell', () => {
    for (const c of ['nvidia-smi; id', 'nvidia-smi | head', 'nvidia-smi > f', 'nvidia-smi $X', 'nvidia-smi `id`', 'nvidia-smi *', 'nvidia-smi &', 'a\nb', 'nvidia-smi "$HOME"', "nvidia-smi 'open", 'x \\']) {
      assert.strictEqual(simpleCommandWords(c), undefined, c);
    }
  });
});
