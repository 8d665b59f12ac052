// Snapshots of a VM's system disk: list, info, create (the VM must be shut off), delete.
import type { Command } from 'commander';
import type { CreateSnapshotSpec, SnapshotInfo } from '../../api/types';
import { action, examples, type Runtime } from '../action';
import { UsageError } from '../exitCodes';
import { normalizeSnapshotSpec } from '../../core/validation';
import { checkSnapshot } from '../validate';

interface CreateOpts {
  imageServer?: string;
  desc?: string;
}

export function registerSnapshotCommands(program: Command, rt: Runtime): void {
  const snapshot = examples(program.command('snapshot').description('snapshots of a VM (on the node given by --node or DBC_NODE)'),
    ['dbc snapshot list Gz3SL4zw1wKGNxKCkCS5eZ', 'dbc snapshot create Gz3SL4zw1wKGNxKCkCS5eZ snap1 --image-server ID_1']);

  examples(snapshot.command('list')
    .description('list the snapshots of a VM')
    .argument('<task>', 'the task id')
    .action(action(rt, async (ctx, [task]) => {
      const list = await ctx.client().listSnapshots(ctx.nodeId(), task!, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(list);
      ctx.printer.table(list, [
        { header: 'NAME', value: (s: SnapshotInfo) => s.snapshot_name },
        { header: 'STATUS', value: (s) => snapshotStatus(s.status) },
        { header: 'CREATED', value: (s) => s.create_time ?? '' },
        { header: 'DESCRIPTION', value: (s) => s.description ?? '' },
      ], '(no snapshots)');
    })), ['dbc snapshot list Gz3SL4zw1wKGNxKCkCS5eZ']);

  examples(snapshot.command('info')
    .description('show one snapshot')
    .argument('<task>', 'the task id')
    .argument('<name>', 'the snapshot name')
    .action(action(rt, async (ctx, [task, name]) => {
      const info = await ctx.client().snapshotInfo(ctx.nodeId(), task!, name!, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(info);
      ctx.printer.keyValues(info);
    })), ['dbc snapshot info Gz3SL4zw1wKGNxKCkCS5eZ snap1']);

  examples(snapshot.command('create')
    .description('snapshot the VM\'s system disk (vda: the node never takes another) and upload it to an image server (stop the VM first)')
    .argument('<task>', 'the task id')
    .argument('<name>', 'the snapshot name (letters, digits, ".", "_", "-")')
    .option('--image-server <id>', 'where to upload it (default: the only image server of the client node)')
    .option('--desc <text>', 'a description')
    .action(action<CreateOpts>(rt, async (ctx, [task, name], opts) => {
      const nodeId = ctx.nodeId();
      const servers = await ctx.client().imageServers({ signal: ctx.signal });
      const spec = snapshotSpec(name!, opts, servers);
      checkSnapshot(spec, servers, snapshotFlagName);
      const reply = await ctx.client().createSnapshot(nodeId, task!, normalizeSnapshotSpec(spec) as CreateSnapshotSpec, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`${task}: snapshot ${name} requested on ${spec.image_server} (${reply}); follow it with: dbc snapshot list ${task}`);
    })), ['dbc vm stop Gz3SL4zw1wKGNxKCkCS5eZ --wait && dbc snapshot create Gz3SL4zw1wKGNxKCkCS5eZ snap1 --desc "after setup"']);

  examples(snapshot.command('delete')
    .description('delete a snapshot (aborts its upload)')
    .argument('<task>', 'the task id')
    .argument('<name>', 'the snapshot name')
    .action(action(rt, async (ctx, [task, name]) => {
      const reply = await ctx.client().deleteSnapshot(ctx.nodeId(), task!, name!, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`${task}: snapshot ${name} deleted (${reply})`);
    })), ['dbc snapshot delete Gz3SL4zw1wKGNxKCkCS5eZ snap1']);
}

/** The flags as the `additional` of S3. */
export function snapshotSpec(name: string, opts: CreateOpts, servers: string[]): CreateSnapshotSpec {
  const imageServer = opts.imageServer ?? defaultServer(servers);
  const spec: CreateSnapshotSpec = { snapshot_name: name, image_server: imageServer };
  if (opts.desc !== undefined) spec.description = opts.desc;
  return spec;
}

function snapshotFlagName(field: string): string {
  const names: Record<string, string> = { snapshot_name: 'the snapshot name', description: '--desc', image_server: '--image-server' };
  return names[field] ?? field;
}

function defaultServer(servers: string[]): string {
  if (servers.length === 1) return servers[0]!;
  if (servers.length === 0) throw new UsageError('the client node has no image servers configured, so it cannot store snapshots');
  throw new UsageError(`choose an image server with --image-server (one of ${servers.join(', ')})`);
}

function snapshotStatus(status: string | undefined): string {
  return status === 'none' ? 'done' : status ?? '';
}
