// Prints the figures as a table: each figure next to its baseline, the ratio between them, and its target
// with whether it is met. The same table, in Markdown, goes into docs/benchmarks.md (updateDocsTable).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths.mjs';

function fmt(value, unit) {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${text} ${unit}`;
}

/** "12.3× less" when both are positive, else the difference. */
function comparison(f) {
  if (f.baseline === null || f.baseline === undefined) return '';
  if (f.value > 0 && f.baseline > 0) {
    const r = f.baseline / f.value;
    return r >= 1 ? `${r.toFixed(r >= 10 ? 0 : 1)}× less` : `${(1 / r).toFixed(r <= 0.1 ? 0 : 1)}× more`;
  }
  if (f.value === f.baseline) return 'same';
  if (f.value === 0) return 'none';
  return `${f.value > f.baseline ? '+' : ''}${(f.value - f.baseline).toLocaleString('en-US')} ${f.unit}`;
}

const HEAD = ['figure', 'ours', 'baseline', 'baseline is', 'vs baseline', 'target', 'met'];

function rows(figures) {
  return Object.entries(figures).map(([key, f]) => [
    key, fmt(f.value, f.unit), fmt(f.baseline, f.unit), f.baseline_name ?? '', comparison(f),
    f.target?.text ?? '', f.target ? (f.target.met ? 'yes' : 'NO') : '',
  ]);
}

export function formatTable(figures) {
  const body = rows(figures);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(figures) {
  const esc = (c) => c.replace(/\|/g, '\\|');
  const body = rows(figures).map(([key, ...rest]) => `| \`${key}\` | ${rest.map(esc).join(' | ')} |`);
  return [`| ${HEAD.join(' | ')} |`, '| --- | ---: | ---: | --- | --- | --- | --- |', ...body].join('\n');
}

const BEGIN = '<!-- bench:table begin (written by npm run bench) -->';
const END = '<!-- bench:table end -->';

/** Replaces the table between the markers in docs/benchmarks.md with this run's. */
export function updateDocsTable(figures, meta) {
  const file = path.join(repoRoot, 'docs', 'benchmarks.md');
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${BEGIN} … ${END} block`);
  const run = `Run of commit \`${meta.commit?.slice(0, 10)}\`${meta.dirty ? ' (with uncommitted changes)' : ''}, ${meta.generated_at.slice(0, 10)}, ` +
    `${meta.cpus}, load average ${meta.load_avg.join(' / ')} at the start, ${Math.round(meta.duration_s)} s.` +
    `${Object.keys(meta.skipped).length ? ` Not measured: ${Object.entries(meta.skipped).map(([k, v]) => `${k} (${v})`).join('; ')}.` : ''}`;
  const block = `${BEGIN}\n${run}\n\n${markdownTable(figures)}\n${END}`;
  fs.writeFileSync(file, text.slice(0, from) + block + text.slice(to + END.length));
}
