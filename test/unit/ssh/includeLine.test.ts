import * as assert from 'assert';
import * as fc from 'fast-check';
import { ensureInclude, FENCE_END, FENCE_START, hasInclude, removeInclude } from '../../../src/ssh/core/includeLine';
import { assertGolden, readFixture } from './helpers/fixtures';

const INCLUDE = '/home/me/.ssh/dbc/config';
const FENCE = `${FENCE_START}\nInclude ${INCLUDE}\n${FENCE_END}\n`;

describe('ssh ensureInclude (~/.ssh/config)', () => {
  for (const name of ['realistic', 'crlf-no-eol', 'empty', 'misplaced', 'toplevel-directives', 'stale-path']) {
    it(`matches the golden file for ${name}`, () => {
      const out = ensureInclude(readFixture(`include-${name}.in`), INCLUDE);
      assertGolden(`include-${name}.golden`, out);
      assert.strictEqual(ensureInclude(out, INCLUDE), out, 'second run changes nothing');
      assert.ok(hasInclude(out, INCLUDE));
    });
  }

  it('puts the fence first and keeps every other byte', () => {
    const input = readFixture('include-realistic.in');
    assert.strictEqual(ensureInclude(input, INCLUDE), FENCE + input);
  });

  it('uses CRLF in a CRLF file and leaves a missing final newline missing', () => {
    const input = readFixture('include-crlf-no-eol.in');
    const out = ensureInclude(input, INCLUDE);
    assert.strictEqual(out, FENCE.replace(/\n/g, '\r\n') + input);
    assert.ok(!out.endsWith('\n'));
  });

  it('moves a fence found inside a Host block to the top', () => {
    const out = ensureInclude(readFixture('include-misplaced.in'), INCLUDE);
    assert.strictEqual(out, `${FENCE}Host *\n  ServerAliveInterval 30\n  User me\n`);
  });

  it('keeps a byte order mark first', () => {
    assert.strictEqual(ensureInclude('\uFEFFHost a\n', INCLUDE), `\uFEFF${FENCE}Host a\n`);
  });

  it('quotes an include path with spaces and writes Windows paths with slashes', () => {
    assert.ok(ensureInclude('', 'C:\\Users\\Jo Doe\\.ssh\\dbc\\config').includes('Include "C:/Users/Jo Doe/.ssh/dbc/config"\n'));
    assert.ok(hasInclude(ensureInclude('', 'C:\\Users\\x\\.ssh\\dbc\\config'), 'C:\\Users\\x\\.ssh\\dbc\\config'));
  });

  it('does not count a user Include of the same file as ours', () => {
    const input = `Include ${INCLUDE}\nHost a\n`;
    assert.strictEqual(ensureInclude(input, INCLUDE), FENCE + input);
  });

  it('removeInclude gives back the original text', () => {
    for (const name of ['realistic', 'crlf-no-eol', 'empty', 'toplevel-directives']) {
      const input = readFixture(`include-${name}.in`);
      assert.strictEqual(removeInclude(ensureInclude(input, INCLUDE)), input, name);
    }
    assert.strictEqual(removeInclude('Host a\n'), 'Host a\n');
  });

  it('removes an unpaired start marker alone, keeping the comments after it', () => {
    const input = `${FENCE_START}\nHost a\n  # keep me\n  Include ~/x\n`;
    assert.strictEqual(removeInclude(input), 'Host a\n  # keep me\n  Include ~/x\n');
  });

  it('keeps user lines typed between our markers', () => {
    const input = `${FENCE_START}\nInclude ${INCLUDE}\nUser me\n${FENCE_END}\nHost a\n`;
    assert.strictEqual(ensureInclude(input, INCLUDE), `${FENCE}User me\nHost a\n`);
  });

  it('property: any config gains exactly the fence at the top, once', () => {
    const fragment = fc.constantFrom(
      'Host a', 'Host *', 'Host x y', '  User me', '\tPort=22', 'Match host x exec "true"', 'Include ~/.ssh/conf.d/*',
      '# comment', '   ', '', '  IdentityFile "/p q/r"', 'User "unterminated', 'HostName h # trailing', 'host lower',
    );
    const eol = fc.constantFrom('\n', '\r\n');
    const config = fc.tuple(fc.array(fc.tuple(fragment, eol), { maxLength: 12 }), fc.boolean()).map(([lines, finalEol]) => {
      const text = lines.map(([l, e]) => l + e).join('');
      return finalEol ? text : text.replace(/\r?\n$/, '');
    });
    fc.assert(fc.property(config, (input) => {
      const out = ensureInclude(input, INCLUDE);
      const eolUsed = out.slice(FENCE_START.length, FENCE_START.length + 2) === '\r\n' ? '\r\n' : '\n';
      assert.strictEqual(out, FENCE.replace(/\n/g, eolUsed) + input);
      assert.strictEqual(ensureInclude(out, INCLUDE), out);
      assert.strictEqual(removeInclude(out), input);
    }));
  });
});
