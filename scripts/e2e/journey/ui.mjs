// Journey-specific UI drivers on top of lib.mjs: the multi-step prompts of Import Wallet, Create VM and
// Create Snapshot answered the way a user would (read the question on screen, type or pick, Enter), and
// small simulator look-ups through its admin API. Everything waits for a condition, never a fixed time.
import {
  quickInputState, sel, simAdmin, simTasks, waitForDialog, waitUntil,
} from '../lib.mjs';

/** What identifies one question on screen: a new title, prompt, placeholder or item list means a new step. */
function signature(q) {
  return JSON.stringify([q.title, q.message, q.placeholder, q.password, q.rows.map((r) => r.label)]);
}

/**
 * Waits for the next question of a multi-step prompt: a visible quick input that differs from `previous`
 * and reads the same twice in a row (VS Code fills title, prompt and items in separate updates), or a
 * modal dialog. Resolves null when nothing new shows within `timeoutMs` (the flow is over).
 */
export async function nextQuestion(page, previous, { timeoutMs = 30000, finished } = {}) {
  let last = null;
  const dialog = page.locator('.monaco-dialog-box');
  try {
    return await waitUntil('the next question', async () => {
      if (await dialog.count()) return { dialog: (await dialog.first().innerText()).trim() };
      if (finished && await finished()) return { finished: true };
      const q = await quickInputState(page);
      if (!q.visible) {
        last = null;
        return false;
      }
      const sig = signature(q);
      if (sig === previous) return false;
      if (sig !== last) {
        last = sig;
        return false;
      }
      return { ...q, signature: sig };
    }, { timeoutMs, everyMs: 120 });
  } catch {
    return null;
  }
}

/** Types `text` into the open input box (replacing its value) and presses Enter. */
async function typeAndAccept(page, text) {
  const input = page.locator(sel.quickInput);
  if (text !== undefined) await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Clicks the quick-pick row whose label is exactly `label`. */
async function clickRow(page, label) {
  const rows = page.locator(sel.quickRow).filter({ has: page.locator('.label-name', { hasText: label }) });
  await rows.first().click();
}

/**
 * Answers a multi-step prompt question by question. `answer(q)` looks at a question (`q.dialog` for a
 * modal dialog, else `{ title, message, value, placeholder, rows }`) and returns what to do:
 *   { type: 'text' }  replace the value and Enter  | { pick: 'label' }  click that row
 *   { accept: true }  Enter on the proposed value / focused row  | { button: 'text' } click a dialog button
 *   { done: true }    stop here (the caller handles this question)
 * The flow is over when `finished()` (e.g. "its progress notification showed") turns true while no
 * question is open, or when no question shows within `nextTimeoutMs(q)` after answering `q`.
 * Resolves with the list of questions seen.
 */
export async function answerQuestions(page, answer, {
  firstTimeoutMs = 30000, nextTimeoutMs = () => 30000, finished, maxQuestions = 30,
} = {}) {
  const seen = [];
  let previous = '';
  let timeoutMs = firstTimeoutMs;
  for (let i = 0; i < maxQuestions; i++) {
    const q = await nextQuestion(page, previous, { timeoutMs, finished: seen.length ? finished : undefined });
    if (q?.finished) return seen;
    if (!q) {
      if (seen.length === 0) throw new Error(`no question appeared within ${timeoutMs} ms`);
      return seen;
    }
    seen.push(q);
    const what = await answer(q);
    if (!what || what.done) return seen;
    if (q.dialog) {
      await page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: what.button }).first().click();
      await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10000 });
      previous = '';
    } else {
      if (what.pick !== undefined) await clickRow(page, what.pick);
      else await typeAndAccept(page, what.type);
      previous = q.signature;
    }
    timeoutMs = nextTimeoutMs(q);
  }
  throw new Error(`more than ${maxQuestions} questions: ${seen.map((q) => q.dialog ?? `${q.title} / ${q.message}`).join(' | ')}`);
}

/** A one-line description of a question, for error messages and the record. */
export function describeQuestion(q) {
  if (q.dialog) return `dialog: ${q.dialog.replace(/\s+/g, ' ')}`;
  const rows = q.rows.length ? ` [${q.rows.map((r) => r.label).join(' | ')}]` : '';
  return `${q.title} — ${q.message}${q.value ? ` = "${q.value}"` : ''}${rows}`;
}

/** The task whose description (the VM's name) is `desc`, from the simulator's state; undefined if none. */
export async function simTaskByName(sim, desc) {
  return (await simTasks(sim)).find((t) => t.desc === desc);
}

/** Waits until the simulator reports the task `desc` with status matching `status`; returns the task. */
export async function waitForSimTask(sim, desc, status, { timeoutMs = 30000 } = {}) {
  let seen;
  return waitUntil(() => `the simulator to report ${desc} as ${status} (it reports ${seen?.status ?? 'no such task'})`, async () => {
    seen = await simTaskByName(sim, desc);
    return seen && (status instanceof RegExp ? status.test(seen.status) : seen.status === status) ? seen : false;
  }, { timeoutMs, everyMs: 200 });
}

export async function setSimSpeed(sim, speed) {
  await simAdmin(sim, 'speed', { speed });
}

/** Whether a modal dialog is open now. */
export async function dialogOpen(page) {
  return (await page.locator('.monaco-dialog-box').count()) > 0;
}

export { waitForDialog };

/**
 * Waits until the extension has stopped asking the simulator for anything for `quietMs` (its request
 * counter stands still): rows that a refresh re-renders under the mouse take a click for the wrong item.
 */
export async function waitForQuietTree(sim, { quietMs = 1200, timeoutMs = 30000 } = {}) {
  let last = -1;
  let since = Date.now();
  await waitUntil(`the simulator to get no request for ${quietMs} ms`, async () => {
    const { total } = await simAdmin(sim, 'counters');
    if (total !== last) [last, since] = [total, Date.now()];
    return Date.now() - since >= quietMs;
  }, { timeoutMs, everyMs: 200 });
}
