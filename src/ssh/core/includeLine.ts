// The one fenced Include line we add to the user's `~/.ssh/config`:
//
//   # >>> dbc-vscode >>>
//   Include /home/me/.ssh/dbc/config
//   # <<< dbc-vscode <<<
//
// It goes at the very top. ssh_config has no "end of block": every line after a `Host` or `Match`
// line belongs to that block, and an `Include` there is only read when that block matches (so after
// `Host github.com` our VMs would be invisible). Above the first block it applies to every host, and
// since OpenSSH keeps the first value it sees, our per-VM settings win only for our own aliases.
// Everything else in the file is kept byte for byte (line endings, missing final newline, BOM).
import {
  classifyLine,
  configValue,
  dominantEol,
  isBlockStart,
  joinLines,
  normalizeConfigPath,
  splitLines,
  type LineKind,
  type PhysicalLine,
} from './configLines';

export const FENCE_START = '# >>> dbc-vscode >>>';
export const FENCE_END = '# <<< dbc-vscode <<<';
const BOM = '\uFEFF';
/** The same mark in the latin1 text of a file's bytes (how sshConfig.ts edits files). */
const BOM_BYTES = '\u00EF\u00BB\u00BF';

interface Classified extends PhysicalLine {
  kind: LineKind;
}

/** Returns the config text with our fenced Include at the top; the same string if already so. */
export function ensureInclude(userConfigText: string, includePath: string): string {
  const { bom, body } = splitBom(userConfigText);
  const lines = classifyAll(body);
  if (hasCorrectFence(lines, includePath)) return userConfigText;
  const kept = withoutFence(lines);
  const eol = dominantEol(lines);
  const fence = [FENCE_START, `Include ${configValue(includePath)}`, FENCE_END].map((text) => ({ text, eol }));
  return bom + joinLines([...fence, ...kept]);
}

/** Removes our fenced Include (wherever it is); the same string if there is none. */
export function removeInclude(userConfigText: string): string {
  const { bom, body } = splitBom(userConfigText);
  const lines = classifyAll(body);
  const kept = withoutFence(lines);
  return kept.length === lines.length ? userConfigText : bom + joinLines(kept);
}

/** Whether the text already carries our fence with this path above every Host/Match line. */
export function hasInclude(userConfigText: string, includePath: string): boolean {
  return hasCorrectFence(classifyAll(splitBom(userConfigText).body), includePath);
}

function splitBom(text: string): { bom: string; body: string } {
  const bom = [BOM, BOM_BYTES].find((b) => text.startsWith(b)) ?? '';
  return { bom, body: text.slice(bom.length) };
}

function classifyAll(text: string): Classified[] {
  return splitLines(text).map((l) => ({ ...l, kind: classifyLine(l.text) }));
}

function isMarker(line: Classified, marker: string): boolean {
  return line.kind.kind === 'comment' && line.kind.content.trim() === marker;
}

function hasCorrectFence(lines: Classified[], includePath: string): boolean {
  const starts = indexesOf(lines, (l) => isMarker(l, FENCE_START));
  const ends = indexesOf(lines, (l) => isMarker(l, FENCE_END));
  if (starts.length !== 1 || ends.length !== 1 || ends[0] < starts[0]) return false;
  const firstBlock = lines.findIndex((l) => isBlockStart(l.kind));
  if (firstBlock >= 0 && firstBlock < ends[0]) return false;
  const inner = lines.slice(starts[0] + 1, ends[0]).filter((l) => l.kind.kind === 'directive');
  if (inner.length !== 1 || inner[0].kind.kind !== 'directive') return false;
  const { keyword, args } = inner[0].kind;
  return keyword === 'include' && args.length === 1 && normalizeConfigPath(args[0]) === normalizeConfigPath(includePath);
}

/**
 * Drops our marker lines and, between a start marker and the next end marker, our Include and
 * comment lines. Anything else a user typed inside the fence stays; an unpaired marker goes alone.
 */
function withoutFence(lines: Classified[]): Classified[] {
  const kept: Classified[] = [];
  let inside = false;
  lines.forEach((line, i) => {
    if (isMarker(line, FENCE_START)) {
      inside = lines.slice(i + 1).some((l) => isMarker(l, FENCE_END));
    } else if (isMarker(line, FENCE_END)) {
      inside = false;
    } else if (!(inside && isOurs(line.kind))) {
      kept.push(line);
    }
  });
  return kept;
}

function isOurs(kind: LineKind): boolean {
  return kind.kind === 'comment' || (kind.kind === 'directive' && kind.keyword === 'include');
}

function indexesOf<T>(items: T[], pred: (item: T) => boolean): number[] {
  return items.flatMap((item, i) => (pred(item) ? [i] : []));
}
