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
