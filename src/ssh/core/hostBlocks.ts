// Our `Host <alias>` blocks in an ssh config text: pure functions over the text. Each block sits in its
// own fence (hostFence.ts) and only the lines inside a fence are ever rewritten: every other byte of the
// file (line endings, blank lines, comments, order, a missing final newline) stays as it was. A new block
// goes at the end of the file, so it never captures lines that belonged to a block above it.
import { configValue, dominantEol, joinLines, splitLines, type PhysicalLine } from './configLines';
import { fenceEnd, fenceStart, MARKER, scanConfig, SshConfigConflict, type Region } from './hostFence';
import { chooseAlias, type AliasChoice, type AliasNaming, type ExistingAlias } from './aliasChoice';
import { type VmRef } from './hostAlias';
import { blockIsFor, describeRegion, type AuthStage, type VmHostBlock } from './hostBlockList';

export { SshConfigConflict } from './hostFence';
export { blockIsFor, foreignHostNames, listHostBlocks, type AuthStage, type VmHostBlock } from './hostBlockList';

export interface VmHostEntry {
  vm: VmRef;
  /** The Host alias; default: the VM's alias in the file, else a new readable one (aliasChoice.ts). */
  alias?: string;
  /** What a readable alias is made of: the VM's and the node's names, the user's other VM names. */
  naming?: AliasNaming;
  hostName: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  stage: AuthStage;
}

const ALIAS = /^[A-Za-z0-9._-]+$/;

/** The alias `entry` gets in a text that holds `existing` blocks and the user's `foreign` Host names. */
function choiceFor(entry: VmHostEntry, existing: readonly ExistingAlias[] = [], foreign: Iterable<string> = []): AliasChoice {
  const choice = entry.alias !== undefined ? { alias: entry.alias } : chooseAlias(entry.vm, entry.naming ?? {}, existing, foreign);
  for (const name of [choice.alias, choice.keep ?? choice.alias]) {
    if (!ALIAS.test(name)) throw new Error(`Invalid SSH host alias "${name}": only letters, digits, ".", "_" and "-" are allowed.`);
  }
  return choice;
}

/** The block's lines inside its fence, without line endings. */
function blockLines(entry: VmHostEntry, { alias, keep }: AliasChoice): string[] {
  if (!/^[A-Za-z0-9.:_-]+$/.test(entry.hostName)) throw new Error(`Invalid SSH host "${entry.hostName}".`);
  if (!/^[A-Za-z0-9._-]+$/.test(entry.user)) throw new Error(`Invalid SSH user "${entry.user}".`);
  if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) throw new Error(`Invalid SSH port ${entry.port}.`);
  if (!/^[0-9a-fA-F]+$/.test(entry.vm.nodeId) || !ALIAS.test(entry.vm.taskId)) throw new Error(`Invalid VM "${entry.vm.nodeId}/${entry.vm.taskId}".`);
  // Only options OpenSSH 7.6+ knows (Windows 10 ships 7.7 / 8.1): an unknown keyword in an included
  // file is a fatal error for every ssh command, not just ours.
  const auth = entry.stage === 'key'
    ? ['PreferredAuthentications publickey', 'PasswordAuthentication no']
    : ['PreferredAuthentications publickey,password,keyboard-interactive', 'PasswordAuthentication yes'];
  return [
    fenceStart(alias),
    `Host ${alias}${keep ? ` ${keep}` : ''}`,
    `  ${MARKER} node=${entry.vm.nodeId} task=${entry.vm.taskId}`,
    `  HostName ${entry.hostName}`,
    `  Port ${entry.port}`,
    `  User ${entry.user}`,
    `  IdentityFile ${configValue(entry.identityFile)}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${configValue(entry.knownHostsFile)}`,
    '  StrictHostKeyChecking accept-new',
    ...auth.map((line) => `  ${line}`),
    fenceEnd(alias),
  ];
}

