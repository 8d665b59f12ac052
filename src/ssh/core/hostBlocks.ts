// Our own config file (`~/.ssh/dbc/config`): a header, then one `Host <alias>` block per VM.
// Pure functions over its text. We own this file, so blocks are re-rendered in a canonical layout;
// a block someone added by hand (not a dbc alias) is kept as it is, only its trailing blank lines
// are normalised.
import SSHConfig from 'ssh-config';
import { classifyLine, configValue, isBlockStart, joinLines, splitLines, type PhysicalLine } from './configLines';
import { hostAliasFor, parseHostAlias, type VmRef } from './hostAlias';

/** Before the key is installed the block allows a password login; after, it is key-only. */
export type AuthStage = 'password' | 'key';

export interface VmHostEntry {
  vm: VmRef;
  hostName: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  stage: AuthStage;
}

export interface VmHostBlock {
  alias: string;
  /** The full node id when our marker comment is present, else undefined. */
  nodeId?: string;
  taskId?: string;
  hostName?: string;
  port?: number;
  user?: string;
  identityFile?: string;
  stage: AuthStage;
}

export const CONFIG_HEADER = [
  '# Managed by the DBC extension (dbc-vscode): one Host block per VM.',
  '# Included from ~/.ssh/config. Changes to these blocks are overwritten.',
];
const MARKER = '# dbc-vscode';

export function renderHostBlock(entry: VmHostEntry): string {
  if (!/^[A-Za-z0-9.:_-]+$/.test(entry.hostName)) throw new Error(`Invalid SSH host "${entry.hostName}".`);
  if (!/^[A-Za-z0-9._-]+$/.test(entry.user)) throw new Error(`Invalid SSH user "${entry.user}".`);
  if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) throw new Error(`Invalid SSH port ${entry.port}.`);
  // Only options OpenSSH 7.6+ knows (Windows 10 ships 7.7 / 8.1): an unknown keyword in an included
  // file is a fatal error for every ssh command, not just ours.
  const auth = entry.stage === 'key'
    ? ['PreferredAuthentications publickey', 'PasswordAuthentication no']
    : ['PreferredAuthentications publickey,password,keyboard-interactive', 'PasswordAuthentication yes'];
  return [
    `Host ${hostAliasFor(entry.vm)}`,
    `  ${MARKER} node=${entry.vm.nodeId} task=${entry.vm.taskId}`,
    `  HostName ${entry.hostName}`,
    `  Port ${entry.port}`,
    `  User ${entry.user}`,
    `  IdentityFile ${configValue(entry.identityFile)}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${configValue(entry.knownHostsFile)}`,
    '  StrictHostKeyChecking accept-new',
    ...auth.map((line) => `  ${line}`),
  ].map((l) => `${l}\n`).join('');
}

export function upsertHostBlock(configText: string, entry: VmHostEntry): string {
  const doc = splitDocument(configText);
  const alias = hostAliasFor(entry.vm);
  const block = splitLines(renderHostBlock(entry));
  const at = doc.blocks.findIndex((b) => b.alias === alias);
  if (at >= 0) doc.blocks[at] = { alias, lines: block };
  else doc.blocks.push({ alias, lines: block });
  return serialize(doc);
}

export function removeHostBlock(configText: string, alias: string): string {
  const doc = splitDocument(configText);
  return serialize({ ...doc, blocks: doc.blocks.filter((b) => b.alias !== alias) });
}

export function listHostBlocks(configText: string): VmHostBlock[] {
  const blocks: VmHostBlock[] = [];
  for (const line of SSHConfig.parse(configText)) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host' || typeof line.value !== 'string') continue;
    const parsed = parseHostAlias(line.value);
    if (!parsed || !('config' in line)) continue;
    blocks.push(describeBlock(line.value, parsed.taskId, line.config));
  }
  return blocks;
}

function describeBlock(alias: string, taskId: string, config: SSHConfig): VmHostBlock {
  const values = new Map<string, string>();
  let nodeId: string | undefined;
  for (const l of config) {
    if (l.type === SSHConfig.COMMENT) nodeId ??= /^# dbc-vscode node=([0-9a-fA-F]+) /.exec(l.content)?.[1];
    if (l.type === SSHConfig.DIRECTIVE && typeof l.value === 'string') values.set(l.param.toLowerCase(), l.value);
  }
  const port = values.has('port') ? Number(values.get('port')) : undefined;
  return {
    alias,
    nodeId,
    taskId,
    hostName: values.get('hostname'),
    port,
    user: values.get('user'),
    identityFile: values.get('identityfile'),
    stage: values.get('passwordauthentication')?.toLowerCase() === 'no' ? 'key' : 'password',
  };
}

interface Block {
  /** The single Host pattern of the block, or undefined for Match / multi-pattern blocks. */
  alias: string | undefined;
  lines: PhysicalLine[];
}

interface Document {
  preamble: PhysicalLine[];
  blocks: Block[];
}

function splitDocument(text: string): Document {
  const doc: Document = { preamble: [], blocks: [] };
  for (const line of splitLines(text)) {
    const kind = classifyLine(line.text);
    if (isBlockStart(kind) && kind.kind === 'directive') {
      const alias = kind.keyword === 'host' && kind.args.length === 1 ? kind.args[0] : undefined;
      doc.blocks.push({ alias, lines: [line] });
    } else {
      (doc.blocks.at(-1)?.lines ?? doc.preamble).push(line);
    }
  }
  return doc;
}

function serialize(doc: Document): string {
  const preamble = trimTrailingBlank(doc.preamble);
  const head = preamble.length > 0 ? preamble : CONFIG_HEADER.map((text) => ({ text, eol: '\n' as const }));
  const parts = [head, ...doc.blocks.map((b) => trimTrailingBlank(b.lines))];
  return parts.map((p) => joinLines(terminate(p))).join('\n');
}

function trimTrailingBlank(lines: PhysicalLine[]): PhysicalLine[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].text.trim() === '') end--;
  return lines.slice(0, end);
}

function terminate(lines: PhysicalLine[]): PhysicalLine[] {
  const last = lines.at(-1);
  return last && last.eol === '' ? [...lines.slice(0, -1), { ...last, eol: '\n' }] : lines;
}
