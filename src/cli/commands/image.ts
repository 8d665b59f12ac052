// Images: the client node's image servers, image lists, upload/download between a GPU node (or the
// client node) and an image server, transfer progress, and deleting an image file on the node.
import type { Command } from 'commander';
import type { ImageEntry, TransferProgress } from '../../api/types';
import { uploadPath } from '../../core/imageTransfer';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { UsageError } from '../exitCodes';

interface ServerOpt {
  server?: string;
}

export function registerImageCommands(program: Command, rt: Runtime): void {
  const image = examples(program.command('image').description('images on image servers and GPU nodes'),
    ['dbc image servers', 'dbc image list --on-server --server ID_1', 'dbc image download ubuntu.qcow2 --server ID_1 && dbc image progress ubuntu.qcow2']);

  examples(image.command('servers')
    .description('list the image-server ids configured in the client node')
    .action(action(rt, async (ctx) => {
      const servers = await ctx.client().imageServers({ signal: ctx.signal });
      if (ctx.printer.json) return ctx.printer.printJson(servers);
      if (servers.length === 0) return ctx.printer.line('(no image servers configured)');
      for (const s of servers) ctx.printer.line(s);
    })), ['dbc image servers']);

  examples(image.command('list')
    .description('list the images of the GPU node (--node/DBC_NODE), or of an image server with --on-server')
    .option('--server <id>', 'the image server (required with --on-server)')
    .option('--on-server', 'list the image server itself, through the client node')
    .action(action<ServerOpt & { onServer?: boolean }>(rt, async (ctx, _args, opts) => {
      const images = await listImages(ctx, opts);
      if (ctx.printer.json) return ctx.printer.printJson(images);
      ctx.printer.table(images, [
        { header: 'IMAGE', value: (i) => i.image_name },
        { header: 'SIZE', value: (i) => i.image_size ?? '' },
      ], '(no images)');
    })), ['dbc image list --node $NODE', 'dbc image list --on-server --server ID_1']);

  examples(image.command('upload')
    .description('upload an image file from the GPU node (or, with --from-client, from the client node) to an image server')
    .argument('<file>', 'the image file name, e.g. my.qcow2 (relative names resolve under /data/)')
    .requiredOption('--server <id>', 'the image server')
    .option('--from-client', 'upload from the client node\'s own disk instead of the GPU node')
    .action(action<ServerOpt & { fromClient?: boolean }>(rt, async (ctx, [file], opts) => {
      const nodeId = opts.fromClient ? undefined : ctx.nodeId();
      const o = nodeId ? await ctx.authed() : { signal: ctx.signal };
      const filename = transferName(file!, 'upload', opts.fromClient === true);
      const reply = await ctx.client().uploadImage({ nodeId, imageServer: opts.server!, filename }, o);
      printOk(ctx, reply, `${filename}: upload to ${opts.server} started`);
    })), ['dbc image upload my.qcow2 --server ID_1', 'dbc image progress my.qcow2 --upload']);

  examples(image.command('download')
    .description('download an image from an image server onto the GPU node')
    .argument('<file>', 'the image file name on the server')
    .requiredOption('--server <id>', 'the image server')
    .option('--dir <path>', 'the directory on the GPU node', '/data')
    .action(action<ServerOpt & { dir: string }>(rt, async (ctx, [file], opts) => {
      const reply = await ctx.client().downloadImage(ctx.nodeId(), { imageServer: opts.server!, filename: file!, localDir: opts.dir }, await ctx.authed());
      printOk(ctx, reply, `${file}: download from ${opts.server} started`);
    })), ['dbc image download ubuntu.qcow2 --server ID_1', 'dbc image progress ubuntu.qcow2']);

  examples(image.command('progress')
    .description('show the progress of a download (or, with --upload, an upload); the node also says "done" for a name it does not know')
    .argument('<file>', 'the image file name, as given to download or upload')
    .option('--upload', 'the upload progress instead of the download progress')
    .option('--from-client', 'an upload from the client node\'s own disk')
    .action(action<{ upload?: boolean; fromClient?: boolean }>(rt, async (ctx, [file], opts) => {
      const c = ctx.client();
      const name = transferName(file!, opts.upload ? 'upload' : 'download', opts.fromClient === true);
      const p: TransferProgress = opts.upload
        ? await c.uploadProgress(opts.fromClient ? undefined : ctx.nodeId(), name, opts.fromClient ? { signal: ctx.signal } : await ctx.authed())
        : await c.downloadProgress(ctx.nodeId(), name, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(p);
      ctx.printer.line(progressLine(name, p, opts.upload === true));
    })), ['dbc image progress ubuntu.qcow2', 'dbc image progress my.qcow2 --upload --json']);

  examples(image.command('stop')
    .description('abort a download (or, with --upload, an upload)')
    .argument('<file>', 'the image file name, as given to download or upload')
    .option('--upload', 'abort the upload instead of the download')
    .option('--from-client', 'an upload from the client node\'s own disk')
    .action(action<{ upload?: boolean; fromClient?: boolean }>(rt, async (ctx, [file], opts) => {
      const c = ctx.client();
      const name = transferName(file!, opts.upload ? 'upload' : 'download', opts.fromClient === true);
      const reply = opts.upload
        ? await c.stopUpload(opts.fromClient ? undefined : ctx.nodeId(), name, opts.fromClient ? { signal: ctx.signal } : await ctx.authed())
        : await c.stopDownload(ctx.nodeId(), name, await ctx.authed());
      printOk(ctx, reply, `${name}: ${opts.upload ? 'upload' : 'download'} stop sent (the node answers ok whether or not it stopped something)`);
    })), ['dbc image stop ubuntu.qcow2', 'dbc image stop my.qcow2 --upload']);

  examples(image.command('delete')
    .description('delete an image file under /data on the GPU node')
    .argument('<file>', 'the image file name')
    .action(action(rt, async (ctx, [file]) => {
      const reply = await ctx.client().deleteImage(ctx.nodeId(), file!, await ctx.authed());
      printOk(ctx, reply, `${file}: deleted`);
    })), ['dbc image delete old.qcow2']);
}

async function listImages(ctx: CliContext, opts: ServerOpt & { onServer?: boolean }): Promise<ImageEntry[]> {
  if (opts.onServer) {
    if (!opts.server) throw new UsageError('--on-server needs --server ID (see `dbc image servers`)');
    return ctx.client().listServerImages(opts.server, { signal: ctx.signal });
  }
  const auth = await ctx.optionalCredential();
  return ctx.client().listNodeImages(ctx.nodeId(), { imageServer: opts.server, auth, signal: ctx.signal });
}

/**
 * The name the node keys the transfer by: a GPU-node upload by its full path (/data/<name> for a bare
 * name), the same for upload, progress and stop; downloads and client-node uploads as given.
 */
function transferName(file: string, kind: 'upload' | 'download', fromClient: boolean): string {
  return kind === 'upload' && !fromClient ? uploadPath(file) : file;
}

/** `done` is what the node says for finished and for unknown names alike: it proves nothing. */
function progressLine(name: string, p: TransferProgress, upload: boolean): string {
  if (p.status !== 'done') return `${name}: ${p.status} ${p.progress}`;
  return upload ? `${name}: the node reports done (${p.progress}); check the image server's list to confirm: dbc image list --on-server --server ID`
    : `${name}: the node reports done (${p.progress})`;
}

function printOk(ctx: CliContext, reply: string, text: string): void {
  if (ctx.printer.json) ctx.printer.printJson(reply);
  else ctx.printer.line(`${text} (${reply})`);
}
