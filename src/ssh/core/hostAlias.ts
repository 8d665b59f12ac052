// The reversible ssh Host alias of a VM: `dbc-<node8>-<task>`. Earlier versions gave every VM this one;
// now it is the last resort of aliasChoice.ts (which prefers readable aliases), and old blocks carry it.
//
// * `<node8>` is the first 8 hex digits of the GPU node id, lower-cased.
// * `<task>` is the task id with every capital letter `X` written as `_x` and every `_` as `__`.
//
// Why the escape: VS Code lower-cases remote authorities (`ssh-remote+<alias>`) and DBC task ids are
// case-sensitive Base58, so plain lower-casing could merge two tasks. The escaped form is all
// lower-case, reversible, and a valid ssh Host token (no whitespace, `*`, `?`, `!`, `,` or quotes).
// Task ids may use letters, digits, `_`, `-` and `.` (the API's path-segment rule).
export interface VmRef {
  nodeId: string;
  taskId: string;
}

export interface ParsedHostAlias {
  /** The first 8 hex digits of the node id, lower-case. */
  nodePrefix: string;
  taskId: string;
}

const PREFIX = 'dbc-';
const NODE_PREFIX_LEN = 8;
const TASK_ID = /^[A-Za-z0-9_.-]+$/;
const ALIAS = /^dbc-([0-9a-f]{8})-([a-z0-9_.-]+)$/;

export function hostAliasFor(vm: VmRef): string {
  if (!/^[0-9a-fA-F]{8,}$/.test(vm.nodeId)) throw new Error(`Invalid node id "${vm.nodeId}": expected hex digits.`);
  if (!TASK_ID.test(vm.taskId)) throw new Error(`Invalid task id "${vm.taskId}": only letters, digits, "_", "-" and "." are allowed.`);
  return `${PREFIX}${vm.nodeId.slice(0, NODE_PREFIX_LEN).toLowerCase()}-${escapeTaskId(vm.taskId)}`;
}

export function parseHostAlias(alias: string): ParsedHostAlias | undefined {
  const m = ALIAS.exec(alias);
  if (!m) return undefined;
  const taskId = unescapeTaskId(m[2]);
  return taskId === undefined ? undefined : { nodePrefix: m[1], taskId };
}

export function isDbcHostAlias(alias: string): boolean {
  return parseHostAlias(alias) !== undefined;
}

/** Whether `alias` names this VM (same node prefix and task id). */
export function aliasMatchesVm(alias: string, vm: VmRef): boolean {
  const parsed = parseHostAlias(alias);
  return parsed !== undefined && parsed.taskId === vm.taskId && vm.nodeId.toLowerCase().startsWith(parsed.nodePrefix);
}

function escapeTaskId(taskId: string): string {
  return taskId.replace(/[A-Z_]/g, (c) => (c === '_' ? '__' : `_${c.toLowerCase()}`));
}

function unescapeTaskId(escaped: string): string | undefined {
  let out = '';
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i];
    if (c !== '_') {
      out += c;
      continue;
    }
    const next = escaped[++i];
    if (next === '_') out += '_';
    else if (next !== undefined && next >= 'a' && next <= 'z') out += next.toUpperCase();
    else return undefined;
  }
  return out;
}
