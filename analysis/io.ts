/** Reading a run set's tables the way a user would: from the CSV files in its output directory. */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as aq from 'arquero';

type Rows = Record<string, unknown>[];

/** Tables read while `sharingReads` runs: which files may be shared, and the rows read so far. */
let shared: { files: Set<string>; rows: Map<string, Rows> } | undefined;

/**
 * While `fn` runs, reading one of `files` again (the same file, unchanged since, with the same range)
 * returns the rows read the first time instead of parsing the file again: validate-model's T9 and its
 * report read the same snapshots and exits. The rows are shared, so no caller may change them (none
 * does: the verbs and targets map rows to new objects). Only the files named are kept, to bound memory.
 */
export async function sharingReads<T>(files: string[], fn: () => Promise<T>): Promise<T> {
  const outer = shared;
  shared = { files: new Set(files), rows: new Map() };
  try {
    return await fn();
  } finally {
    shared = outer;
  }
}

/** `read()`, or the rows it gave for the same file and range earlier in `sharingReads`. */
function remembered(outDir: string, file: string, range: string, read: () => Rows): Rows {
  if (!shared?.files.has(file)) return read();
  const path = resolve(outDir, file);
  const { size, mtimeMs } = statSync(path);
  const key = JSON.stringify([path, size, mtimeMs, range]);
  let rows = shared.rows.get(key);
  if (!rows) shared.rows.set(key, (rows = read()));
  return rows;
}

/** Load one of a run set's CSV tables as an arquero table. */
export function loadTable(outDir: string, file: string): aq.ColumnTable {
  return aq.fromCSV(readFileSync(join(outDir, file), 'utf8'));
}

/** Rows of a run set's CSV table as plain objects. */
export function loadRows(outDir: string, file: string): Record<string, unknown>[] {
  return remembered(outDir, file, '', () => loadTable(outDir, file).objects() as Rows);
}

/** Rows of a table held in memory (a run's output) as plain objects, keyed by its columns. */
export function rowsOfTable(table: {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}): Rows {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, k) => [c, r[k]])));
}

/** Rows of CSV text as plain objects, parsed as `loadRows` parses a file. */
export function rowsOfCsv(text: string): Rows {
  return aq.fromCSV(text).objects() as Rows;
}

/**
 * The text of a run set's CSV table cut into one CSV text per run (the header and that run's lines, in
 * file order), in run-id order: validate-model hands each run's survey to a worker thread as text, which
 * parses it there (`rowsOfCsv`), instead of parsing the whole table here and copying the rows across.
 * Parsed, a run's text gives the rows the whole file gives for that run, for a table whose columns each
 * hold one type, as every table smesim writes does (arquero infers a column's type from the rows it is
 * given; tested). Undefined when the first column is not `run_id` or the text has a quoted field (which
 * may hold a comma or a line break): such a table is to be parsed whole.
 */
export function csvByRun(text: string): [runId: string, csv: string][] | undefined {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || text.includes('"') || !text.startsWith('run_id,')) return undefined;
  const header = text.slice(0, headerEnd + 1);
  const lines = new Map<string, string[]>();
  for (let start = headerEnd + 1; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '') continue;
    const comma = line.indexOf(',');
    const runId = comma < 0 ? line : line.slice(0, comma);
    const group = lines.get(runId);
    if (group) group.push(line);
    else lines.set(runId, [line]);
  }
  return [...lines.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([runId, group]) => [runId, header + group.join('\n') + '\n']);
}

/**
 * Rows of a run set's CSV table whose numeric `column` lies in [min, max]. The exit log of a validation
 * run set has over a million rows, of which a shock's horizon needs a tenth, so the lines that are
 * plainly out of range are dropped from the text before arquero parses it (3–4 times faster on it);
 * the range is then applied again to the parsed values, so the result is the same as filtering the
 * whole table, for a table whose columns each hold one type, as every table smesim writes does
 * (arquero infers a column's type from the rows it is given). A file with a quoted field (which may
 * hold a comma or a line break) is parsed whole.
 */
export function loadRowsBetween(
  outDir: string,
  file: string,
  column: string,
  min: number,
  max: number,
): Record<string, unknown>[] {
  return remembered(outDir, file, `${column} ${min} ${max}`, () => {
    const text = readFileSync(join(outDir, file), 'utf8');
    const inRange = aq.escape(
      (d: Record<string, unknown>) => Number(d[column]) >= min && Number(d[column]) <= max,
    );
    return aq
      .fromCSV(text.includes('"') ? text : linesBetween(text, column, min, max))
      .filter(inRange)
      .objects() as Rows;
  });
}

/** The header and every line whose `column` cell is not a number outside [min, max] (unquoted CSV only). */
function linesBetween(text: string, column: string, min: number, max: number): string {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return text;
  const at = text.slice(0, headerEnd).split(',').indexOf(column);
  if (at < 0) return text;
  const kept = [text.slice(0, headerEnd + 1)];
  for (let start = headerEnd + 1; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let cell = start;
    for (let k = 0; k < at && cell <= end; k++) cell = text.indexOf(',', cell) + 1 || end + 1;
    const comma = cell <= end ? text.indexOf(',', cell) : -1;
    const raw = cell <= end ? text.slice(cell, comma < 0 || comma > end ? end : comma) : '';
    const v = Number(raw);
    if (raw === '' || Number.isNaN(v) || (v >= min && v <= max)) kept.push(text.slice(start, end + 1));
    start = end + 1;
  }
  return kept.join('');
}
