// How `dbc vm gpu` and `dbc vm forward` reach a VM: its address from task info, the key DBC installed
// (or --identity), our known_hosts. The password is never used here: no installed key, no login.
import path from 'node:path';
import type { TaskInfo } from '../api/types';
import { type VmRef } from '../ssh/core/hostAlias';
import { installedKey, type KeyLogin } from '../ssh/core/keySession';
import { expandHome, home, sshPaths, sshTarget } from './commands/ssh';
import type { CliContext } from './context';
import { CliFailure, ExitCode, UsageError } from './exitCodes';

export interface VmAccess {
  vm: VmRef;
  info: TaskInfo;
  login: KeyLogin & { vm: VmRef };
}

export async function vmAccess(ctx: CliContext, task: string, opts: { identity?: string; sshTimeout?: string }): Promise<VmAccess> {
  const timeout = opts.sshTimeout === undefined ? 20 : Number(opts.sshTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--ssh-timeout must be a positive number of seconds (got "${opts.sshTimeout}")`);
  const nodeId = ctx.nodeId();
  const info = await ctx.client().taskInfo(nodeId, task, await ctx.authed());
  if (info.status !== 'running') throw new CliFailure(`ssh failed: ${task} is ${info.status}, not running`, ExitCode.ssh);
  const target = sshTarget(info);
  const vm = { nodeId, taskId: info.task_id };
  const paths = sshPaths(ctx);
  const identityFile = opts.identity ? path.resolve(ctx.cwd, expandHome(ctx, opts.identity)) : await installedKey(vm, target, { paths }, home(ctx));
  if (!identityFile) {
    throw new CliFailure(`ssh failed: no SSH key is installed on ${task} yet. Connect once from VS Code (Connect via Remote-SSH), `
      + `or run: dbc ssh bootstrap ${task} --identity ~/.ssh/id_ed25519 --file ${paths.config}; or pass --identity KEYFILE`, ExitCode.ssh);
  }
  const agentSocket = ctx.env['SSH_AUTH_SOCK'] || undefined;
  return { vm, info, login: { ...target, vm, identityFile, env: { paths }, signal: ctx.signal, timeoutMs: timeout * 1000, ...(agentSocket ? { agentSocket } : {}) } };
}
