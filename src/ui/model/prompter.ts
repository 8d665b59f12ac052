// Every question a command asks goes through this interface, so tests (and other extensions, through
// the command arguments) can run commands without any prompt. Pure: the vscode implementation is in
// vscodePrompter.ts; a scripted one is easy to write in a test.
import { UserCancelled } from './errors';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Returns an error text, or undefined when the value is fine. */
  validate?: (value: string) => string | undefined;
}

export interface ConfirmOptions {
  message: string;
  detail?: string;
  /** The label of the confirming button; the dialog is modal and the other choice is Cancel. */
  action: string;
}

/** Where a question sits in a multi-step flow: the "2/9" counter, and whether a Back button is offered. */
export interface StepPosition {
  step: number;
  total: number;
  back: boolean;
}

export type StepQuestion<T> =
  | { kind: 'pick'; title: string; placeholder?: string; items: PickItem<T>[] }
  | ({ kind: 'input' } & InputOptions);

/** The chosen value, `'back'` when the Back button was pressed, or undefined when dismissed. */
export type StepAnswer<T> = { value: T } | 'back' | undefined;

export interface ChoiceOptions<T> {
  message: string;
  detail?: string;
  /** The buttons of the modal dialog, in order; Cancel is added by the editor. */
  choices: { label: string; value: T }[];
}

export interface Prompter {
  /** undefined when dismissed. */
  pick<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string; placeholder?: string; matchOnDetail?: boolean }): Promise<T | undefined>;
  pickMany<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: { title: string; placeholder?: string }): Promise<T[] | undefined>;
  input(opts: InputOptions): Promise<string | undefined>;
  confirm(opts: ConfirmOptions): Promise<boolean>;
  /** A modal question with several answers; undefined when cancelled. */
  choose<T>(opts: ChoiceOptions<T>): Promise<T | undefined>;
  /** One question of a multi-step flow (a pick, or an input validated as it is typed). */
  step<T>(question: StepQuestion<T>, position: StepPosition): Promise<StepAnswer<T>>;
  /** An absolute path, or undefined when dismissed. */
  openFile(opts: { title: string; filters?: Record<string, string[]> }): Promise<string | undefined>;
}

/** The answer, or a silent end of the command when the prompt was dismissed. */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}
