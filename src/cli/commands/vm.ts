// VMs (tasks) on one GPU node: list, info, the power actions, delete and passwd. Create and modify
// live in vmCreate.ts, logs in vmLogs.ts.
import type { Command } from 'commander';
import type { DbcClient } from '../../api/client';
import type { TaskInfo } from '../../api/types';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { UsageError } from '../exitCodes';
import { seconds, waitForTask, type WaitGoal } from '../wait';
import { registerVmCreate } from './vmCreate';
import { registerVmDisk } from './vmDisk';
import { registerVmGpu } from './vmGpu';
import { registerVmPorts } from './vmPorts';
import { registerVmModify } from './vmModify';
import { registerVmLogs } from './vmLogs';

interface WaitOpts {
  wait?: boolean;
  waitTimeout?: string;
}

type Verb = 'start' | 'stop' | 'shutdown' | 'poweroff' | 'restart' | 'reset' | 'delete';

const ACTIONS: { verb: Verb; goal: WaitGoal; text: string }[] = [
  { verb: 'start', goal: 'running', text: 'start (or wake) a stopped or sleeping VM' },
  { verb: 'stop', goal: 'closed', text: 'power the VM off (hard power-off, same as poweroff)' },
  { verb: 'shutdown', goal: 'closed', text: 'shut the VM down (current nodes also destroy the domain)' },
  { verb: 'poweroff', goal: 'closed', text: 'hard power-off' },
  { verb: 'restart', goal: 'running', text: 'reboot the VM (--force: destroy, then start)' },
  { verb: 'reset', goal: 'running', text: 'hardware reset of a running VM' },
  { verb: 'delete', goal: 'gone', text: 'delete the VM and its disks (cannot be undone)' },
];

const SECRET_FIELDS = ['login_password', 'vnc_password'];

