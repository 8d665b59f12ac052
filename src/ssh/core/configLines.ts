// Line-level view of an ssh_config text. ssh_config has no continuation lines, so each physical line
// is one directive, comment or blank line. We classify each line with the maintained `ssh-config`
// parser but keep the original bytes (text + line ending) so edits never reformat user content:
// the parser's own stringify is not byte-exact (it rewrites separators and trailing comments).
import SSHConfig from 'ssh-config';

export type Eol = '' | '\n' | '\r\n';

export interface PhysicalLine {
  text: string;
  eol: Eol;
}

export type LineKind =
  | { kind: 'blank' }
  | { kind: 'comment'; content: string }
  | { kind: 'directive'; keyword: string; args: string[] };

export function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = nl > start && text[nl - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? nl - 1 : nl), eol: crlf ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

export function joinLines(lines: readonly PhysicalLine[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The line ending a file mostly uses (by its first line break); `\n` when it has none. */
export function dominantEol(lines: readonly PhysicalLine[]): '\n' | '\r\n' {
  return lines.find((l) => l.eol !== '')?.eol === '\r\n' ? '\r\n' : '\n';
}

export function classifyLine(text: string): LineKind {
  if (text.trim() === '') return { kind: 'blank' };
  let first;
  try {
    first = SSHConfig.parse(text)[0];
  } catch {
    // e.g. an unterminated quote: treat as an opaque directive we never touch.
    return { kind: 'directive', keyword: '', args: [] };
  }
  if (first === undefined || first.type === SSHConfig.EMPTY) return { kind: 'blank' };
  if (first.type === SSHConfig.COMMENT) return { kind: 'comment', content: first.content };
  const args = typeof first.value === 'string' ? [first.value] : first.value.map((v) => v.val);
  return { kind: 'directive', keyword: first.param.toLowerCase(), args };
}

/** `Host` and `Match` start a block that lasts until the next one (or the end of the file). */
export function isBlockStart(kind: LineKind): boolean {
  return kind.kind === 'directive' && (kind.keyword === 'host' || kind.keyword === 'match');
}

/**
 * A config value as ssh_config reads it back: double-quoted when it contains whitespace. Backslashes
 * become `/` (OpenSSH for Windows accepts both and ssh_config treats `\\` as an escape).
 */
export function configValue(value: string): string {
  if (/["\r\n\0]/.test(value)) throw new Error(`Unsupported character in ssh config value: ${JSON.stringify(value)}`);
  const v = value.replace(/\\/g, '/');
  return /[\s#]/.test(v) ? `"${v}"` : v;
}

/** Normalises a path the way `configValue` writes it, for comparisons. */
export function normalizeConfigPath(value: string): string {
  return value.replace(/\\/g, '/');
}
