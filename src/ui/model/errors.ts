// Errors the editor layer throws itself. Pure (no vscode), so the tree model and tests can use them.
import { formatTemplate } from '../../core/messages';
import { errorMessage } from '../../util/errorMessage';

/** The user dismissed a prompt: commands end silently. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

/** A button of an error notification: its label is already localized. */
export interface ErrorAction {
  label: string;
  run(): unknown;
}

/** A failure whose text is ours and translatable: `template` goes through l10n.t with `args`. */
export class UserFacingError extends Error {
  readonly args: string[];
  constructor(
    readonly template: string,
    args: (string | number)[] = [],
    /** A what-to-do hint template (no arguments). */
    readonly hintTemplate?: string,
    /** Buttons offered before "Show Log" (e.g. "Set Password…"). */
    readonly actions: readonly ErrorAction[] = [],
  ) {
    const list = args.map(String);
    super(formatTemplate(template, list));
    this.args = list;
    this.name = 'UserFacingError';
  }
}

/** An API failure with what we were doing and where, for a message that says what failed. */
export class OperationFailed extends Error {
  constructor(
    /** Localized, e.g. "Starting demo-vm failed". */
    readonly what: string,
    override readonly cause: unknown,
    readonly endpoint?: string,
  ) {
    super(`${what}: ${errorMessage(cause)}`);
    this.name = 'OperationFailed';
  }
}