/** The fenced block as it is written into a file with `\n` line endings (into a file without other blocks). */
export function renderHostBlock(entry: VmHostEntry): string {
  return blockLines(entry, choiceFor(entry)).map((l) => `${l}\n`).join('');
}

/**
 * Adds the entry's block at the end, or replaces our block of the same alias in place. Throws
 * SshConfigConflict when a block of that alias that we did not write is in the text.
 */
export function upsertHostBlock(configText: string, entry: VmHostEntry): string {
  return upsertHostBlockAs(configText, entry).text;
}

/**
 * upsertHostBlock, also telling the alias the block got (chosen here unless `entry.alias` is given). A new
 * alias avoids the user's Host names in this text and `userHosts` (those of `~/.ssh/config`).
 */
export function upsertHostBlockAs(configText: string, entry: VmHostEntry, userHosts: Iterable<string> = []): { text: string; alias: string } {
  const scan = scanConfig(splitLines(configText));
  const blocks = scan.regions.map((r) => describeRegion(r, joinLines(scan.lines.slice(r.start, r.end))));
  const choice = choiceFor(entry, blocks.map(existingAlias), [...scan.foreignHosts.keys(), ...userHosts]);
  const { alias } = choice;
  const rendered = blockLines(entry, choice);
  const foreign = scan.foreignHosts.get(alias);
  if (foreign !== undefined) throw new SshConfigConflict(foreign, alias, 'foreign');
  const eol = dominantEol(scan.lines);
  // its block of the same alias, and any earlier block of the same VM (a migrated alias)
  const mine = scan.regions.filter((r, i) => r.alias === alias || blockIsFor(blocks[i]!, entry.vm));
  if (mine.length === 0) return { text: appendBlock(scan.lines, rendered, eol), alias };
  const first = mine[0]!;
  const out = spliceRegions(scan.lines, mine.slice(1));
  const lastEol = out[first.end - 1]!.eol;
  const replacement = rendered.map((text, i): PhysicalLine => ({ text, eol: i === rendered.length - 1 ? lastEol : eol }));
  return { text: joinLines([...out.slice(0, first.start), ...replacement, ...out.slice(first.end)]), alias };
}

function existingAlias(block: VmHostBlock): ExistingAlias {
  const vm = block.nodeId !== undefined && block.taskId !== undefined ? { nodeId: block.nodeId, taskId: block.taskId } : undefined;
  return { alias: block.alias, names: block.names, ...(vm ? { vm } : {}) };
}

/** Removes our block(s) of `alias`; the same text if there is none. A foreign block of that alias stays. */
export function removeHostBlock(configText: string, alias: string): string {
  const scan = scanConfig(splitLines(configText));
  const mine = scan.regions.filter((r) => r.alias === alias);
  return mine.length === 0 ? configText : joinLines(spliceRegions(scan.lines, mine));
}

/**
 * A new block at the end. When the text has no final line break the block starts with one and ends
 * without one, so that removing it (spliceRegions) gives back the very same bytes.
 */
function appendBlock(lines: PhysicalLine[], rendered: string[], eol: '\n' | '\r\n'): string {
  const last = lines.at(-1);
  const unterminated = last !== undefined && last.eol === '';
  const head = unterminated ? [...lines.slice(0, -1), { ...last, eol }] : lines;
  const block = rendered.map((text, i): PhysicalLine => ({ text, eol: unterminated && i === rendered.length - 1 ? '' : eol }));
  return joinLines([...head, ...block]);
}

/** Drops the regions' lines; a region that ends the file without a line break takes the break before it. */
function spliceRegions(lines: PhysicalLine[], regions: Region[]): PhysicalLine[] {
  const drop = new Set(regions.flatMap((r) => range(r.start, r.end)));
  const out = lines.filter((_, i) => !drop.has(i));
  const unterminatedEnd = lines.at(-1)?.eol === '' && drop.has(lines.length - 1);
  const tail = out.at(-1);
  if (unterminatedEnd && tail) out[out.length - 1] = { ...tail, eol: '' };
  return out;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
