// Quoting for command lines the user copies into a terminal.
export type ShellFlavor = 'posix' | 'powershell';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX sh quoting: bare when safe, otherwise single quotes with `'\''` for embedded quotes. */
export function quotePosix(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell quoting: bare when safe, otherwise single quotes with `''` for embedded quotes. */
export function quotePowerShell(arg: string): string {
  if (SAFE.test(arg) && !arg.startsWith('@')) return arg;
  return `'${arg.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

export function quoteArg(arg: string, shell: ShellFlavor = 'posix'): string {
  return shell === 'posix' ? quotePosix(arg) : quotePowerShell(arg);
}

export function joinCommand(args: readonly string[], shell: ShellFlavor = 'posix'): string {
  return args.map((a) => quoteArg(a, shell)).join(' ');
}
