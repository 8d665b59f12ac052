// Reading our `Host <alias>` blocks out of an ssh config text (hostBlocks.ts writes them). Kept apart from
// the writer so that what runs at activation (the GPU monitor's key look-up) does not load the alias choice.
import SSHConfig from 'ssh-config';
import { joinLines, splitLines } from './configLines';
import { scanConfig, type Region } from './hostFence';
import { aliasMatchesVm, parseHostAlias, type VmRef } from './hostAlias';

/** Before the key is installed the block allows a password login; after, it is key-only. */
export type AuthStage = 'password' | 'key';

export interface VmHostBlock {
  alias: string;
  /** Every name on the block's `Host` line: the alias, then an earlier alias it keeps (a migrated block). */
  names?: string[];
  /** The full node id when our marker comment is present, else undefined. */
  nodeId?: string;
  taskId?: string;
  hostName?: string;
  port?: number;
  user?: string;
  identityFile?: string;
  stage: AuthStage;
}

/** Whether our block is the one of `vm`: by its marker, or (a block without one) by its reversible alias. */
export function blockIsFor(block: VmHostBlock, vm: VmRef): boolean {
  if (block.nodeId !== undefined) return block.taskId === vm.taskId && block.nodeId.toLowerCase() === vm.nodeId.toLowerCase();
  return aliasMatchesVm(block.alias, vm);
}

/** Every name on a `Host` line outside our blocks (the user's own); none when the text cannot be read as a config. */
export function foreignHostNames(configText: string): string[] {
  try {
    return [...scanConfig(splitLines(configText)).foreignHosts.keys()];
  } catch {
    return []; // an unterminated fence of ours: the write into our own file reports it, not this look-up
  }
}

/** Our blocks (fenced, or unfenced from an earlier version), in file order. */
export function listHostBlocks(configText: string): VmHostBlock[] {
  const scan = scanConfig(splitLines(configText));
  return scan.regions.map((r) => describeRegion(r, joinLines(scan.lines.slice(r.start, r.end))));
}

/** The names of a `Host` line as ssh-config gives them: a string, or `{ val }` tokens for several. */
function hostNames(value: unknown): string[] {
  const tokens = Array.isArray(value) ? value : [value];
  return tokens.map((t) => (typeof t === 'object' && t !== null && 'val' in t ? String((t as { val: unknown }).val) : String(t)));
}

export function describeRegion(region: Region, text: string): VmHostBlock {
  const values = new Map<string, string>();
  let nodeId: string | undefined;
  let taskId: string | undefined;
  let names: string[] = [region.alias];
  for (const host of SSHConfig.parse(text)) {
    if (host.type !== SSHConfig.DIRECTIVE || !('config' in host)) continue;
    if (host.param.toLowerCase() === 'host') names = hostNames(host.value);
    for (const l of host.config) {
      if (l.type === SSHConfig.COMMENT) {
        const m = /^# dbc-vscode node=([0-9a-fA-F]+) task=(\S+)/.exec(l.content);
        if (m && nodeId === undefined) [nodeId, taskId] = [m[1], m[2]];
      }
      if (l.type === SSHConfig.DIRECTIVE && typeof l.value === 'string') values.set(l.param.toLowerCase(), l.value);
    }
  }
  const port = values.has('port') ? Number(values.get('port')) : undefined;
  return {
    alias: region.alias,
    names,
    nodeId,
    taskId: taskId ?? parseHostAlias(region.alias)?.taskId,
    hostName: values.get('hostname'),
    port,
    user: values.get('user'),
    identityFile: values.get('identityfile'),
    stage: values.get('passwordauthentication')?.toLowerCase() === 'no' ? 'key' : 'password',
  };
}
