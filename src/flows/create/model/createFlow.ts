// Create VM from the first question to the decision: the steps, then a summary with "Create",
// "Edit field…" and "Save as profile…", looping until the user creates or leaves. Pure: questions go
// through `ask`, saving a profile through the `saveProfile` hook.
import type { StepQuestion } from '../../../ui/model/prompter';
import type { Translate } from '../../../ui/model/translate';
import { draftProblems, summaryLine, summaryRows, type CreateDraft, type CreateFacts } from './createDraft';
import { createSteps } from './createSteps';
import { editableSteps, editStep, runWizard, type Ask, type WizardStep } from './wizard';

export type SummaryChoice = 'create' | 'edit' | 'profile';

export interface FlowOptions {
  t: Translate;
  facts: CreateFacts;
  ask: Ask;
  /** Writes the draft as a profile file; the summary shows again afterwards. */
  saveProfile?(draft: CreateDraft): Promise<void>;
  /** The label of the final action (default "Create"). */
  finalLabel?: string;
}

export function summaryQuestion(o: FlowOptions, draft: CreateDraft): StepQuestion<unknown> {
  const { t } = o;
  const problems = draftProblems(t, draft, o.facts);
  const first = problems.length === 0
    ? { label: `$(check) ${o.finalLabel ?? t('Create')}`, detail: summaryLine(t, draft), value: 'create' }
    : { label: `$(error) ${t('Fix before creating: {0}', problems[0]!)}`, detail: summaryLine(t, draft), value: 'edit' };
  return {
    kind: 'pick', title: t('Create VM on {0}', o.facts.nodeName), placeholder: t('Review the new VM'),
    items: [
      first,
      { label: `$(edit) ${t('Edit field…')}`, value: 'edit' },
      ...(o.saveProfile ? [{ label: `$(save) ${t('Save as profile…')}`, description: '.dbc/vm.json', value: 'profile' }] : []),
    ],
  };
}

function editQuestion(o: FlowOptions, steps: readonly WizardStep<CreateDraft>[], draft: CreateDraft): StepQuestion<unknown> {
  const rows = summaryRows(o.t, draft);
  const ids = new Set(editableSteps(steps, draft).map((s) => s.id));
  return {
    kind: 'pick', title: o.t('Create VM on {0}', o.facts.nodeName), placeholder: o.t('Which field?'),
    items: rows.filter((r) => ids.has(r.id)).map((r) => ({ label: r.label, description: r.value, value: r.id })),
  };
}

/** The summary counts as the last step, from the first question on: "1/11" … "10/11", then "11/11". */
const SUMMARY_STEPS = 1;

/** The final draft when the user chose Create; undefined when they left. */
export async function runCreateFlow(o: FlowOptions, initial: CreateDraft): Promise<CreateDraft | undefined> {
  const steps = createSteps(o.t, o.facts);
  let draft = await runWizard(steps, initial, o.ask, SUMMARY_STEPS);
  while (draft) {
    const total = editableSteps(steps, draft).length + SUMMARY_STEPS;
    const choice = await o.ask(summaryQuestion(o, draft), { step: total, total, back: true });
    if (choice === undefined) return undefined;
    if (choice === 'back') {
      const last = editableSteps(steps, draft).at(-1)!;
      draft = await editStep(steps, last.id, draft, o.ask, SUMMARY_STEPS);
      continue;
    }
    if (choice.value === 'create') return draft;
    if (choice.value === 'profile') {
      await o.saveProfile?.(draft);
      continue;
    }
    const field = await o.ask(editQuestion(o, steps, draft), { step: total, total, back: true });
    if (field === undefined) return undefined;
    if (field !== 'back') draft = await editStep(steps, String(field.value), draft, o.ask, SUMMARY_STEPS);
  }
  return undefined;
}
