// GPU nodes known to the client node, one node's machine info, and the renter's session_id.
import type { Command } from 'commander';
import { encodeSessionBundle } from '../../auth/sessionBundle';
import { isRentOrderId } from '../../core/rentOrders';
import { checkMonitorServers } from '../../core/validation';
import { UsageError } from '../exitCodes';
import { issueLines } from '../validate';
import type { NodeInfo } from '../../api/types';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { registerLeaseCommand } from './nodeLease';

export function registerNodeCommands(program: Command, rt: Runtime): void {
  const node = examples(program.command('node').description('GPU nodes reachable through the client node'), ['dbc node list', 'dbc node info --node $NODE --json']);

  examples(node.command('list')
    .description('list the GPU nodes the client node knows')
    .action(action(rt, async (ctx) => {
      const nodes = await ctx.client().listNodes({ signal: ctx.signal });
      if (ctx.printer.json) return ctx.printer.printJson(nodes);
      ctx.printer.table(nodes, [
        { header: 'NODE_ID', value: (n) => n.node_id },
        { header: 'NAME', value: (n) => n.name ?? '' },
        { header: 'VERSION', value: (n) => n.version ?? '' },
      ], '(no GPU nodes known to this client node)');
    })), ['dbc node list', 'dbc --endpoint http://10.0.0.5:5002 node list --json']);

  examples(node.command('version')
    .description('print the client node\'s version')
    .action(action(rt, async (ctx) => {
      const v = await ctx.client().version({ signal: ctx.signal });
      if (ctx.printer.json) return ctx.printer.printJson(v);
      ctx.printer.line(v.client_version);
    })), ['dbc node version --endpoint http://127.0.0.1:5002']);

  examples(node.command('info')
    .description('show the machine of the GPU node (--node or DBC_NODE): CPU, GPUs, memory, disks, images')
    .option('--image-server <id>', 'also report images of this image server that back local images')
    .action(action<{ imageServer?: string }>(rt, async (ctx, _args, opts) => {
      const info = await ctx.client().nodeInfo(ctx.nodeId(), { imageServer: opts.imageServer, signal: ctx.signal });
      if (ctx.printer.json) return ctx.printer.printJson(info);
      ctx.printer.keyValues(nodeInfoRecord(info));
    })), ['dbc node info --node 58fb618aa482c41114eb3cfdaefd3ba183172da9e25251449d045043fbd37f45']);

  examples(node.command('rent-orders')
    .description('list the rent records of the GPU node (--node or DBC_NODE): per-GPU orders and whole-machine renters')
    .option('--mine', 'only the records of your wallet (needs a credential)')
    .action(action<{ mine?: boolean }>(rt, (ctx, _args, opts) => printRentOrders(ctx, opts.mine === true))),
  ['dbc node rent-orders', 'dbc node rent-orders --mine --json']);

  registerLeaseCommand(node, rt);

  examples(node.command('free-memory')
    .description('make the GPU node drop its page cache (frees memory for a VM that would not start)')
    .action(action(rt, async (ctx) => {
      const reply = await ctx.client().freeMemory(ctx.nodeId(), await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`page cache dropped on the node (${reply})`);
    })), ['dbc node free-memory --node $NODE']);

  const monitor = examples(node.command('monitor').description('Zabbix servers that receive the node\'s and your VMs\' metrics every 30 s'),
    ['dbc node monitor list', 'dbc node monitor set 10.0.0.1:10051']);
  examples(monitor.command('list')
    .description('your monitor servers on the node')
    .action(action(rt, async (ctx) => {
      const servers = await ctx.client().listMonitors(ctx.nodeId(), await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(servers);
      if (servers.length === 0) return ctx.printer.line('(no monitor servers)');
      for (const s of servers) ctx.printer.line(s);
    })), ['dbc node monitor list --json']);
  examples(monitor.command('set')
    .description('replace your monitor servers (at most two host:port), or remove them with --clear')
    .argument('[servers...]', 'host:port, e.g. 10.0.0.1:10051')
    .option('--clear', 'remove every monitor server')
    .action(action<{ clear?: boolean }>(rt, async (ctx, args, opts) => {
      const given = (args as unknown as [string[] | undefined])[0] ?? [];
      const servers = opts.clear ? [] : given;
      if (!opts.clear && servers.length === 0) throw new UsageError('give one or two host:port servers, or --clear to remove them');
      if (opts.clear && given.length > 0) throw new UsageError('--clear takes no servers');
      const issues = checkMonitorServers('SERVERS', servers);
      if (issues.length) throw new UsageError(issueLines(issues, (f) => f).join('; '));
      const reply = await ctx.client().setMonitors(ctx.nodeId(), servers, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(servers.length ? `monitor servers set: ${servers.join(', ')} (${reply})` : `monitor servers removed (${reply})`);
    })), ['dbc node monitor set 10.0.0.1:10051 10.0.0.2:10051', 'dbc node monitor set --clear']);

  examples(program.command('session-id')
    .description('fetch the renter\'s session_id and print it with its session_id_sign (a bearer credential!)')
    .option('--bundle', 'print a single "dbc-session:…" text to hand to someone you delegate to')
    .addHelpText('after', '\nNeeds the renter\'s wallet or multisig (DBC_SEED, DBC_MNEMONIC, --keystore or --multisig).\nWhoever holds the pair controls your VMs on this node for as long as you rent it.')
    .action(action<{ bundle?: boolean }>(rt, (ctx, _args, opts) => printSessionId(ctx, opts.bundle === true))),
  ['eval "$(dbc session-id --node $NODE --json | jq -r \'"export DBC_SESSION_ID=\\(.session_id) DBC_SESSION_ID_SIGN=\\(.session_id_sign)"\')"']);
}

async function printSessionId(ctx: CliContext, bundle: boolean): Promise<void> {
  const nodeId = ctx.nodeId();
  const sessionId = await ctx.client().sessionId(nodeId, await ctx.authed());
  const signer = await ctx.sessionSigner();
  const sessionIdSign = await signer.sign(sessionId);
  ctx.printer.note('dbc: warning: session_id_sign is a bearer credential: anyone holding it can act on your VMs on this node while you rent it');
  // The bundle names whoever signed (a multisig member, not the multisig account), so it verifies.
  if (bundle) return ctx.printer.line(encodeSessionBundle({ node_id: nodeId, renter: signer.address, session_id: sessionId, session_id_sign: sessionIdSign, endpoint: ctx.endpoint }));
  const renter = (await ctx.credential()).address;
  if (ctx.printer.json) return ctx.printer.printJson({ node_id: nodeId, renter, signed_by: signer.address, session_id: sessionId, session_id_sign: sessionIdSign });
  ctx.printer.keyValues({ session_id: sessionId, session_id_sign: sessionIdSign });
}

async function printRentOrders(ctx: CliContext, mine: boolean): Promise<void> {
  const nodeId = ctx.nodeId();
  const wallet = mine ? (await ctx.credential()).address : undefined;
  const all = await ctx.client().rentOrders(nodeId, { signal: ctx.signal });
  const entries = wallet ? all.filter((e) => e.renter === wallet) : all;
  if (ctx.printer.json) return ctx.printer.printJson(entries);
  ctx.printer.table(entries, [
    { header: 'RENT_ORDER', value: (e) => (isRentOrderId(e.id) ? e.id : '(whole machine)') },
    { header: 'RENTER', value: (e) => e.renter },
    { header: 'STATUS', value: (e) => e.rent_status },
    { header: 'GPUS', value: (e) => e.gpu_index.join(',') },
    { header: 'ENDS_AT_BLOCK', value: (e) => e.rent_end },
  ], wallet ? '(no rent records of this wallet on the node)' : '(no rent records on the node)');
}

function nodeInfoRecord(info: NodeInfo): Record<string, unknown> {
  const { images, disk_data, ...rest } = info;
  return {
    ...rest,
    disk_data: disk_data ?? [],
    images: (images ?? []).map((i) => (i.image_size ? `${i.image_name} (${i.image_size})` : i.image_name)),
  };
}
