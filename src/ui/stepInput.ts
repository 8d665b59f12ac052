// One step of a multi-step flow on VS Code's QuickPick / InputBox: the "2/9" counter, a Back button, and
// live validation of typed values (the message shows under the box and Enter is refused until it clears).
import * as vscode from 'vscode';
import type { PickItem, StepAnswer, StepPosition, StepQuestion } from './model/prompter';

type Item<T> = vscode.QuickPickItem & { value: T };

function decorate(input: vscode.QuickInput, title: string, pos: StepPosition): void {
  input.title = title;
  input.step = pos.step;
  input.totalSteps = pos.total;
  input.ignoreFocusOut = true;
}

function settle<T>(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[]; onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
  pos: StepPosition, wire: (done: (a: StepAnswer<T>) => void) => vscode.Disposable[]): Promise<StepAnswer<T>> {
  input.buttons = pos.back ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepAnswer<T>>((resolve) => {
    let finished = false;
    const done = (answer: StepAnswer<T>) => {
      if (finished) return;
      finished = true;
      resolve(answer);
      for (const d of subs) d.dispose();
      input.dispose();
    };
    const subs: vscode.Disposable[] = [
      input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done('back')),
      input.onDidHide(() => done(undefined)),
      ...wire(done),
    ];
    input.show();
  });
}

function pickStep<T>(q: { title: string; placeholder?: string; items: PickItem<T>[] }, pos: StepPosition): Promise<StepAnswer<T>> {
  const pick = vscode.window.createQuickPick<Item<T>>();
  decorate(pick, q.title, pos);
  pick.placeholder = q.placeholder;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = q.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
  const active = pick.items.find((_, n) => q.items[n]?.picked);
  if (active) pick.activeItems = [active];
  return settle<T>(pick, pos, (done) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) done({ value: chosen.value });
    }),
  ]);
}

function inputStep(q: Extract<StepQuestion<string>, { kind: 'input' }>, pos: StepPosition): Promise<StepAnswer<string>> {
  const box = vscode.window.createInputBox();
  decorate(box, q.title, pos);
  box.prompt = q.prompt;
  box.value = q.value ?? '';
  box.placeholder = q.placeholder;
  box.password = q.password ?? false;
  const check = (v: string) => {
    box.validationMessage = q.validate?.(v);
  };
  check(box.value);
  return settle<string>(box, pos, (done) => [
    box.onDidChangeValue(check),
    box.onDidAccept(() => {
      check(box.value);
      if (!box.validationMessage) done({ value: box.value });
    }),
  ]);
}

export function showStep<T>(question: StepQuestion<T>, position: StepPosition): Promise<StepAnswer<T>> {
  if (question.kind === 'pick') return pickStep(question, position);
  return inputStep(question, position) as Promise<StepAnswer<T>>;
}
