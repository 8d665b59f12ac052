// `vm disk list|resize|add|delete TASK`: a VM's disks. The node only queues a change (`ok`); with
// --wait, dbc follows the disk list and the VM's log until the node reports the result.
import type { Command } from 'commander';
import type { DiskEntry } from '../../api/types';
import { waitForDiskOp, type DiskOp, type DiskReadBack } from '../../core/diskOps';
import { checkDeletableDisk, checkDiskName, checkDiskSize, checkMountDir, type Issue } from '../../core/validation';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { CliFailure, ExitCode } from '../exitCodes';
import { issueLines } from '../validate';
import { pollDelayMs, seconds } from '../wait';

interface WaitOpts {
  wait?: boolean;
  waitTimeout: string;
}

const LOG_WINDOW = 30;

export function registerVmDisk(vm: Command, rt: Runtime): void {
  const disk = examples(vm.command('disk').description('the disks of a VM: list, grow, add or delete a data disk (the VM must be shut off to change them)'),
    ['dbc vm disk list Gz3SL4zw1wKGNxKCkCS5eZ', 'dbc vm disk resize Gz3SL4zw1wKGNxKCkCS5eZ --disk vdb --size 100 --wait']);

  examples(disk.command('list')
    .description('list the disks of a VM (any state): name, size, file on the node')
    .argument('<task>', 'the task id')
    .action(action(rt, async (ctx, [task]) => {
      const disks = await ctx.client().listDisks(ctx.nodeId(), task!, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(disks);
      ctx.printer.table(disks, [
        { header: 'DISK', value: (d) => d.name },
        { header: 'SIZE', value: (d) => d.size },
        { header: 'FILE', value: (d) => d.file },
      ], '(no disks: a pxe VM has none)');
    })), ['dbc vm disk list Gz3SL4zw1wKGNxKCkCS5eZ --json']);

  examples(withWait(disk.command('resize')
    .description('grow a disk by --size GB (qemu-img resize; grow the file system inside the VM afterwards)')
    .argument('<task>', 'the task id')
    .requiredOption('--disk <name>', 'the disk, e.g. vdb (see `dbc vm disk list`)')
    .requiredOption('--size <gb>', 'GB to add'))
    .action(action<WaitOpts & { disk: string; size: string }>(rt, async (ctx, [task], opts) => {
      check([checkDiskName('--disk', opts.disk), checkDiskSize('--size', opts.size)]);
      const op: DiskOp = { kind: 'resize', disk: opts.disk, addGb: Number(opts.size) };
      await change(ctx, task!, op, opts, (c, node, o) => c.resizeDisk(node, task!, { disk: opts.disk, addGb: op.addGb }, o));
    })), ['dbc vm disk resize Gz3SL4zw1wKGNxKCkCS5eZ --disk vdb --size 100 --wait']);

  examples(withWait(disk.command('add')
    .description('attach a new data disk of --size GB (the next free name: vdc, vdd, …)')
    .argument('<task>', 'the task id')
    .requiredOption('--size <gb>', 'the new disk\'s size in GB')
    .option('--mount-dir <dir>', 'where on the GPU node its file goes (default /data)'))
    .action(action<WaitOpts & { size: string; mountDir?: string }>(rt, async (ctx, [task], opts) => {
      check([checkDiskSize('--size', opts.size), checkMountDir('--mount-dir', opts.mountDir)]);
      const op: DiskOp = { kind: 'add', sizeGb: Number(opts.size) };
      await change(ctx, task!, op, opts, (c, node, o) => c.addDisk(node, task!, { sizeGb: op.sizeGb, mountDir: opts.mountDir }, o));
    })), ['dbc vm disk add Gz3SL4zw1wKGNxKCkCS5eZ --size 500 --wait']);

  examples(withWait(disk.command('delete')
    .description('detach a data disk and delete its file (cannot be undone; never vda)')
    .argument('<task>', 'the task id')
    .requiredOption('--disk <name>', 'the disk, e.g. vdc'))
    .action(action<WaitOpts & { disk: string }>(rt, async (ctx, [task], opts) => {
      check([checkDeletableDisk('--disk', opts.disk)]);
      const op: DiskOp = { kind: 'delete', disk: opts.disk };
      await change(ctx, task!, op, opts, (c, node, o) => c.deleteDisk(node, task!, opts.disk, o));
    })), ['dbc vm disk delete Gz3SL4zw1wKGNxKCkCS5eZ --disk vdc --wait']);
}

function withWait(cmd: Command): Command {
  return cmd
    .option('--wait', 'follow the disk list and the VM log until the node reports the result')
    .option('--wait-timeout <seconds>', 'give up waiting after this long (exit 4)', '300');
}

function check(issues: (Issue | undefined)[]): void {
  const found = issues.filter((i): i is Issue => i !== undefined);
  if (found.length === 0) return;
  throw new CliFailure(`vm disk: nothing was sent, because:\n${issueLines(found, (f) => f).map((l) => `  ${l}`).join('\n')}`, ExitCode.usage);
}

type Send = (c: ReturnType<CliContext['client']>, nodeId: string, o: Awaited<ReturnType<CliContext['authed']>>) => Promise<string>;

/** Sends the change; with --wait, reads the disks and the log before and polls them after. */
async function change(ctx: CliContext, task: string, op: DiskOp, opts: WaitOpts, send: Send): Promise<void> {
  const nodeId = ctx.nodeId();
  const timeout = opts.wait ? seconds('--wait-timeout', opts.waitTimeout) : 0;
  const before = opts.wait ? await readBack(ctx, nodeId, task) : undefined;
  const reply = await send(ctx.client(), nodeId, await ctx.authed());
  if (!opts.wait || !before) {
    if (ctx.printer.json) return ctx.printer.printJson(reply);
    return ctx.printer.line(`${task}: disk ${op.kind} queued by the node (${reply}); the result shows in its log and in \`dbc vm disk list ${task}\``);
  }
  const done = await followDiskOp(ctx, nodeId, task, op, before, timeout);
  if (ctx.printer.json) return ctx.printer.printJson(done ?? null);
  ctx.printer.line(`${task}: disk ${op.kind} done${done ? `: ${done.name} ${done.size}` : ''}`);
}

async function readBack(ctx: CliContext, nodeId: string, task: string): Promise<DiskReadBack> {
  const o = await ctx.authed();
  const disks = await ctx.client().listDisks(nodeId, task, o);
  const log = (await ctx.client().taskLogs(nodeId, task, { ...(await ctx.authed()), flag: 'tail', lines: LOG_WINDOW }).catch(() => ({ log_content: [] as string[] }))).log_content;
  return { disks, log };
}

async function followDiskOp(ctx: CliContext, nodeId: string, task: string, op: DiskOp, before: DiskReadBack, timeoutSeconds: number): Promise<DiskEntry | undefined> {
  const outcome = await waitForDiskOp(op, before, {
    read: () => readBack(ctx, nodeId, task), sleep: (ms) => ctx.sleep(ms), delayMs: pollDelayMs, timeoutMs: timeoutSeconds * 1000,
    stopped: () => ctx.signal?.aborted === true,
  });
  switch (outcome.state) {
    case 'done': return outcome.disk;
    case 'failed': throw new CliFailure(`disk.${op.kind} failed: the node logged: ${outcome.reason}`, ExitCode.gpu);
    case 'stopped': throw new CliFailure(`disk.${op.kind}: stopped waiting; check with: dbc vm disk list ${task}`, ExitCode.interrupted);
    case 'timeout': throw new CliFailure(`disk.${op.kind}: the node has not reported it after ${timeoutSeconds} s; check with: dbc vm disk list ${task}`, ExitCode.transport);
  }
}
