// The ssh command line a user can copy for a VM: `ssh -p PORT user@ip` before our config is written,
// `ssh <alias>` (or `ssh -F <file> <alias>` when our file is not included from ~/.ssh/config) after.
import { joinCommand, type ShellFlavor } from './shellQuote';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

export interface CommandOptions {
  shell?: ShellFlavor;
}

export function sshArgsForTarget(target: SshTarget): string[] {
  assertNotOption('host', target.host);
  assertNotOption('user', target.user);
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new Error(`Invalid SSH port ${target.port}.`);
  }
  const portArgs = target.port === 22 ? [] : ['-p', String(target.port)];
  return ['ssh', ...portArgs, `${target.user}@${target.host}`];
}

export function sshArgsForAlias(alias: string, configFile?: string): string[] {
  assertNotOption('alias', alias);
  return configFile ? ['ssh', '-F', configFile, alias] : ['ssh', alias];
}

export function sshCommandForTarget(target: SshTarget, opts: CommandOptions = {}): string {
  return joinCommand(sshArgsForTarget(target), opts.shell);
}

export function sshCommandForAlias(alias: string, opts: CommandOptions & { configFile?: string } = {}): string {
  return joinCommand(sshArgsForAlias(alias, opts.configFile), opts.shell);
}

// A value starting with "-" would be read by ssh as an option.
function assertNotOption(what: string, value: string): void {
  if (value === '' || value.startsWith('-') || /[\s\0]/.test(value)) {
    throw new Error(`Invalid SSH ${what} "${value}".`);
  }
}
