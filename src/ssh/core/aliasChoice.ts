// Which ssh Host alias a VM gets: one a person can read and type.
//
// 1. A VM that already has a block keeps its alias, so `ssh <alias>` and Remote-SSH's recent list go on
//    working. An alias of the earlier reversible form (`dbc-<node8>-<escaped task id>`, hostAlias.ts) is
//    migrated: the block gets a readable alias first and keeps the old one as a second name on its
//    `Host` line, which ssh and Remote-SSH match just the same.
// 2. Otherwise the first of these that no other block uses (ours for another VM, or the user's own):
//    `dbc-<VM name>` when the VM has a name no other VM of the user has; then
//    `dbc-<node name>-<first 8 of the task id>` (node name: its name, else the first 8 of its id), then the
//    same with 12 and 16 characters of the task id; last the reversible form, which no other VM can have.
// If all of them are taken (only task ids that are prefixes of each other can do that), the first gets
// `-2`, `-3`, …. Everything is lower-case: VS Code lower-cases remote authorities (`ssh-remote+<alias>`)
// and OpenSSH matches `Host` names case-sensitively, so only a lower-case alias works in both. A user's
// name that differs only in case is avoided all the same (two such names are easy to mix up).
// Names keep letters, digits, `.`, `_` and `-`; a name with none of them (e.g. all Chinese) is not used.
import { hostAliasFor, type VmRef } from './hostAlias';

export interface AliasNaming {
  /** The VM's name (its description), if it has one. */
  vmName?: string;
  /** The GPU node's own name, if it has one (not a shortened id). */
  nodeName?: string;
  /** The names of the user's other VMs, to tell whether `vmName` is unique. */
  otherVmNames?: readonly string[];
}

/** A block already in the file: its alias, every name on its `Host` line, and (from its marker) its VM. */
export interface ExistingAlias {
  alias: string;
  names?: readonly string[];
  vm?: VmRef;
}

export interface AliasChoice {
  alias: string;
  /** The earlier alias the block keeps as a second name (a migrated block). */
  keep?: string;
}

const PREFIX = 'dbc-';
const MAX_NAME = 40;
const TASK_LENGTHS = [8, 12, 16];

/** `text` as an alias part: lower-case, runs of anything but letters, digits, `.`, `_` and `-` made one `-`. */
export function aliasSlug(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return slug.slice(0, MAX_NAME).replace(/[-._]+$/, '');
}

/** The aliases `vm` may get, best first; the last one (the reversible form) is unique to the VM. */
export function aliasCandidates(vm: VmRef, naming: AliasNaming = {}): string[] {
  const out: string[] = [];
  const name = aliasSlug(naming.vmName ?? '');
  const nameShared = (naming.otherVmNames ?? []).some((other) => aliasSlug(other) === name);
  if (name && !nameShared) out.push(`${PREFIX}${name}`);
  const node = aliasSlug(naming.nodeName ?? '') || vm.nodeId.slice(0, 8).toLowerCase();
  const task = vm.taskId.toLowerCase();
  for (const n of TASK_LENGTHS) {
    const alias = `${PREFIX}${node}-${aliasSlug(task.slice(0, n))}`;
    if (!out.includes(alias)) out.push(alias);
    if (n >= task.length) break;
  }
  out.push(hostAliasFor(vm));
  return out;
}

function sameVm(a: VmRef | undefined, b: VmRef): boolean {
  return a !== undefined && a.taskId === b.taskId && a.nodeId.toLowerCase() === b.nodeId.toLowerCase();
}

/**
 * The alias to write for `vm` into a file that has the blocks `existing` (ours, with their VMs), given the
 * `Host` names `foreign` that are the user's (in that file or in `~/.ssh/config`; compared ignoring case).
 */
export function chooseAlias(vm: VmRef, naming: AliasNaming, existing: readonly ExistingAlias[], foreign: Iterable<string>): AliasChoice {
  const legacy = hostAliasFor(vm);
  const own = existing.find((e) => sameVm(e.vm, vm) || (e.vm === undefined && e.alias === legacy));
  const keptLegacy = own && own.alias !== legacy && (own.names ?? []).includes(legacy) ? { keep: legacy } : {};
  if (own && own.alias !== legacy) return { alias: own.alias, ...keptLegacy };
  const taken = new Set([...foreign, ...existing.filter((e) => e !== own).flatMap((e) => [e.alias, ...(e.names ?? [])])].map((n) => n.toLowerCase()));
  const candidates = aliasCandidates(vm, naming);
  const alias = candidates.find((a) => !taken.has(a)) ?? numbered(candidates[0]!, taken);
  return own && alias !== legacy ? { alias, keep: legacy } : { alias };
}

/** `<alias>-2`, `-3`, …: only when every candidate is taken (task ids that are prefixes of each other). */
function numbered(alias: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) if (!taken.has(`${alias}-${n}`)) return `${alias}-${n}`;
}
