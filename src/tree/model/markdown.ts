// Tiny helpers to build Markdown tooltips safely from node data (which we do not control).

/**
 * Escapes what could change the meaning of node-supplied text inside a tooltip line or table cell:
 * emphasis, code, links, HTML, table pipes, and `$(` (tooltips render codicons).
 */
export function md(text: string | number | undefined): string {
  return String(text ?? '').replace(/[\\`*_[\]<>|~$]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** Inline code; backticks inside are replaced so the span cannot be broken out of. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** A two-column table of the rows that have a value. */
export function table(rows: readonly (readonly [string, string | undefined])[]): string {
  const kept = rows.filter(([, v]) => v !== undefined && v !== '');
  if (kept.length === 0) return '';
  return ['| | |', '|---|---|', ...kept.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
