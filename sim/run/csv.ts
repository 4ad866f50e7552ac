/** CSV serialisation with a fixed number format, so equal results give equal bytes. */
import type { Table } from '../runOne.js';

/**
 * Format one cell: a number exactly, as the shortest text that reads back as the same double (so the
 * CSV holds what the Arrow and Parquet copies hold: no p-value of 1e-12 written as 0, no design point
 * rounded), −0 as 0, infinities and NaN as Inf, -Inf, NaN; a string quoted when needed.
 */
export function formatCell(v: string | number): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? 'Inf' : v < 0 ? '-Inf' : 'NaN';
    return Object.is(v, -0) ? '0' : String(v);
  }
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialise a table (header + rows) as CSV text ending in a newline. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map(formatCell).join(',')];
  for (const row of table.rows) lines.push(row.map(formatCell).join(','));
  return lines.join('\n') + '\n';
}
