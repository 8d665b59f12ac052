// The Include consent state: when to ask, what is remembered, and the exact lines shown and added.
import * as assert from 'assert';
import { afterAnswer, includeLines, includeStep } from '../../../src/flows/connect/model/includeConsent';
import { ensureInclude, hasInclude } from '../../../src/ssh/core/includeLine';

describe('remote: Include consent', () => {
  it('asks only when the line is missing and the user did not say never', () => {
    assert.strictEqual(includeStep({ included: false, readsOurFile: false, declinedForever: false }), 'ask');
    assert.strictEqual(includeStep({ included: false, readsOurFile: false, declinedForever: true }), 'skip');
    assert.strictEqual(includeStep({ included: true, readsOurFile: false, declinedForever: false }), 'present');
    assert.strictEqual(includeStep({ included: true, readsOurFile: false, declinedForever: true }), 'present', 'a line added by hand or by the CLI counts');
    assert.strictEqual(includeStep({ included: false, readsOurFile: true, declinedForever: false }), 'present');
  });

  it('remembers "never" per file, forgets it after "add", and remembers nothing for "not now"', () => {
    assert.deepStrictEqual(afterAnswer([], '/h/.ssh/config', 'notNow'), []);
    assert.deepStrictEqual(afterAnswer([], '/h/.ssh/config', 'never'), ['/h/.ssh/config']);
    assert.deepStrictEqual(afterAnswer(['/h/.ssh/config', '/other'], '/h/.ssh/config', 'never'), ['/other', '/h/.ssh/config']);
    assert.deepStrictEqual(afterAnswer(['/h/.ssh/config', '/other'], '/h/.ssh/config', 'add'), ['/other']);
    assert.deepStrictEqual(afterAnswer(['/other'], '/h/.ssh/config', 'notNow'), ['/other']);
  });

  it('shows exactly the fenced lines that ensureUserInclude writes', () => {
    const lines = includeLines('/home/u/.ssh/dbc/config');
    assert.strictEqual(lines, '# >>> dbc-vscode >>>\nInclude /home/u/.ssh/dbc/config\n# <<< dbc-vscode <<<');
    assert.ok(ensureInclude('Host x\n  User y\n', '/home/u/.ssh/dbc/config').startsWith(`${lines}\n`));
    assert.ok(hasInclude(`${lines}\n`, '/home/u/.ssh/dbc/config'));
    assert.strictEqual(includeLines('/home/my user/.ssh/dbc/config').split('\n')[1], 'Include "/home/my user/.ssh/dbc/config"');
  });
});
