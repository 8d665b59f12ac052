// A scripted `ask` for the pure multi-step flows: each answer sees the question and its position, and
// every question asked is recorded ("3/11 input: CPU cores"). Running out of answers fails the test.
import type { StepAnswer, StepPosition, StepQuestion } from '../../../../src/ui/model/prompter';

export type Scripted = (q: StepQuestion<unknown>, pos: StepPosition) => StepAnswer<unknown>;

export interface Script {
  ask: (q: StepQuestion<unknown>, pos: StepPosition) => Promise<StepAnswer<unknown>>;
  asked: string[];
  positions: StepPosition[];
  left: () => number;
}

export function titleOf(q: StepQuestion<unknown>): string {
  return q.kind === 'pick' ? q.placeholder ?? q.title : q.prompt ?? q.title;
}

export function script(...answers: Scripted[]): Script {
  const queue = [...answers];
  const asked: string[] = [];
  const positions: StepPosition[] = [];
  return {
    asked, positions, left: () => queue.length,
    ask: async (q, pos) => {
      asked.push(`${pos.step}/${pos.total} ${q.kind}: ${titleOf(q)}`);
      positions.push(pos);
      const next = queue.shift();
      if (!next) throw new Error(`no scripted answer for "${titleOf(q)}"`);
      return next(q, pos);
    },
  };
}

/** Picks the item with this label. */
export const pick = (label: string): Scripted => (q) => {
  if (q.kind !== 'pick') throw new Error(`expected a pick, got input "${titleOf(q)}"`);
  const item = q.items.find((i) => i.label === label || i.label.endsWith(` ${label}`));
  if (!item) throw new Error(`no item "${label}" in ${q.items.map((i) => i.label).join(', ')}`);
  return { value: item.value };
};

/** Picks the item marked `picked` (what Enter chooses). */
export const accept: Scripted = (q) => {
  if (q.kind === 'pick') return { value: (q.items.find((i) => i.picked) ?? q.items[0]!).value };
  const problem = q.validate?.(q.value ?? '');
  if (problem) throw new Error(`the proposed "${q.value}" for "${titleOf(q)}" is refused: ${problem}`);
  return { value: q.value ?? '' };
};

/** Types this text; it must pass the input's validation. */
export const type = (text: string): Scripted => (q) => {
  if (q.kind !== 'input') throw new Error(`expected an input, got pick "${titleOf(q)}"`);
  const problem = q.validate?.(text);
  if (problem) throw new Error(`"${text}" for "${titleOf(q)}" is refused: ${problem}`);
  return { value: text };
};

/** Presses Back; dismiss closes the question (Escape). */
export const back: Scripted = () => 'back';
export const dismiss: Scripted = () => undefined;
