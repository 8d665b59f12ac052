// `dbc ssh config` writes (or updates) a VM's Host block in an ssh config file; `dbc ssh bootstrap`
// logs in once with the VM password (read through task info) and installs a public key. Both use
// src/ssh/core; the password is never printed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { TaskInfo } from '../../api/types';
import { bootstrapKey, SshError } from '../../ssh/core/bootstrap';
import { hostAliasFor } from '../../ssh/core/hostAlias';
import { defaultSshPaths, type SshPaths } from '../../ssh/core/paths';
import { findVmHost, vmHostEntry, writeVmHost, type AliasNaming, type AuthStage } from '../../ssh/core/sshConfig';
import { action, examples, type Runtime } from '../action';
import type { CliContext } from '../context';
import { CliFailure, ExitCode, UsageError } from '../exitCodes';
import { seconds } from '../wait';
import { errorMessage } from '../../util/errorMessage';

interface ConfigOpts {
  file?: string;
  identity?: string;
  keyOnly?: boolean;
}

interface BootstrapOpts {
  identity: string;
  file?: string;
  sshTimeout: string;
}

export function registerSshCommands(program: Command, rt: Runtime): void {
  const ssh = examples(program.command('ssh').description('ssh access to a VM: config blocks and key installation'),
    ['dbc ssh bootstrap Gz3SL4zw1wKGNxKCkCS5eZ --identity ~/.ssh/id_ed25519 --file ~/.ssh/dbc/config', 'ssh "$(dbc ssh config Gz3SL4zw1wKGNxKCkCS5eZ --key-only)"']);

  examples(ssh.command('config')
    .description('write or update the VM\'s Host block in an ssh config file and print its alias')
    .argument('<task>', 'the task id')
    .option('--file <file>', 'the ssh config file to edit (default ~/.ssh/dbc/config)')
    .option('--identity <keyfile>', 'the private key file for IdentityFile (default ~/.ssh/dbc/id_ed25519)')
    .option('--key-only', 'allow only key logins (after `dbc ssh bootstrap`)')
    .action(action<ConfigOpts>(rt, async (ctx, [task], opts) => {
      const nodeId = ctx.nodeId();
      const info = await ctx.client().taskInfo(nodeId, task!, await ctx.authed());
      const alias = await writeHostBlock(ctx, nodeId, info, opts, opts.keyOnly ? 'key' : 'password');
      printAlias(ctx, alias, info, opts.file);
    })), ['dbc ssh config Gz3SL4zw1wKGNxKCkCS5eZ --file ~/.ssh/dbc/config && ssh "$(dbc ssh config Gz3SL4zw1wKGNxKCkCS5eZ)"']);

  examples(ssh.command('bootstrap')
    .description('install KEYFILE.pub into the VM, logging in once with its password')
    .argument('<task>', 'the task id')
    .requiredOption('--identity <keyfile>', 'the private key whose .pub to install, e.g. ~/.ssh/id_ed25519')
    .option('--file <file>', 'then switch the VM\'s Host block in this ssh config file to key-only')
    .option('--ssh-timeout <seconds>', 'overall limit for the SSH login and key install', '60')
    .action(action<BootstrapOpts>(rt, (ctx, [task], opts) => bootstrap(ctx, task!, opts))),
  ['dbc ssh bootstrap Gz3SL4zw1wKGNxKCkCS5eZ --identity ~/.ssh/id_ed25519 --file ~/.ssh/dbc/config']);
}

async function bootstrap(ctx: CliContext, task: string, opts: BootstrapOpts): Promise<void> {
  const publicKey = await readPublicKey(ctx, opts.identity);
  const limit = seconds('--ssh-timeout', opts.sshTimeout);
  const nodeId = ctx.nodeId();
  const info = await ctx.client().taskInfo(nodeId, task, await ctx.authed());
  const { host, port, user } = sshTarget(info);
  const password = info.login_password;
  if (!password || password === 'N/A') throw new CliFailure(`ssh failed: the node reports no login password for ${task} (set one with: dbc vm passwd ${task})`, ExitCode.ssh);
  const result = await bootstrapKey({ host, port, user, password, env: { paths: sshPaths(ctx) }, publicKey, signal: ctx.signal, totalTimeoutMs: limit * 1000 });
  if (result.hostKey.learned) ctx.printer.note(`dbc: learned the host key of ${host}:${port}: ${result.hostKey.type} ${result.hostKey.fingerprint}`);
  const alias = opts.file ? await writeHostBlock(ctx, nodeId, info, { file: opts.file, identity: opts.identity }, 'key') : undefined;
  if (ctx.printer.json) return ctx.printer.printJson({ task_id: task, key_added: result.keyAdded, host, port, user, ...(alias ? { alias } : {}) });
  ctx.printer.line(`${task}: ${result.keyAdded ? 'key installed' : 'key was already installed'} for ${user}@${host}:${port}`);
  if (alias) ctx.printer.line(alias);
}

