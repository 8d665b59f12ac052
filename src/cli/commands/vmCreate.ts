// `vm create`: flags (or a workspace VM profile) → validated `additional` → one create request.
// A create is never retried: when its outcome is unknown (timeout, reset, unreadable reply) the
// node may still build the VM, so we list the tasks again and report what appeared.
import type { Command } from 'commander';
import { ClientNodeError, GpuNodeError, isOutcomeUnknown, TransportError } from '../../api/errors';
import { RequestError } from '../../api/requestError';
import { CredentialError } from '../../auth/errors';
import type { CreatedTask, TaskSummary } from '../../api/types';
import { normalizeCreateSpec } from '../../core/validation';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { CliFailure, ExitCode } from '../exitCodes';
import { describeFailure } from '../output';
import { existingTasks, readCreateInput } from '../createInput';
import { addSpecFlags, CREATE_FLAGS } from '../specFlags';
import { seconds, waitForTask } from '../wait';
import { rememberCustomPorts } from './vmPorts';

interface CreateOpts {
  profile?: string;
  wait?: boolean;
  waitTimeout?: string;
  [flag: string]: unknown;
}

export function registerVmCreate(vm: Command, rt: Runtime): void {
  const cmd = vm.command('create')
    .description('create a VM; prints its task id (building takes 5–15 minutes on real nodes)')
    .option('--profile <file>', 'take the spec from a workspace VM profile (.dbc/vm.json); flags override it; "auto" ports are planned against the node\'s VMs')
    .option('--wait', 'poll until the VM is running (exit 1 on "create error")')
    .option('--wait-timeout <seconds>', 'give up waiting after this long (exit 4)', '1800');
  addSpecFlags(cmd, CREATE_FLAGS);
  cmd.action(action<CreateOpts>(rt, (ctx, _args, opts) => createVm(ctx, opts)));
  examples(cmd, [
    'dbc vm create --image ubuntu.qcow2 --ssh-port 5684 --vnc-port 5904 --gpus 1 --cpus 8 --mem 16 --disk 100 --custom-port tcp,8080 --wait',
    'dbc vm create --os windows --bios uefi --image win10.qcow2 --rdp-port 5685 --vnc-port 5905 --gpus 1 --cpus 8 --mem 32 --disk 200',
    'dbc vm create --profile .dbc/vm.json --wait',
  ]);
}

async function createVm(ctx: CliContext, opts: CreateOpts): Promise<number | void> {
  const input = await readCreateInput(ctx, opts);
  const waitTimeout = opts.wait ? seconds('--wait-timeout', opts.waitTimeout) : 0;
  const nodeId = ctx.nodeId(input.profileNode);
  const authed = await ctx.authed();
  const before = await ctx.client().listTasks(nodeId, authed);
  const additional = normalizeCreateSpec(input.planned ? input.finish(await existingTasks(ctx, nodeId, before)) : input.spec);
  if (input.planned) ctx.printer.note(`dbc: ports: ${describePorts(additional)}`);
  let created: CreatedTask;
  try {
    // No abort signal: a create cut off by Ctrl+C could still happen; let it answer (or time out).
    created = await ctx.client().createTask(nodeId, additional, { auth: authed.auth });
  } catch (err) {
    if (mayHaveCreated(err)) return reconcile(ctx, nodeId, before, err);
    throw err;
  }
  await rememberCustomPorts(ctx, nodeId, created.task_id, additional['custom_port'] ?? []);
  if (ctx.printer.json) ctx.printer.printJson(created);
  else ctx.printer.line(created.task_id);
  if (!opts.wait) return;
  await waitForTask(ctx, nodeId, created.task_id, { goal: 'running', timeoutSeconds: waitTimeout, route: 'tasks.create' });
}

/**
 * Whether the create may have happened: anything but a refusal before sending (bad input, no credential,
 * no connection) or a clear answer from a node. An unreadable or wrongly shaped reply, a timeout or a reset all may.
 */
function mayHaveCreated(err: unknown): boolean {
  if (err instanceof RequestError || err instanceof CredentialError) return false;
  if (err instanceof GpuNodeError) return false;
  if (err instanceof ClientNodeError) return isOutcomeUnknown(err);
  if (err instanceof TransportError) return !['refused', 'unreachable', 'wrong-protocol'].includes(err.kind);
  return true;
}

function describePorts(spec: Record<string, unknown>): string {
  const parts = (['ssh_port', 'rdp_port', 'vnc_port'] as const).filter((k) => spec[k] !== undefined).map((k) => `${k} ${String(spec[k])}`);
  const custom = Array.isArray(spec['custom_port']) ? (spec['custom_port'] as string[]) : [];
  return [...parts, ...custom.map((c) => `custom_port ${c}`)].join(', ');
}

/** After an unknown outcome: list again and report tasks that were not there before. Exit 4. */
async function reconcile(ctx: CliContext, nodeId: string, before: TaskSummary[], cause: unknown): Promise<number> {
  const why = describeFailure(cause).text;
  ctx.printer.note(`dbc: ${why}`);
  ctx.printer.note('dbc: the create may still have happened on the GPU node; checking the task list (it will not be sent again)');
  const known = new Set(before.map((t) => t.task_id));
  let after: TaskSummary[];
  try {
    after = await ctx.client().listTasks(nodeId, await ctx.authed());
  } catch (err) {
    throw new CliFailure(`tasks.create: outcome unknown and the task list could not be read (${describeFailure(err).text}); check with: dbc vm list — do not create again before you have`, ExitCode.transport);
  }
  const fresh = after.filter((t) => !known.has(t.task_id));
  if (ctx.printer.json) ctx.printer.printJson({ outcome: 'unknown', new_tasks: fresh });
  else for (const t of fresh) ctx.printer.line(t.task_id);
  if (fresh.length === 0) {
    ctx.printer.note('dbc: tasks.create: no new VM is listed yet; it may still appear. Check with: dbc vm list — do not create again before you have');
  } else {
    const ids = fresh.map((t) => `${t.task_id} (${t.status})`).join(', ');
    ctx.printer.note(`dbc: tasks.create: outcome unknown, but ${fresh.length === 1 ? 'a new VM appeared' : 'new VMs appeared'}: ${ids}. Check with: dbc vm info ${fresh[0]!.task_id} — do not create again`);
  }
  return ExitCode.transport;
}
