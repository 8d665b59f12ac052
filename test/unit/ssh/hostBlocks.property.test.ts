// Generated ssh configs (CRLF and LF mixed, tabs, `=` separators, Match and Include, comments, blank
// lines, bytes that are not UTF-8, a byte order mark, a missing final newline, other VMs' blocks, legacy
// blocks): our writer touches only its own fenced lines.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { listHostBlocks, removeHostBlock, renderHostBlock, SshConfigConflict, upsertHostBlock, upsertHostBlockAs, type VmHostEntry } from '../../../src/ssh/core/hostBlocks';

const NODE = '5ba8c1c0a36d6d11a6ca9a2bb1d1b1d0fdc4b6a3c6f4b6a1e2d3c4b5a6978899';
const ALIAS_A = 'dbc-5ba8c1c0-a1';
const ALIAS_B = 'dbc-5ba8c1c0-b2';
const entryA: VmHostEntry = {
  vm: { nodeId: NODE, taskId: 'a1' }, hostName: '203.0.113.7', port: 5684, user: 'dbc',
  identityFile: '/home/me/.ssh/dbc/id_ed25519', knownHostsFile: '/home/me/.ssh/dbc/known_hosts', stage: 'password',
};
const entryB: VmHostEntry = { ...entryA, vm: { nodeId: NODE, taskId: 'b2' }, port: 5685, stage: 'key' };

const ws = fc.constantFrom(' ', '  ', '\t', ' \t');
const word = fc.stringMatching(/^[a-z0-9.*_-]{1,10}$/);
const latin1 = fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });
const keyword = fc.constantFrom('User', 'HostName', 'Port', 'ProxyJump', 'ProxyCommand', 'ServerAliveInterval', 'IdentityFile', 'ForwardAgent');

const line: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('', ' ', '\t'), fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s))).map(([i, c]) => `${i}#${c}`),
  fc.array(ws, { maxLength: 2 }).map((a) => a.join('')),
  fc.tuple(fc.constantFrom('Host', 'host', 'HOST'), ws, fc.array(word, { minLength: 1, maxLength: 3 })).map(([k, s, p]) => `${k}${s}${p.join(' ')}`),
  fc.tuple(fc.constantFrom('Match all', 'Match host *.corp', 'Match exec "test -f ~/.vpn"'), ws).map(([m]) => m),
  fc.constantFrom('Include ~/.ssh/config.d/*', 'Include "/etc/ssh/with space"'),
  fc.tuple(ws, keyword, fc.constantFrom(' ', '=', ' = ', '\t'), word).map(([i, k, s, v]) => `${i}${k}${s}${v}`),
  latin1.map((b) => `# ${b}`),
  fc.constantFrom('# >>> dbc-vscode >>>', 'Include /home/me/.ssh/dbc/config', '# <<< dbc-vscode <<<'),
);

/** Another VM's fenced block, or an unfenced one from an earlier version: ours, but not A's or B's. */
const otherBlock = fc.constantFrom(
  renderHostBlock({ ...entryA, vm: { nodeId: NODE, taskId: 'zz' } }).trimEnd(),
  `Host dbc-5ba8c1c0-old\n  # dbc-vscode node=${NODE} task=old\n  HostName 10.0.0.1\n  Port 22`,
);

const parts = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: otherBlock }), { maxLength: 25 });
const layout = fc.record({
  bom: fc.boolean(),
  eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 40, maxLength: 40 }),
  finalEol: fc.boolean(),
});

/** Joins parts into a file: mixed line endings, optional final newline, optional byte order mark (on its own line). */
function build(ps: string[], l: { bom: boolean; eols: string[]; finalEol: boolean }): string {
  const lines = [...(l.bom ? ['\u00ef\u00bb\u00bf# saved on Windows'] : []), ...ps.flatMap((p) => p.split('\n'))];
  return lines.map((text, i) => text + (i < lines.length - 1 || l.finalEol ? l.eols[i % l.eols.length] : '')).join('');
}

const config = fc.tuple(parts, layout).map(([ps, l]) => build(ps, l));

/** The 1-based line of the first Host line that names `alias` outside our blocks, if any. */
function foreignLine(text: string, alias: string): number | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*host[\s=]/i.test(l) && l.trim().split(/[\s=]+/).slice(1).includes(alias));
  return at < 0 ? undefined : at + 1;
}