async function writeHostBlock(ctx: CliContext, nodeId: string, info: TaskInfo, opts: ConfigOpts, stage: AuthStage): Promise<string> {
  const { host, port, user } = sshTarget(info);
  const paths = sshPaths(ctx, opts.file);
  const identityFile = opts.identity ? path.resolve(ctx.cwd, expandHome(ctx, opts.identity)) : undefined;
  const vm = { nodeId, taskId: info.task_id }; // the client refused a reply about another task than the one asked for
  try {
    const block = await findVmHost(vm, { paths });
    const keeps = block !== undefined && block.alias !== hostAliasFor(vm); // a block keeps its alias; one of the earlier form is migrated
    const naming = keeps ? {} : await aliasNaming(ctx, nodeId, info);
    return (await writeVmHost(vmHostEntry({ vm, naming, host, port, user, stage, identityFile }, paths), { paths })).alias;
  } catch (err) {
    if (err instanceof SshError) throw err;
    throw new CliFailure(`ssh config failed: ${errorMessage(err)}`, ExitCode.ssh);
  }
}

/**
 * What a readable alias is made of (ssh/core/aliasChoice.ts): the VM's name, its node's name and the names
 * of the node's other VMs. The two lists are one request each, asked only for a VM without a block yet;
 * when one fails the alias is made without it (the node id instead of its name; no VM name without the
 * list that shows it is unique).
 */
async function aliasNaming(ctx: CliContext, nodeId: string, info: TaskInfo): Promise<AliasNaming> {
  const [nodes, tasks] = await Promise.all([
    ctx.client().listNodes({ signal: ctx.signal }).catch(() => []),
    ctx.authed().then((auth) => ctx.client().listTasks(nodeId, auth)).catch(() => undefined),
  ]);
  const nodeName = nodes.find((n) => n.node_id.toLowerCase() === nodeId.toLowerCase())?.name?.trim();
  const vmName = tasks ? info.desc?.trim() : undefined; // unique only if the other VMs' names are known
  const otherVmNames = (tasks ?? []).filter((t) => t.task_id !== info.task_id).map((t) => t.desc?.trim() ?? '').filter(Boolean);
  return { ...(vmName ? { vmName } : {}), ...(nodeName ? { nodeName } : {}), otherVmNames };
}

function printAlias(ctx: CliContext, alias: string, info: TaskInfo, file: string | undefined): void {
  const { host, port, user } = sshTarget(info);
  if (ctx.printer.json) return ctx.printer.printJson({ alias, file: sshPaths(ctx, file).config, host, port, user });
  ctx.printer.line(alias);
}

export function sshTarget(info: TaskInfo): { host: string; port: number; user: string } {
  if (!info.ssh_port) {
    throw new CliFailure(`ssh failed: ${info.task_id} has no ssh port${info.rdp_port ? ` (a Windows VM: use RDP on port ${info.rdp_port})` : ''}`, ExitCode.ssh);
  }
  if (!info.ssh_ip) throw new CliFailure(`ssh failed: the node reports no address for ${info.task_id} yet (status ${info.status})`, ExitCode.ssh);
  const user = info.user_name && info.user_name !== 'N/A' ? info.user_name : 'dbc';
  return { host: info.ssh_ip, port: Number(info.ssh_port), user };
}

export function home(ctx: CliContext): string {
  return ctx.home;
}

export function expandHome(ctx: CliContext, file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(home(ctx), file.slice(1)) : file;
}

export function sshPaths(ctx: CliContext, file?: string): SshPaths {
  return defaultSshPaths(home(ctx), file ? { config: path.resolve(ctx.cwd, expandHome(ctx, file)) } : {});
}

async function readPublicKey(ctx: CliContext, identity: string): Promise<string> {
  const file = `${path.resolve(ctx.cwd, expandHome(ctx, identity))}.pub`;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the public key ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const line = text.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#'))?.trim();
  if (!line || !/^(ssh-|ecdsa-|sk-)\S+ [A-Za-z0-9+/=]+/.test(line)) throw new UsageError(`${file} is not an OpenSSH public key`);
  return line;
}
