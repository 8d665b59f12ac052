// `vm ports`: every way into a VM as "guest → ip:host port" (ssh, rdp, vnc and the custom_port rules
// dbc recorded at create or modify); `vm forward`: a guest port (e.g. Jupyter's 8888) on a free local
// port through the VM's SSH connection, until Ctrl+C.
import type { Command } from 'commander';
import { vmPorts } from '../../core/ports/vmPorts';
import { SshConnectionPool } from '../../ssh/core/connectionPool';
import { connectWithKey } from '../../ssh/core/keySession';
import { LocalPortInUseError, probeGuestPort, startForward } from '../../ssh/core/portForward';
import { recordCustomPorts, recordedCustomPorts } from '../../ssh/core/portRecord';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { UsageError } from '../exitCodes';
import { vmAccess } from '../vmAccess';
import { sshPaths } from './ssh';
import { errorMessage } from '../../util/errorMessage';

interface ForwardOpts {
  remote: string;
  local?: string;
  identity?: string;
  sshTimeout: string;
}

export function registerVmPorts(vm: Command, rt: Runtime): void {
  examples(vm.command('ports')
    .description('list the ways into a VM: ssh, rdp, vnc and its custom ports, as guest → ip:host port')
    .argument('<task>', 'the task id')
    .action(action(rt, (ctx, [task]) => ports(ctx, task!))),
  ['dbc vm ports Gz3SL4zw1wKGNxKCkCS5eZ', 'dbc vm ports Gz3SL4zw1wKGNxKCkCS5eZ --json']);

  examples(vm.command('forward')
    .description('forward a port inside the VM to a local port through SSH (like ssh -L) and print its URL; runs until Ctrl+C')
    .argument('<task>', 'the task id')
    .requiredOption('--remote <port>', 'the port inside the VM, e.g. 8888 for Jupyter')
    .option('--local <port>', 'the local port on 127.0.0.1 (default: a free one)')
    .option('--identity <keyfile>', 'the private key to log in with (default: the key DBC installed)')
    .option('--ssh-timeout <seconds>', 'limit for the SSH connect and login', '20')
    .action(action<ForwardOpts>(rt, (ctx, [task], opts) => forward(ctx, task!, opts))),
  ['dbc vm forward Gz3SL4zw1wKGNxKCkCS5eZ --remote 8888', 'dbc vm forward Gz3SL4zw1wKGNxKCkCS5eZ --remote 6006 --local 16006']);
}

async function ports(ctx: CliContext, task: string): Promise<void> {
  const nodeId = ctx.nodeId();
  const info = await ctx.client().taskInfo(nodeId, task, await ctx.authed());
  const recorded = await recordedCustomPorts({ nodeId, taskId: info.task_id }, { paths: sshPaths(ctx) });
  const list = vmPorts(info, recorded ?? []);
  if (ctx.printer.json) return ctx.printer.printJson({ ports: list.map(({ text: _text, ...p }) => p), custom_ports_recorded: recorded !== undefined });
  for (const p of list) ctx.printer.line(`${p.text}${p.url ? `  ${p.url}` : ''}`);
  if (recorded === undefined) ctx.printer.note(`dbc: no custom ports recorded for ${task} (dbc records them when it creates or modifies a VM; the node does not report them)`);
}

/** After the node accepted a create or modify: remember its custom ports for `vm ports` (never fatal). */
export async function rememberCustomPorts(ctx: CliContext, nodeId: string, taskId: string, customPorts: unknown): Promise<void> {
  if (!Array.isArray(customPorts) || !customPorts.every((p) => typeof p === 'string')) return;
  try {
    await recordCustomPorts({ nodeId, taskId }, customPorts, { paths: sshPaths(ctx) });
  } catch (err) {
    ctx.printer.note(`dbc: could not record the custom ports of ${taskId}: ${errorMessage(err)}`);
  }
}

function portFlag(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number from 1 to 65535 (got "${raw}")`);
  return n;
}

async function forward(ctx: CliContext, task: string, opts: ForwardOpts): Promise<void> {
  const remotePort = portFlag('--remote', opts.remote);
  const localPort = opts.local === undefined ? 0 : portFlag('--local', opts.local);
  const access = await vmAccess(ctx, task, opts);
  const pool = new SshConnectionPool(30_000);
  const lease = () => pool.acquire(task, () => connectWithKey(access.login));
  try {
    if (!(await probeGuestPort(await lease(), remotePort))) ctx.printer.note(`dbc: nothing answers on port ${remotePort} inside ${task} yet; the forward stays open`);
    const fwd = await startForward({ remotePort, localPort, lease, onError: (err) => ctx.printer.note(`dbc: ${err.message}`) }).catch((err: unknown) => {
      if (err instanceof LocalPortInUseError) throw new UsageError(`local port ${err.port} is in use: choose another with --local, or leave --local out for a free port`);
      throw err;
    });
    if (ctx.printer.json) ctx.printer.printJson({ task_id: task, remote_port: remotePort, local_port: fwd.localPort, url: fwd.url });
    else ctx.printer.line(fwd.url);
    ctx.printer.note(`dbc: forwarding ${fwd.url} to port ${remotePort} inside ${task}; Ctrl+C to stop`);
    await untilAborted(ctx.signal);
    await fwd.close();
  } finally {
    pool.closeAll();
  }
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
