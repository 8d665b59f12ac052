// `vm modify`: ports, custom ports, network filters, public IP, GPUs, CPUs and memory of an existing VM.
// The node clears the public IP of a modify that does not send it, so the current one is sent again.
import type { Command } from 'commander';
import { currentPublicIp } from '../../core/publicIp';
import { normalizeModifySpec } from '../../core/validation';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { UsageError } from '../exitCodes';
import { addSpecFlags, flagNameOf, MODIFY_FLAGS, specFromFlags } from '../specFlags';
import { checkModify } from '../validate';
import { rememberCustomPorts } from './vmPorts';

export function registerVmModify(vm: Command, rt: Runtime): void {
  const cmd = vm.command('modify')
    .description('change ports, forwards, filters, public IP, GPUs, CPUs or memory of a VM (some take effect on the next boot; disks: dbc vm disk)')
    .argument('<task>', 'the task id')
    .option('--clear-custom-ports', 'remove every custom port forward')
    .option('--clear-network-filters', 'remove every network filter')
    .option('--clear-public-ip', 'remove the VM\'s own public IP');
  addSpecFlags(cmd, MODIFY_FLAGS);
  cmd.action(action<Record<string, unknown>>(rt, async (ctx, [task], opts) => {
    const spec = specFromFlags(opts, MODIFY_FLAGS);
    if (opts['clearCustomPorts']) spec['new_custom_port'] ??= [];
    if (opts['clearNetworkFilters']) spec['new_network_filters'] ??= [];
    if (opts['clearPublicIp']) spec['new_public_ip'] = '';
    checkModify(spec, (f) => flagNameOf(f, MODIFY_FLAGS));
    const nodeId = ctx.nodeId();
    if (spec['new_public_ip'] === undefined) {
      const keep = await keptPublicIp(ctx, nodeId, task!);
      if (keep) spec['new_public_ip'] = keep;
    }
    const normalized = normalizeModifySpec(spec);
    const reply = await ctx.client().modifyTask(nodeId, task!, normalized, await ctx.authed());
    if (normalized.new_custom_port !== undefined) await rememberCustomPorts(ctx, nodeId, task!, normalized.new_custom_port);
    if (ctx.printer.json) return ctx.printer.printJson(reply);
    ctx.printer.line(`${task}: modified (${reply})`);
  }));
  examples(cmd, [
    'dbc vm modify Gz3SL4zw1wKGNxKCkCS5eZ --new-ssh-port 5586 --new-custom-port tcp,8080 --new-custom-port udp,6000',
    'dbc vm modify Gz3SL4zw1wKGNxKCkCS5eZ --new-cpus 16 --new-mem 64',
  ]);
}

/** The VM's own public IP ("" for none), from task info and the node's (masked) address. */
async function keptPublicIp(ctx: CliContext, nodeId: string, task: string): Promise<string> {
  const info = await ctx.client().taskInfo(nodeId, task, await ctx.authed());
  const node = await ctx.client().nodeInfo(nodeId, { signal: ctx.signal });
  const keep = currentPublicIp(info.ssh_ip, node.ip);
  if (keep === undefined) {
    throw new UsageError('cannot tell whether the VM has its own public IP (the node did not say), and a modify without it clears it: pass --new-public-ip IP or --clear-public-ip');
  }
  return keep;
}
