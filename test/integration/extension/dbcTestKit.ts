// Helpers for the in-host tests of the DBC views and commands: the extension's test API, a scripted
// Prompter (an unexpected question fails the test instead of hanging), waiting, and settings.
import * as net from 'net';
import * as vscode from 'vscode';
import type { DbcTestApi } from '../../../src/services';
import type { ChoiceOptions, ConfirmOptions, InputOptions, PickItem, Prompter, StepAnswer, StepPosition, StepQuestion } from '../../../src/ui/model/prompter';

export const EXTENSION_ID = 'dbc-vscode.dbc-vscode';

/** The extension's API with its test hooks, which exist only in ExtensionMode.Test (as here). */
export async function dbcApi(): Promise<DbcTestApi> {
  const ext = vscode.extensions.getExtension<DbcTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  if (typeof api.setPrompter !== 'function') throw new Error('the DBC test hooks are missing: the extension host is not in test mode');
  return api;
}

export function simUrl(): string {
  const url = process.env.DBC_SIM_URL;
  if (!url) throw new Error('$DBC_SIM_URL is not set: run through scripts/e2e/run-host-tests.mjs');
  return url.replace(/\/+$/, '');
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A loopback port nobody listens on (for an unreachable endpoint). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function setEndpoints(value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update('dbc.endpoints', value, vscode.ConfigurationTarget.Global);
}

type Answer =
  | { confirm: boolean } | { pick: (items: PickItem<unknown>[]) => unknown } | { input: string | ((opts: InputOptions) => string) }
  /** Presses the modal button with this value (undefined: Cancel). */
  | { choose: unknown }
  /** Presses the Back button of a multi-step question. */
  | { back: true };

/** Answers prompts from a queue, in order; anything unexpected throws. */
export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  private readonly answers: Answer[] = [];

  then(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  get pending(): number {
    return this.answers.length;
  }

  private next(kind: 'confirm' | 'pick' | 'input' | 'choose', title: string, allowBack = false): Answer {
    this.asked.push(`${kind}: ${title}`);
    const answer = this.answers.shift();
    if (allowBack && answer && 'back' in answer) return answer;
    if (!answer || !(kind in answer)) throw new Error(`unexpected ${kind} prompt "${title}" (next answer: ${JSON.stringify(answer)})`);
    return answer;
  }

  /** Multi-step questions take the same answers as pick/input, or `{ back: true }` where Back is offered. */
  async step<T>(q: StepQuestion<T>, pos: StepPosition): Promise<StepAnswer<T>> {
    const title = q.kind === 'pick' ? q.title : q.prompt ?? q.title;
    const answer = this.next(q.kind, `${pos.step}/${pos.total} ${title}`, pos.back);
    if ('back' in answer) return 'back';
    if (q.kind === 'pick') return { value: (answer as { pick: (items: PickItem<unknown>[]) => unknown }).pick(q.items) as T };
    const given = (answer as { input: string | ((o: InputOptions) => string) }).input;
    const text = typeof given === 'function' ? given(q) : given;
    const problem = q.validate?.(text);
    if (problem) throw new Error(`the answer "${text}" to "${title}" is refused: ${problem}`);
    return { value: text as T };
  }

  async pick<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string }): Promise<T | undefined> {
    const a = this.next('pick', opts.title) as { pick: (items: PickItem<unknown>[]) => unknown };
    return a.pick(await items) as T | undefined;
  }

  async pickMany<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string }): Promise<T[] | undefined> {
    const a = this.next('pick', opts.title) as { pick: (items: PickItem<unknown>[]) => unknown };
    return a.pick(await items) as T[] | undefined;
  }

  /** Answers like a user would: the given text, or computed from the prompt (e.g. its proposed value); it must pass the prompt's validation. */
  async input(opts: InputOptions): Promise<string | undefined> {
    const answer = (this.next('input', opts.prompt ?? opts.title) as { input: string | ((o: InputOptions) => string) }).input;
    const text = typeof answer === 'function' ? answer(opts) : answer;
    const problem = opts.validate?.(text);
    if (problem) throw new Error(`the answer "${text}" to "${opts.prompt}" is refused: ${problem}`);
    return text;
  }

  async confirm(opts: ConfirmOptions): Promise<boolean> {
    return (this.next('confirm', opts.message) as { confirm: boolean }).confirm;
  }

  async choose<T>(opts: ChoiceOptions<T>): Promise<T | undefined> {
    const value = (this.next('choose', opts.message) as { choose: unknown }).choose;
    if (value !== undefined && !opts.choices.some((c) => c.value === value)) throw new Error(`"${opts.message}" offers no ${String(value)}`);
    return value as T | undefined;
  }

  async openFile(opts: { title: string }): Promise<string | undefined> {
    throw new Error(`unexpected file prompt "${opts.title}"`);
  }
}
