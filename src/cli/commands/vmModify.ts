// `vm modify`: ports, custom ports, network filters, GPUs, CPUs, memory and disk of an existing VM.
import type { Command } from 'commander';
import { normalizeModifySpec } from '../../core/validation';
import { action, examples, type Runtime } from '../action';
import { addSpecFlags, flagNameOf, MODIFY_FLAGS, specFromFlags } from '../specFlags';
import { checkModify } from '../validate';
import { rememberCustomPorts } from './vmPorts';

export function registerVmModify(vm: Command, rt: Runtime): void {
  const cmd = vm.command('modify')
    .description('change ports, forwards, filters, GPUs, CPUs, memory or disk of a VM (some take effect on the next boot)')
    .argument('<task>', 'the task id')
    .option('--clear-custom-ports', 'remove every custom port forward')
    .option('--clear-network-filters', 'remove every network filter');
  addSpecFlags(cmd, MODIFY_FLAGS);
  cmd.action(action<Record<string, unknown>>(rt, async (ctx, [task], opts) => {
    const spec = specFromFlags(opts, MODIFY_FLAGS);
    if (opts['clearCustomPorts']) spec['new_custom_port'] ??= [];
    if (opts['clearNetworkFilters']) spec['new_network_filters'] ??= [];
    checkModify(spec, (f) => flagNameOf(f, MODIFY_FLAGS));
    const nodeId = ctx.nodeId();
    const normalized = normalizeModifySpec(spec);
    const reply = await ctx.client().modifyTask(nodeId, task!, normalized, await ctx.authed());
    if (normalized.new_custom_port !== undefined) await rememberCustomPorts(ctx, nodeId, task!, normalized.new_custom_port);
    if (ctx.printer.json) return ctx.printer.printJson(reply);
    ctx.printer.line(`${task}: modified (${reply})`);
  }));
  examples(cmd, [
    'dbc vm modify Gz3SL4zw1wKGNxKCkCS5eZ --new-ssh-port 5586 --new-custom-port tcp,8080 --new-custom-port udp,6000',
    'dbc vm modify Gz3SL4zw1wKGNxKCkCS5eZ --new-cpus 16 --new-mem 64 --increase-disk 100',
  ]);
}
