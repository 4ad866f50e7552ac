/** Reading a run set's tables the way a user would: from the CSV files in its output directory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';

/** Load one of a run set's CSV tables as an arquero table. */
export function loadTable(outDir: string, file: string): aq.ColumnTable {
  return aq.fromCSV(readFileSync(join(outDir, file), 'utf8'));
}

/** Rows of a run set's CSV table as plain objects. */
export function loadRows(outDir: string, file: string): Record<string, unknown>[] {
  return loadTable(outDir, file).objects() as Record<string, unknown>[];
}

/**
 * Rows of a run set's CSV table whose numeric `column` lies in [min, max], filtered before they become
 * objects: the exit log of a validation run set has over a million rows, of which a shock's horizon
 * needs a tenth.
 */
export function loadRowsBetween(outDir: string, file: string, column: string, min: number, max: number): Record<string, unknown>[] {
  const inRange = aq.escape((d: Record<string, unknown>) => Number(d[column]) >= min && Number(d[column]) <= max);
  return loadTable(outDir, file).filter(inRange).objects() as Record<string, unknown>[];
}
