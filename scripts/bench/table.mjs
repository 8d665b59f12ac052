// Prints the figures as a table: each figure next to its baseline, with the ratio between them.

function fmt(value, unit) {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${text} ${unit}`;
}

/** "12.3× lower" when both are positive, else the difference. */
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

export function formatTable(figures) {
  const rows = Object.entries(figures).map(([key, f]) => [
    key, fmt(f.value, f.unit), fmt(f.baseline, f.unit), f.baseline_name ?? '', comparison(f),
  ]);
  const head = ['figure', 'ours', 'baseline', 'baseline is', 'vs baseline'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
