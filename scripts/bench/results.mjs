// The results file (bench/results.json, schema in docs/benchmarks.md): one object per figure under a
// stable key, plus `_meta` describing the run. Keys never change meaning; new figures get new keys.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, resultsFile } from './lib/paths.mjs';
import { median, round } from './lib/stats.mjs';

export const SCHEMA_VERSION = 2;

/** A measurement that cannot run on this machine (not a failure): run.mjs lists it under `_meta.skipped`. */
export class NotFeasible extends Error {
  notFeasible = true;
}

/**
 * A target a figure must meet (issue 13): `max` (value ≤ max), `ratio` (value ≤ ratio × baseline) or
 * `equals`; `note` says where the number comes from. Returns { text, met } for the results file.
 */
function checkTarget(target, value, baseline, unit) {
  if (!target) return undefined;
  const n = (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  let text;
  let met;
  if (target.equals !== undefined) {
    text = `= ${n(target.equals)}`;
    met = value === target.equals;
  } else if (target.ratio !== undefined) {
    text = `≤ ${target.ratio}× baseline`;
    met = baseline !== null && value <= target.ratio * baseline;
  } else {
    text = `≤ ${n(target.max)} ${unit}`;
    met = value <= target.max;
  }
  return { text: target.note ? `${text} (${target.note})` : text, met, ...target };
}

/**
 * One figure. `value`/`baseline` are numbers (baseline null when there is none); with `samples` the
 * value is their median (same for `baselineSamples`). `better` says which direction is an improvement.
 */
export function figure({
  label, value, unit, baseline = null, baselineName = null, better = 'lower', samples, baselineSamples, digits = 1, detail, target,
}) {
  const f = {
    label,
    value: round(samples ? median(samples) : value, digits),
    unit,
    baseline: baselineSamples ? round(median(baselineSamples), digits) : baseline === null ? null : round(baseline, digits),
    baseline_name: baselineName,
    better,
  };
  const checked = checkTarget(target, f.value, f.baseline, unit);
  if (checked) f.target = checked;
  if (samples) f.samples = samples.map((s) => round(s, digits));
  if (baselineSamples) f.baseline_samples = baselineSamples.map((s) => round(s, digits));
  if (detail) f.detail = detail;
  return f;
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function runMeta(startedAt, durationMs, { skipped = {}, failed = {}, smoke = false } = {}) {
  return {
    schema: SCHEMA_VERSION,
    generated_at: new Date(startedAt).toISOString(),
    duration_s: round(durationMs / 1000, 1),
    commit: git(['rev-parse', 'HEAD']),
    // Uncommitted changes in the checkout were part of what was built and measured.
    dirty: Boolean(git(['status', '--porcelain', '--untracked-files=no'])),
    smoke,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    mem_gib: round(os.totalmem() / 2 ** 30, 1),
    load_avg: os.loadavg().map((l) => round(l, 1)),
    skipped,
    failed,
  };
}

export function writeResults(figures, meta, file = resultsFile) {
  const sorted = Object.fromEntries(Object.keys(figures).sort().map((k) => [k, figures[k]]));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ _meta: meta, ...sorted }, null, 2)}\n`);
  return file;
}
