// A multi-step input as a pure state machine. Each step builds its question from the values so far;
// an answer moves on, Back returns to the step shown before, dismissing cancels. Steps that do not apply
// (`skip`) are neither asked nor counted, so the "2/9" counter follows the user's choices; `trailing` counts
// questions the caller asks after the steps (a summary), so the total is right from the first one. Pure: the
// questions are rendered by whatever `ask` is given (the Prompter in the editor, a script in tests).
import type { StepAnswer, StepPosition, StepQuestion } from '../../../ui/model/prompter';

export interface WizardStep<V> {
  id: string;
  /** True when the step does not apply to these values. */
  skip?(values: V): boolean;
  /** True when the step must be asked again after an edit elsewhere (e.g. the port of a changed OS). */
  missing?(values: V): boolean;
  question(values: V): StepQuestion<unknown>;
  apply(values: V, answer: unknown): V;
}

export type Ask = (question: StepQuestion<unknown>, position: StepPosition) => Promise<StepAnswer<unknown>>;

function visible<V>(steps: readonly WizardStep<V>[], values: V): WizardStep<V>[] {
  return steps.filter((s) => !s.skip?.(values));
}

function position<V>(steps: readonly WizardStep<V>[], step: WizardStep<V>, values: V, back: boolean, trailing: number): StepPosition {
  const shown = visible(steps, values);
  return { step: shown.indexOf(step) + 1, total: shown.length + trailing, back };
}

/**
 * Asks the steps at `indexes` in order (skipping those that do not apply). Back from the first one
 * returns 'back' when `backOut` is set, so a caller can return to where it came from.
 */
async function runIndexes<V>(
  steps: readonly WizardStep<V>[], indexes: number[], initial: V, ask: Ask, backOut: boolean, trailing: number,
): Promise<V | 'back' | undefined> {
  let values = initial;
  const history: number[] = [];
  let k = 0;
  while (k < indexes.length) {
    const step = steps[indexes[k]!]!;
    if (step.skip?.(values)) {
      k++;
      continue;
    }
    const answer = await ask(step.question(values), position(steps, step, values, history.length > 0 || backOut, trailing));
    if (answer === undefined) return undefined;
    if (answer === 'back') {
      const previous = history.pop();
      if (previous === undefined) return 'back';
      k = previous;
      continue;
    }
    values = step.apply(values, answer.value);
    history.push(k);
    k++;
  }
  return values;
}

/** Runs every step from the first; undefined when the user dismissed a question. */
export async function runWizard<V>(steps: readonly WizardStep<V>[], initial: V, ask: Ask, trailing = 0): Promise<V | undefined> {
  const result = await runIndexes(steps, steps.map((_, i) => i), initial, ask, false, trailing);
  return result === 'back' ? undefined : result;
}

/**
 * Asks one step again (Back returns the values unchanged), then every later step the change made
 * `missing`, and every step it made apply that was skipped before.
 */
export async function editStep<V>(steps: readonly WizardStep<V>[], id: string, values: V, ask: Ask, trailing = 0): Promise<V | undefined> {
  const index = steps.findIndex((s) => s.id === id);
  if (index < 0) return values;
  const first = await runIndexes(steps, [index], values, ask, true, trailing);
  if (first === 'back') return values;
  if (first === undefined) return undefined;
  const follow = steps.map((s, i) => ({ s, i }))
    .filter(({ s, i }) => i > index && !s.skip?.(first) && (s.missing?.(first) || (s.skip?.(values) ?? false)))
    .map(({ i }) => i);
  const rest = await runIndexes(steps, follow, first, ask, false, trailing);
  return rest === 'back' ? undefined : rest;
}

/** The steps that apply to these values, for an "Edit field…" list. */
export function editableSteps<V>(steps: readonly WizardStep<V>[], values: V): WizardStep<V>[] {
  return visible(steps, values);
}