export function registerVmCommands(program: Command, rt: Runtime): void {
  const vm = examples(program.command('vm').description('VMs (tasks) on the GPU node given by --node or DBC_NODE'),
    ['dbc vm list', 'dbc vm create --image ubuntu.qcow2 --ssh-port 5684 --vnc-port 5904 --gpus 1 --cpus 8 --mem 16 --disk 100 --wait', 'dbc vm stop Gz3SL4zw1wKGNxKCkCS5eZ --wait']);

  examples(vm.command('list')
    .description('list your VMs on the node')
    .action(action(rt, async (ctx) => {
      const tasks = await ctx.client().listTasks(ctx.nodeId(), await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(tasks);
      ctx.printer.table(tasks, [
        { header: 'TASK_ID', value: (t) => t.task_id },
        { header: 'STATUS', value: (t) => t.status },
        { header: 'CREATED', value: (t) => t.create_time ?? '' },
        { header: 'DESC', value: (t) => t.desc ?? '' },
      ], '(no VMs)');
    })), ['DBC_SEED=… dbc vm list --node $NODE', 'dbc vm list --json | jq -r \'.[].task_id\'']);

  examples(vm.command('info')
    .description('show one VM: login, ports, resources, status (passwords hidden unless --show-password)')
    .argument('<task>', 'the task id')
    .option('--show-password', 'print login_password and vnc_password')
    .action(action<{ showPassword?: boolean }>(rt, async (ctx, [task], opts) => {
      const info = await ctx.client().taskInfo(ctx.nodeId(), task!, await ctx.authed());
      const shown = opts.showPassword ? info : hidePasswords(info);
      if (ctx.printer.json) return ctx.printer.printJson(shown);
      ctx.printer.keyValues(shown);
    })), ['dbc vm info Gz3SL4zw1wKGNxKCkCS5eZ', 'dbc vm info Gz3SL4zw1wKGNxKCkCS5eZ --show-password --json | jq -r .login_password']);

  for (const a of ACTIONS) registerAction(vm, rt, a.verb, a.goal, a.text);
  registerVmCreate(vm, rt);
  registerVmModify(vm, rt);
  registerVmLogs(vm, rt);
  registerVmDisk(vm, rt);
  registerPasswd(vm, rt);
  registerVmGpu(vm, rt);
  registerVmPorts(vm, rt);
}

function registerAction(vm: Command, rt: Runtime, verb: Verb, goal: WaitGoal, text: string): void {
  const cmd = vm.command(verb)
    .description(text)
    .argument('<task>', 'the task id')
    .option('--wait', `poll until the VM is ${goal === 'gone' ? 'gone' : `"${goal}"`}`)
    .option('--wait-timeout <seconds>', 'give up waiting after this long (exit 4)', '300');
  if (verb === 'restart') cmd.option('--force', 'forced reboot (force_reboot=true)');
  cmd.action(action<WaitOpts & { force?: boolean }>(rt, async (ctx, [task], opts) => {
    const nodeId = ctx.nodeId();
    const waitTimeout = opts.wait ? seconds('--wait-timeout', opts.waitTimeout) : 0;
    const reply = await runAction(ctx.client(), verb, nodeId, task!, { ...(await ctx.authed()), force: opts.force === true });
    if (ctx.printer.json) ctx.printer.printJson(reply);
    else ctx.printer.line(`${task}: ${verb}${verb === 'restart' && opts.force ? ' --force' : ''} accepted (${reply})`);
    if (!opts.wait) return;
    const info = await waitForTask(ctx, nodeId, task!, { goal, timeoutSeconds: waitTimeout, route: `tasks.${verb}` });
    if (!ctx.printer.json) ctx.printer.line(`${task}: ${info ? info.status : 'deleted'}`);
  }));
  examples(cmd, [`dbc vm ${verb} Gz3SL4zw1wKGNxKCkCS5eZ${verb === 'restart' ? ' --force' : ''} --wait`]);
}

function runAction(client: DbcClient, verb: Verb, nodeId: string, task: string, o: { auth: Awaited<ReturnType<CliContext['credential']>>; signal?: AbortSignal; force: boolean }): Promise<string> {
  switch (verb) {
    case 'start': return client.startTask(nodeId, task, o);
    case 'stop': return client.stopTask(nodeId, task, o);
    case 'shutdown': return client.shutdownTask(nodeId, task, o);
    case 'poweroff': return client.poweroffTask(nodeId, task, o);
    case 'restart': return client.restartTask(nodeId, task, o);
    case 'reset': return client.resetTask(nodeId, task, o);
    case 'delete': return client.deleteTask(nodeId, task, o);
  }
}

function registerPasswd(vm: Command, rt: Runtime): void {
  examples(vm.command('passwd')
    .description('set the login password of a running VM (needs the guest agent)')
    .argument('<task>', 'the task id')
    .option('--user <name>', 'the guest user', 'dbc')
    .option('--password-stdin', 'read the new password from standard input (default: env DBC_VM_PASSWORD)')
    .action(action<{ user: string; passwordStdin?: boolean }>(rt, async (ctx, [task], opts) => {
      const password = await newPassword(ctx, opts.passwordStdin === true);
      const reply = await ctx.client().setTaskPassword(ctx.nodeId(), task!, { username: opts.user, password }, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`${task}: password of ${opts.user} changed (${reply})`);
    })), ['DBC_VM_PASSWORD=… dbc vm passwd Gz3SL4zw1wKGNxKCkCS5eZ', 'pass show vm | dbc vm passwd Gz3SL4zw1wKGNxKCkCS5eZ --password-stdin']);
}

async function newPassword(ctx: CliContext, fromStdin: boolean): Promise<string> {
  let password = ctx.env['DBC_VM_PASSWORD'];
  if (fromStdin) {
    if (!ctx.io.readStdin) throw new UsageError('--password-stdin: standard input is not available');
    password = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
  }
  if (!password) throw new UsageError('no new password: set DBC_VM_PASSWORD or pipe it in with --password-stdin (never as an argument)');
  if (/["\\\n]/.test(password)) throw new UsageError('the password must not contain double quotes, backslashes or line breaks (the node does not escape them)');
  return password;
}

export function hidePasswords(info: TaskInfo): TaskInfo {
  const copy: Record<string, unknown> = { ...info };
  for (const key of SECRET_FIELDS) if (typeof copy[key] === 'string' && copy[key] !== 'N/A') copy[key] = '‹hidden, use --show-password›';
  return copy as TaskInfo;
}
