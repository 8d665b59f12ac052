// Where our Host blocks are in an ssh config text that may also be the user's own file (`--file`,
// `dbc.ssh.configFile`). Each block we write is fenced:
//
//   # >>> dbc-vscode host dbc-5ba8c1c0-a1 >>>
//   Host dbc-5ba8c1c0-a1
//     ...
//   # <<< dbc-vscode host dbc-5ba8c1c0-a1 <<<
//
// Everything outside the fences belongs to the user and is never rewritten. Earlier versions wrote
// unfenced blocks (`Host dbc-…` + a `# dbc-vscode node=… task=…` comment, only our own directives): such a
// block is recognised as ours and fenced on its next update. A `Host` line naming one of our aliases that
// is neither is the user's: we refuse to touch it and name its line.
import { classifyLine, isBlockStart, type LineKind, type PhysicalLine } from './configLines';
import { isDbcHostAlias } from './hostAlias';
import { SshConfigConflict } from './sshConfigConflict';

export { SshConfigConflict };

export const MARKER = '# dbc-vscode';
const START = /^\s*# >>> dbc-vscode host (\S+) >>>\s*$/;
const END = fenceEnd;
const LEGACY_MARKER = /^# dbc-vscode node=[0-9a-fA-F]+ task=\S+$/;
/** The directives our renderer writes; a legacy block with anything else is not ours. */
const OUR_KEYWORDS = new Set([
  'hostname', 'port', 'user', 'identityfile', 'identitiesonly', 'userknownhostsfile', 'stricthostkeychecking',
  'preferredauthentications', 'passwordauthentication',
]);

export function fenceStart(alias: string): string {
  return `# >>> dbc-vscode host ${alias} >>>`;
}

export function fenceEnd(alias: string): string {
  return `# <<< dbc-vscode host ${alias} <<<`;
}

/** A run of lines `[start, end)` that holds one of our blocks. */
export interface Region {
  alias: string;
  start: number;
  end: number;
  fenced: boolean;
}

export interface ScannedConfig {
  lines: PhysicalLine[];
  kinds: LineKind[];
  regions: Region[];
  /** Every `Host` pattern outside our regions → the 1-based line of its first `Host` line. */
  foreignHosts: Map<string, number>;
}

export function scanConfig(lines: PhysicalLine[]): ScannedConfig {
  const kinds = lines.map((l) => classifyLine(l.text));
  const regions: Region[] = [];
  const foreignHosts = new Map<string, number>();
  for (let i = 0; i < lines.length;) {
    const region = fencedAt(lines, i) ?? legacyAt(lines, kinds, i);
    if (region) {
      regions.push(region);
      i = region.end;
      continue;
    }
    const kind = kinds[i]!;
    if (kind.kind === 'directive' && kind.keyword === 'host') {
      for (const pattern of kind.args) if (!foreignHosts.has(pattern)) foreignHosts.set(pattern, i + 1);
    }
    i++;
  }
  return { lines, kinds, regions, foreignHosts };
}

function fencedAt(lines: PhysicalLine[], i: number): Region | undefined {
  const alias = START.exec(lines[i]!.text)?.[1];
  if (alias === undefined) return undefined;
  const end = lines.findIndex((l, j) => j > i && l.text.trim() === END(alias));
  if (end < 0) throw new SshConfigConflict(i + 1, alias, 'unterminated');
  return { alias, start: i, end: end + 1, fenced: true };
}

/** An unfenced block an earlier version wrote: our alias, our marker, only our directives. */
function legacyAt(lines: PhysicalLine[], kinds: LineKind[], i: number): Region | undefined {
  const kind = kinds[i]!;
  if (kind.kind !== 'directive' || kind.keyword !== 'host' || kind.args.length !== 1 || !isDbcHostAlias(kind.args[0]!)) return undefined;
  let end = i + 1;
  let marked = false;
  for (; end < lines.length; end++) {
    const k = kinds[end]!;
    if (isBlockStart(k) || START.test(lines[end]!.text)) break;
    if (k.kind === 'comment') {
      if (!LEGACY_MARKER.test(k.content.trim())) return undefined;
      marked = true;
    } else if (k.kind === 'directive' && !OUR_KEYWORDS.has(k.keyword)) {
      return undefined;
    }
  }
  while (end > i + 1 && kinds[end - 1]!.kind === 'blank') end--;
  return marked ? { alias: kind.args[0]!, start: i, end, fenced: false } : undefined;
}
