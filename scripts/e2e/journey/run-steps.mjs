// Runs journey steps in order. A step is { name, run(ctx), critical = true, screenshot = true, timeoutMs,
// inProgress }. Each step ends with a screenshot (FAILED-… on failure). After a critical step fails the
// remaining steps are skipped (they build on it); after a non-critical one the UI is reset with Escape and
// the run goes on. `inProgress: 'what is missing'` marks a step written ahead of a feature that has not
// landed yet: its failure is reported (✘ … in progress) and counted as pending, not as a failure; once it
// passes, the runner says so and the flag should be removed.
import { dismissTransientUi } from '../lib.mjs';

const DEFAULT_STEP_TIMEOUT_MS = 60000;

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Playwright errors run to many lines; keep the message and what it was waiting for. */
function shortError(e) {
  const lines = String(e?.message ?? e).split('\n');
  const waitingFor = lines.find((l) => l.includes('waiting for'));
  return [lines[0], waitingFor?.trim()].filter(Boolean).join(' — ');
}

async function screenshot(ctx, name) {
  try {
    return await ctx.shot(name);
  } catch (e) {
    console.log(`  (no screenshot: ${e.message.split('\n')[0]})`);
    return null;
  }
}

async function runStep(step, ctx) {
  const t0 = Date.now();
  try {
    await withTimeout(Promise.resolve().then(() => step.run(ctx)), step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, step.name);
    const file = step.screenshot === false ? null : await screenshot(ctx, step.name);
    return { name: step.name, status: 'passed', ms: Date.now() - t0, screenshot: file };
  } catch (e) {
    const file = await screenshot(ctx, `FAILED ${step.name}`);
    await dismissTransientUi(ctx.page);
    return { name: step.name, status: 'failed', ms: Date.now() - t0, screenshot: file, error: shortError(e) };
  }
}

function printStep(r) {
  const mark = { passed: '✔', failed: '✘', skipped: '-', 'in-progress': '✘' }[r.status];
  const extra = r.status === 'skipped' ? ' (skipped)'
    : r.status === 'in-progress' ? ` (${r.ms} ms; in progress: ${r.inProgress})` : ` (${r.ms} ms)`;
  const lines = [r.note, r.error, r.screenshot].filter(Boolean).map((l) => `\n      ${l}`).join('');
  console.log(`  ${mark} ${r.name}${extra}${lines}`);
}

/** Runs `steps` with `ctx` (page, shot, stack, state…); returns the step records. */
export async function runSteps(steps, ctx) {
  const records = [];
  let blockedBy = null;
  for (const step of steps) {
    const record = blockedBy
      ? { name: step.name, status: 'skipped', blockedBy }
      : await runStep(step, ctx);
    if (record.status === 'failed' && step.critical !== false) blockedBy = step.name;
    if (step.inProgress && record.status === 'failed') Object.assign(record, { status: 'in-progress', inProgress: step.inProgress });
    if (step.inProgress && record.status === 'passed') record.note = 'passes now: remove its inProgress flag';
    printStep(record);
    records.push(record);
  }
  return records;
}

/** The results file format of scripts/test.mjs, plus the step records. */
export function stepResults(records, prefix = 'journey') {
  const failed = records.filter((r) => r.status === 'failed').map((r) => ({ title: `${prefix}: ${r.name}`, error: r.error }));
  return {
    passes: records.filter((r) => r.status === 'passed').length,
    failures: failed.length,
    pending: records.filter((r) => r.status === 'skipped' || r.status === 'in-progress').length,
    failed,
    steps: records,
  };
}
