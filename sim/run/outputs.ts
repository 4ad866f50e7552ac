/** Writing a run set's tables: atomically (temp file + rename), merged and sorted by run_id. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunOutput, Table } from '../runOne.js';
import { mergeTables, toCsv } from './csv.js';

/** Write a file so that readers see either the old or the complete new content, never half. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** The tables every run produces, with their file names. */
export const TABLES = [
  ['runs.csv', 'summary'],
  ['timeseries.csv', 'timeseries'],
  ['survey.csv', 'survey'],
  ['exits.csv', 'exits'],
] as const;

/** Merge the outputs of successful runs into the run set's CSV tables (and networks, when asked for). */
export function writeTables(outDir: string, results: RunOutput[]): string[] {
  const written: string[] = [];
  for (const [file, key] of TABLES) {
    const table: Table = mergeTables(results.map((r) => r[key]));
    const path = join(outDir, file);
    writeAtomic(path, toCsv(table));
    written.push(path);
  }
  for (const r of results) {
    if (r.network === undefined) continue;
    const path = join(outDir, 'networks', `${r.runId.replace(/\//g, '__')}.graphml`);
    writeAtomic(path, r.network);
    written.push(path);
  }
  return written;
}
