/** CSV serialisation with a fixed number format, so equal results give equal bytes. */
import type { Table } from '../runOne.js';

/** Format one cell: integers as they are, other numbers rounded to 6 decimals, strings quoted when needed. */
export function formatCell(v: string | number): string {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    if (!Number.isFinite(v)) return v > 0 ? 'Inf' : v < 0 ? '-Inf' : 'NaN';
    const r = Number(v.toFixed(6));
    return Object.is(r, -0) ? '0' : String(r);
  }
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialise a table (header + rows) as CSV text ending in a newline. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map(formatCell).join(',')];
  for (const row of table.rows) lines.push(row.map(formatCell).join(','));
  return lines.join('\n') + '\n';
}
