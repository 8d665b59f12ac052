// Glue between commander and the commands: every action gets a CliContext, its positional arguments
// and its own options, and may return an exit code (default 0).
import type { Command } from 'commander';
import { CliContext } from './context';
import type { CliIo } from './io';

export interface Runtime {
  io: CliIo;
  exitCode: number;
}

export type ActionFn<O> = (ctx: CliContext, args: string[], opts: O) => Promise<number | void>;

export function action<O = Record<string, unknown>>(rt: Runtime, fn: ActionFn<O>): (...raw: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const cmd = raw[raw.length - 1] as Command;
    const ctx = CliContext.of(rt.io, cmd);
    try {
      const code = await fn(ctx, cmd.processedArgs as string[], cmd.opts<O & Record<string, unknown>>());
      if (typeof code === 'number') rt.exitCode = code;
    } finally {
      await ctx.close();
    }
  };
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds an "Examples:" block to a command's help. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}
