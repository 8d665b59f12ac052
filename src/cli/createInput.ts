// What `vm create` sends: the flags alone, or a workspace VM profile (.dbc/vm.json) with the flags
// laid over it. A profile (or a flag set to "auto") may leave ports to the port planner, which needs
// the ports of the node's tasks: everything that can be checked without them is checked first, so a
// bad spec never causes a request; the planner and the conflict check run after the read-only lookups.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CreateTaskSpec, TaskSummary } from '../api/types';
import { formatTemplate } from '../core/messages';
import type { ExistingTask } from '../core/portPlanner';
import { parseProfile, PROFILE_TO_WIRE, type ProfileIssue, type VmProfile } from '../core/profile';
import { profileToCreateSpec } from '../core/profileSpec';
import type { JsonPosition } from '../core/jsonPositions';
import type { CliContext } from './context';
import { CliFailure, ExitCode, UsageError } from './exitCodes';
import { CREATE_FLAGS, flagNameOf, specFromFlags } from './specFlags';
import { checkCreate } from './validate';

type Wire = (typeof PROFILE_TO_WIRE)[keyof typeof PROFILE_TO_WIRE];
const PORT_KEYS = new Set(['sshPort', 'rdpPort', 'vncPort']);
const NUMBER_KEYS = new Set(['gpus', 'cpus', 'memoryGb', 'diskGb']);

export interface CreateInput {
  /** The node the profile names (used when --node is not given). */
  profileNode?: string;
  /** Whether ports must be planned against the node's tasks before the spec is final. */
  planned: boolean;
  /** Final spec (flags only), or the spec with ports planned against no tasks (profile / auto). */
  spec: Record<string, unknown>;
  finish(tasks: ExistingTask[]): Record<string, unknown>;
}

/** Reads and checks the input; throws a CliFailure (exit 2) listing every problem. Sends nothing. */
export async function readCreateInput(ctx: CliContext, opts: Record<string, unknown>): Promise<CreateInput> {
  const flags = specFromFlags(opts, CREATE_FLAGS);
  const file = typeof opts['profile'] === 'string' ? opts['profile'] : undefined;
  const auto = Object.values(flags).includes('auto');
  if (!file && !auto) {
    checkCreate(flags, (f) => flagNameOf(f, CREATE_FLAGS));
    return { planned: false, spec: flags, finish: () => flags };
  }
  const base = file ? await readProfile(ctx, file) : { profile: {} as VmProfile, positions: new Map<string, JsonPosition>() };
  const { profile, overridden, extras } = overlay(base.profile, flags);
  const namer = profileNamer(file, base.positions, overridden);
  const convert = (tasks: ExistingTask[]): Record<string, unknown> => {
    const result = profileToCreateSpec(profile, tasks);
    if (result.issues.length > 0) fail(result.issues, namer);
    const spec = { ...(result.spec as CreateTaskSpec), ...extras };
    checkCreate(spec, (f) => flagNameOf(f, CREATE_FLAGS));
    return spec;
  };
  return { profileNode: profile.node, planned: true, spec: convert([]), finish: convert };
}

/** The host ports of the node's tasks (one info request per task), for the planner. */
export async function existingTasks(ctx: CliContext, nodeId: string, tasks: TaskSummary[]): Promise<ExistingTask[]> {
  const out: ExistingTask[] = [];
  for (const t of tasks) {
    const info = await ctx.client().taskInfo(nodeId, t.task_id, await ctx.authed());
    out.push({ task_id: t.task_id, ssh_port: info.ssh_port, rdp_port: info.rdp_port, vnc_port: info.vnc_port });
  }
  return out;
}

async function readProfile(ctx: CliContext, file: string): Promise<{ profile: VmProfile; positions: Map<string, JsonPosition> }> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the VM profile ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const parsed = parseProfile(text);
  if (!parsed.profile) fail(parsed.issues, profileNamer(file, parsed.positions, new Set()));
  return { profile: parsed.profile!, positions: parsed.positions };
}

/** Flags win over profile fields; flags without a profile field (e.g. --task-id) are kept aside. */
function overlay(profile: VmProfile, flags: Record<string, unknown>): { profile: VmProfile; overridden: Set<string>; extras: Record<string, unknown> } {
  const byWire = new Map<string, string>(Object.entries(PROFILE_TO_WIRE).map(([p, w]) => [w as Wire, p]));
  const merged: Record<string, unknown> = { ...profile };
  const overridden = new Set<string>();
  const extras: Record<string, unknown> = {};
  for (const [wire, value] of Object.entries(flags)) {
    const key = byWire.get(wire);
    if (!key) {
      extras[wire] = value;
      continue;
    }
    merged[key] = typedValue(key, value);
    overridden.add(key);
  }
  return { profile: merged as unknown as VmProfile, overridden, extras };
}

/** Profile fields are typed: counts are numbers, ports numbers or "auto". Text that is not a number stays text, so the rules report it. */
function typedValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !(NUMBER_KEYS.has(key) || PORT_KEYS.has(key))) return value;
  if (PORT_KEYS.has(key) && value === 'auto') return value;
  return /^\d+$/.test(value) ? Number(value) : value;
}

type Namer = (issue: ProfileIssue) => string;

/** `--ssh-port` for a field given as a flag, else `FILE:line:col: sshPort`. */
function profileNamer(file: string | undefined, positions: Map<string, JsonPosition>, overridden: Set<string>): Namer {
  return (issue) => {
    const key = /^[A-Za-z$]+/.exec(issue.field)?.[0] ?? '';
    const wire = (PROFILE_TO_WIRE as Record<string, string>)[key];
    const field = overridden.has(key) && wire ? flagNameOf(issue.field.replace(key, wire), CREATE_FLAGS) : issue.field;
    const args = issue.args.map((a, i) => (i === 0 && a === issue.field ? field : a));
    const text = formatTemplate(issue.template, args);
    const pos = issue.position ?? positions.get(issue.field);
    return file && !overridden.has(key) && pos ? `${file}:${pos.line}:${pos.column}: ${text}` : text;
  };
}

function fail(issues: readonly ProfileIssue[], name: Namer): never {
  throw new CliFailure(`vm create: nothing was sent, because:\n${issues.map((i) => `  ${name(i)}`).join('\n')}`, ExitCode.usage);
}