const RUNS = { numRuns: 400 };

describe('ssh hostBlocks on generated configs (property)', () => {
  it('adding a block and removing it again gives back every byte', () => {
    fc.assert(fc.property(config, (text) => {
      const out = upsertHostBlock(text, entryA);
      assert.strictEqual(removeHostBlock(out, ALIAS_A), text);
    }), RUNS);
  });

  it('the file after an add is the original, then (after a line break if it had none) our block', () => {
    fc.assert(fc.property(config, (text) => {
      const out = upsertHostBlock(text, entryA);
      const firstBreak = /\r?\n/.exec(text)?.[0] ?? '\n'; // the file's line ending is its first one
      const head = text === '' || /\n$/.test(text) ? text : `${text}${firstBreak}`;
      const tail = out.slice(head.length);
      assert.ok(out.startsWith(head), 'user bytes first, unchanged');
      assert.match(tail, /^# >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>\r?\nHost dbc-5ba8c1c0-a1\r?\n/);
      assert.match(tail, /# <<< dbc-vscode host dbc-5ba8c1c0-a1 <<<(\r?\n)?$/);
      assert.strictEqual(/\n$/.test(out), text === '' || /\n$/.test(text), 'a missing final newline stays missing');
    }), RUNS);
  });

  it('an add is idempotent, an update changes only our lines, and the block is listed', () => {
    fc.assert(fc.property(config, fc.integer({ min: 1, max: 65535 }), (text, port) => {
      const out = upsertHostBlock(text, entryA);
      assert.strictEqual(upsertHostBlock(out, entryA), out);
      const moved = upsertHostBlock(out, { ...entryA, port });
      assert.strictEqual(removeHostBlock(moved, ALIAS_A), text);
      const listed = listHostBlocks(moved).find((b) => b.alias === ALIAS_A);
      assert.deepStrictEqual([listed?.port, listed?.taskId, listed?.nodeId], [port, 'a1', NODE]);
    }), RUNS);
  });

  it('two blocks come out in either order and leave the original', () => {
    fc.assert(fc.property(config, fc.boolean(), (text, aFirst) => {
      const both = upsertHostBlock(upsertHostBlock(text, entryA), entryB);
      const order = aFirst ? [ALIAS_A, ALIAS_B] : [ALIAS_B, ALIAS_A];
      assert.strictEqual(removeHostBlock(removeHostBlock(both, order[0]!), order[1]!), text);
    }), RUNS);
  });

  const host = fc.constantFrom(`Host ${ALIAS_A}`, `Host other ${ALIAS_A}`, `\tHOST ${ALIAS_A}`, `Host=${ALIAS_A}`, `Host ${ALIAS_A.toUpperCase()}`);
  const body = fc.constantFrom('  ProxyCommand nc %h %p', '  User root');
  const withForeign = fc.tuple(parts, layout, fc.nat(), host, body)
    .map(([ps, l, at, h, b]) => build([...ps.slice(0, at % (ps.length + 1)), `${h}\n${b}`, ...ps.slice(at % (ps.length + 1))], l));

  it('a Host line of a given alias that we did not write is never replaced: a conflict naming its line', () => {
    const fixed = { ...entryA, alias: ALIAS_A };
    fc.assert(fc.property(withForeign.filter((text) => foreignLine(text, ALIAS_A) !== undefined), (text) => {
      const expected = foreignLine(text, ALIAS_A);
      assert.throws(() => upsertHostBlock(text, fixed), (err: unknown) => err instanceof SshConfigConflict && err.line === expected);
      assert.strictEqual(removeHostBlock(text, ALIAS_A), text);
    }), RUNS);
  });

  it('a chosen alias is never one of the user\'s Host names (in any case), and leaves their text', () => {
    fc.assert(fc.property(withForeign, (text) => {
      const { text: out, alias } = upsertHostBlockAs(text, entryA);
      assert.notStrictEqual(alias, ALIAS_A);
      assert.strictEqual(foreignLine(text.toLowerCase(), alias), undefined, 'no Host line of the user names it');
      assert.strictEqual(removeHostBlock(out, alias), text);
    }), RUNS);
  });
});
