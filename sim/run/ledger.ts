/**
 * The ledger of a run set: `ledger.jsonl`, one appended line per finished run, and one result file per
 * run under `runs/` (its RunOutput as gzipped JSON, `<run>.json.gz`), written atomically before its
 * ledger line. Resuming reads both; a run counts as done only when its line says so and its file parses
 * (or, when the tables of a finished run set are current and nothing is to run, when its file is there).
 * Run sets written before the files were compressed hold plain `<run>.json` files; they are read too.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RunOutput } from '../runOne.js';
import type { RunRecord } from './evaluator.js';
import { writeAtomic } from './outputs.js';

/** One line of the ledger. */
export interface LedgerEntry {
  runId: string;
  status: 'ok' | 'error';
  attempt: number;
  durationMs: number;
  error?: string;
}

/** File name of a run's result (run ids contain slashes). */
function resultFile(outDir: string, runId: string): string {
  return join(outDir, 'runs', `${runId.replace(/\//g, '__')}.json.gz`);
}

/** The result file of a run as it is on disk: compressed, or plain (older run sets); undefined if neither exists. */
export function storedResultFile(outDir: string, runId: string): string | undefined {
  const file = resultFile(outDir, runId);
  if (existsSync(file)) return file;
  const plain = file.slice(0, -'.gz'.length);
  return existsSync(plain) ? plain : undefined;
}

/** Read the ledger; a torn last line (the process was killed while appending) is ignored. */
export function readLedger(outDir: string): LedgerEntry[] {
  const path = join(outDir, 'ledger.jsonl');
  if (!existsSync(path)) return [];
  const entries: LedgerEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      // a line cut short by a crash: that run simply is not done
    }
  }
  return entries;
}

/** Latest ledger entry per run id. */
export function latestEntries(entries: LedgerEntry[]): Map<string, LedgerEntry> {
  const latest = new Map<string, LedgerEntry>();
  for (const e of entries) latest.set(e.runId, e);
  return latest;
}

/** Remove temporary files left by a killed process. */
export function discardPartialFiles(outDir: string): void {
  const dirs = [outDir, join(outDir, 'runs')];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.includes('.tmp-')) rmSync(join(dir, name), { force: true });
  }
}

/** Read a stored result, or undefined if it is missing or unreadable (a file cut short does not unzip). */
export function readResult(outDir: string, runId: string): RunOutput | undefined {
  const file = storedResultFile(outDir, runId);
  if (!file) return undefined;
  try {
    const bytes = readFileSync(file);
    const r = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as RunOutput;
    return r.ok && r.runId === runId ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Store a finished run: its result file first (atomically), then its ledger line. */
export function recordRun(outDir: string, record: RunRecord, attempt: number, durationMs: number): void {
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  if (record.ok) writeAtomic(resultFile(outDir, record.runId), record.stored!);
  const entry: LedgerEntry = {
    runId: record.runId,
    status: record.ok ? 'ok' : 'error',
    attempt,
    durationMs: Math.round(durationMs),
  };
  if (!record.ok) entry.error = record.error;
  appendFileSync(join(outDir, 'ledger.jsonl'), JSON.stringify(entry) + '\n');
}
