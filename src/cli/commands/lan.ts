// `lan list|info|create|delete`: virtual LANs between a renter's VMs (VXLAN networks that VMs join
// at create with `dbc vm create --network NAME`).
import type { Command } from 'commander';
import type { LanNetwork } from '../../api/types';
import { checkIpCidr, checkLanName, type Issue } from '../../core/validation';
import { action, examples, type Runtime } from '../action';
import { CliFailure, ExitCode, UsageError } from '../exitCodes';
import { issueLines } from '../validate';

export function registerLanCommands(program: Command, rt: Runtime): void {
  const lan = examples(program.command('lan').description('virtual LANs between your VMs (join one with `dbc vm create --network NAME`)'),
    ['dbc lan list', 'dbc lan create lab0001 --cidr 10.10.0.0/24 --node $NODE']);

  examples(lan.command('list')
    .description('list the networks the client node knows (with --node: those the GPU node knows); no signature needed')
    .action(action(rt, async (ctx) => {
      const nets = await ctx.client().listLans(ctx.opts.node === undefined ? undefined : ctx.nodeId(), { signal: ctx.signal });
      if (ctx.printer.json) return ctx.printer.printJson(nets);
      ctx.printer.table(nets, [
        { header: 'NETWORK', value: (n) => n.network_name },
        { header: 'CIDR', value: (n) => n.ip_cidr },
        { header: 'MEMBERS', value: (n) => (n.members.length ? n.members.join(',') : '-') },
        { header: 'NODE', value: (n) => n.machine_id ?? '' },
        { header: 'OWNER', value: (n) => n.rent_wallet ?? '' },
      ], '(no networks)');
    })), ['dbc lan list', 'dbc lan list --json']);

  examples(lan.command('info')
    .description('show one network')
    .argument('<name>', 'the network name')
    .action(action(rt, async (ctx, [name]) => {
      check([checkLanName('NAME', name)]);
      const net = (await ctx.client().listLans(undefined, { signal: ctx.signal })).find((n) => n.network_name === name);
      if (!net) throw new CliFailure(`lan info: no network ${name} (see \`dbc lan list\`)`, ExitCode.gpu);
      if (ctx.printer.json) return ctx.printer.printJson(net);
      ctx.printer.keyValues(lanRecord(net));
    })), ['dbc lan info lab0001']);

  examples(lan.command('create')
    .description('create a network on the GPU node (--node or DBC_NODE), as the renter')
    .argument('<name>', '6 to 10 letters or digits')
    .requiredOption('--cidr <net>', 'its address range, e.g. 10.10.0.0/24 (not 192.168.122.x)')
    .action(action<{ cidr: string }>(rt, async (ctx, [name], opts) => {
      check([checkLanName('NAME', name), checkIpCidr('--cidr', opts.cidr)]);
      const reply = await ctx.client().createLan(ctx.nodeId(), { name: name!, ipCidr: opts.cidr }, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`network ${name} (${opts.cidr}) created (${reply}); VMs join it with: dbc vm create … --network ${name}`);
    })), ['dbc lan create lab0001 --cidr 10.10.0.0/24']);

  examples(lan.command('delete')
    .description('delete a network you created (every VM in it must be deleted first)')
    .argument('<name>', 'the network name')
    .action(action(rt, async (ctx, [name]) => {
      check([checkLanName('NAME', name)]);
      const reply = await ctx.client().deleteLan(ctx.nodeId(), name!, await ctx.authed());
      if (ctx.printer.json) return ctx.printer.printJson(reply);
      ctx.printer.line(`network ${name} deleted (${reply})`);
    })), ['dbc lan delete lab0001']);
}

function check(issues: (Issue | undefined)[]): void {
  const found = issues.filter((i): i is Issue => i !== undefined);
  if (found.length === 0) return;
  if (found.length === 1) throw new UsageError(issueLines(found, (f) => f)[0]!);
  throw new CliFailure(`lan: nothing was sent, because:\n${issueLines(found, (f) => f).map((l) => `  ${l}`).join('\n')}`, ExitCode.usage);
}

function lanRecord(n: LanNetwork): Record<string, unknown> {
  return {
    network: n.network_name, cidr: n.ip_cidr, range: n.ip_start && n.ip_end ? `${n.ip_start} – ${n.ip_end}` : undefined,
    members: n.members, node: n.machine_id, owner: n.rent_wallet, vni: n.vxlan_vni, bridge: n.bridge_name, last_used: n.lastUseTime,
  };
}

