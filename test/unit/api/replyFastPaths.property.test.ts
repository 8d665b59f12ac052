// The reply path skips work on texts that cannot change (most texts of a task list: ids, states, times):
// sanitizeNodeText returns a text without control characters as it is, maskSecretText skips its patterns
// on short texts naming no secret. These properties check the shortcuts against the full work they
// replace, on generated texts rich in what matters (escape sequences, controls, secret names, hex runs).
import * as assert from 'assert';
import * as fc from 'fast-check';
import { sanitizeNodeText, type SanitizeOptions } from '../../../src/api/nodeText';
import { maskSecretText } from '../../../src/api/redact';
import { parseReply } from '../../../src/api/reply';
import { TASK_LIST } from '../../../src/api/replyShapes';

// The full work, as it was before the shortcuts (src/api/nodeText.ts and redact.ts at 8306bec).
// eslint-disable-next-line no-control-regex
const SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[0-~]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function fullSanitize(text: string, options: SanitizeOptions = {}): string {
  let out = text.replace(SEQUENCES, '');
  if (!options.newlines) out = out.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
  if (!options.tabs) out = out.replace(/\t/g, ' ');
  return out.replace(CONTROLS, '').replace(/\n/g, options.newlines ? '\n' : '');
}

const SECRET_NAMES = 'session_id_sign|login_password|vnc_password|password|passwd|mnemonic|secret|seed|sign';
const QUOTED = new RegExp(`((?<![A-Za-z0-9_])(?:\\\\*")?(?:${SECRET_NAMES})(?:\\\\*")?\\s*[:=]\\s*)(\\\\*")((?:(?!\\2).)*)\\2`, 'gi');
const BARE = new RegExp(`((?<![A-Za-z0-9_])(?:${SECRET_NAMES})\\s*=\\s*)(?!\\\\*"|‹)([^\\s"',;}\\]\\\\]+)`, 'gi');
const LONG_HEX = /(0x)?[0-9a-fA-F]{96,}/g;
const MASK = '‹redacted›';
function fullMask(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) if (secret.length >= 4) out = out.split(secret).join(MASK);
  return out
    .replace(QUOTED, (_m, key: string, quote: string) => `${key}${quote}${MASK}${quote}`)
    .replace(BARE, (_m, key: string) => `${key}${MASK}`)
    .replace(LONG_HEX, MASK);
}

const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('\u001b[31m', '\u001b]0;t\u0007', '\u009b2J', '\u009d0;x\u009c', '\u001bP1$r\u001b\\', '\r\n', '\n', '\t', '\u0000', '\u007f', '\u202e', '\u2028', '\u2066', ' '),
  fc.constantFrom('password', 'PassWd', 'session_id_sign', 'seed', 'Sign', 'mnemonic', 'secret', 'designs', 'signal', '"', '\\"', ':', '=', ' = ', "'", ',', '}', '‹'),
  fc.stringMatching(/^[0-9a-f]{40,110}$/),
  fc.constantFrom('running', 'bench49vm3', '2026-12-05 14:54:22', 'hunter2!', 'ab'.repeat(48)),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const known = fc.array(fc.oneof(fc.constantFrom('hunter2!', 'ab'.repeat(48), 'dact', 'bench49vm3', 'x'), fc.string({ maxLength: 6 })), { maxLength: 3 });

describe('api: the reply path\'s shortcuts change nothing', () => {
  it('sanitizeNodeText equals the full replacements, with every option', () => {
    fc.assert(fc.property(text, fc.boolean(), fc.boolean(), (t, tabs, newlines) => {
      assert.strictEqual(sanitizeNodeText(t, { tabs, newlines }), fullSanitize(t, { tabs, newlines }));
    }), { numRuns: 3000 });
  });

  it('maskSecretText equals the full masking, with and without the values a request sent', () => {
    fc.assert(fc.property(text, known, (t, k) => {
      assert.strictEqual(maskSecretText(t, k), fullMask(t, k));
      assert.strictEqual(maskSecretText(t), fullMask(t));
    }), { numRuns: 3000 });
  });

  it('a task list is sanitized and masked in one walk: values and keys, never the structure', () => {
    const reply = {
      status: 200,
      text: JSON.stringify({
        errcode: 0,
        message: [
          { task_id: 't1', status: 'running', desc: 'pw hunter2! \u001b]0;x\u0007ok', 'k\u001b[1m': ['a\u0007', 1, null, { d: 'password=abc' }] },
          { task_id: 't2', status: 'closed', create_time: '2026-12-05 14:54:22' },
        ],
      }),
    };
    assert.deepStrictEqual(parseReply('tasks.list', reply, TASK_LIST, ['hunter2!']), [
      { task_id: 't1', status: 'running', desc: 'pw ‹redacted› ok', k: ['a', 1, null, { d: 'password=‹redacted›' }] },
      { task_id: 't2', status: 'closed', create_time: '2026-12-05 14:54:22' },
    ]);
  });
});
