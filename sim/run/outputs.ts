/** Writing a run set's tables: atomically (temp file + rename), merged and sorted by run_id. */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunOutput, RunSpec, Table } from '../runOne.js';
import type { RunPlan } from '../plan/plan.js';
import type { Scenario } from '../config/scenario.js';
import { type ColumnarFormat, toArrow, toParquet } from './columnar.js';
import { toCsv } from './csv.js';

/** Write a file so that readers see either the old or the complete new content, never half. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    // a full disk or a failed rename must not leave the half-written temp file behind
    if (existsSync(tmp) && statSync(tmp).isFile()) rmSync(tmp, { force: true });
    throw err;
  }
}

/** Raised when an output folder cannot be used; the message names it, says why and what to do. */
export class OutputPathError extends Error {}

/** What a file-system error code means, in words (the code itself follows in brackets). */
const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'a file of that name is in the way',
  ENAMETOOLONG: 'the path is too long',
};

/** An error's reason in words, with its code: "permission denied (EACCES)". */
export function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT' && e.syscall === 'mkdir')
    return 'a part of the path does not exist and cannot be created (ENOENT)';
  return e.code ? `${FS_REASONS[e.code] ?? e.message} (${e.code})` : String((err as Error)?.message ?? err);
}

/**
 * Create one folder whose parent exists. Another process may create it between our look and our
 * mkdir (shards of one generation starting at once on a cluster): a folder already there is fine,
 * a file of that name is not.
 */
export function makeFolder(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw err;
  }
}

/**
 * Make sure `dir` is a folder this process can write to, creating it (and its parents) if needed,
 * before anything runs; otherwise throw OutputPathError saying why. Folders are created one level
 * at a time from the nearest existing one, as `mkdirSync(…, { recursive: true })` never returns
 * on some virtual file systems (/proc, on Node 20).
 */
export function prepareOutputDir(dir: string): void {
  const fail = (why: string) =>
    new OutputPathError(`cannot use ${dir} as the output folder: ${why}; choose another --out`);
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory())
    throw fail(at === resolve(dir) ? 'it is a file, not a folder' : `${at} is a file, not a folder`);
  try {
    for (const d of missing) makeFolder(d);
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw fail(fsReason(err));
  }
}

/** The tables every run produces, with their file names. */
export const TABLES = [
  ['runs.csv', 'summary'],
  ['timeseries.csv', 'timeseries'],
  ['survey.csv', 'survey'],
  ['exits.csv', 'exits'],
  ['snapshots.csv', 'snapshots'],
] as const;

/**
 * Which tables a run set's results fill besides those every run has: snapshots and exits, written only
 * when the scenario asks for them (outputs.snapshots, outputs.exits) and some run succeeded, and the
 * runs with a network (outputs.network).
 */
export interface ResultShape {
  snapshots: boolean;
  exits: boolean;
  networkRuns: string[];
}

/** The shape of these results. */
export function shapeOfResults(results: RunOutput[]): ResultShape {
  return {
    snapshots: results.some((r) => r.snapshots),
    exits: results.some((r) => r.exits),
    networkRuns: results.filter((r) => r.network !== undefined).map((r) => r.runId),
  };
}

/**
 * The shape that successful runs `okRunIds` of a scenario with these outputs give, without reading their
 * results (tested against shapeOfResults).
 */
export function shapeOfRuns(outputs: Scenario['outputs'], okRunIds: string[]): ResultShape {
  const any = okRunIds.length > 0;
  return {
    snapshots: any && outputs.snapshots.length > 0,
    exits: any && outputs.exits,
    networkRuns: outputs.network ? okRunIds : [],
  };
}

const isWritten = (key: (typeof TABLES)[number][1], shape: ResultShape) =>
  key === 'snapshots' || key === 'exits' ? shape[key] : true;

/** Concatenate per-run tables in run-id order, inserting the swept parameter values after run_id. */
function mergeRunTables(
  results: RunOutput[],
  key: (typeof TABLES)[number][1],
  parameters: string[],
  specs: Map<string, RunSpec>,
): Table {
  const sorted = [...results]
    .filter((r) => r[key] !== undefined)
    .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const first = sorted[0]?.[key];
  if (!first) return { columns: [], rows: [] };
  const columns = [first.columns[0]!, ...parameters, ...first.columns.slice(1)];
  const rows: (string | number)[][] = [];
  for (const r of sorted) {
    const params = parameters.map((p) => specs.get(r.runId)?.params?.[p] ?? '');
    for (const row of r[key]!.rows) rows.push([row[0]!, ...params, ...row.slice(1)]);
  }
  return { columns, rows };
}

/** The design table of a sweep: one row per design point. */
function designTable(plan: RunPlan): Table {
  return {
    columns: ['point', 'role', 'group', 'changed', ...plan.parameters],
    rows: plan.points.map((p, k) => [
      k,
      p.role,
      p.group,
      p.changed >= 0 ? plan.parameters[p.changed]! : '',
      ...p.values,
    ]),
  };
}

/** What `writeTables` writes for results of this shape, in the same order (tested together). */
export function tableFiles(
  outDir: string,
  shape: ResultShape,
  plan: RunPlan,
  formats: ColumnarFormat[] = [],
): string[] {
  const files: string[] = [];
  for (const [file, key] of TABLES) {
    if (!isWritten(key, shape)) continue;
    const path = join(outDir, file);
    files.push(path, ...formats.map((format) => columnarPath(path, format)));
  }
  if (plan.points.length > 0) files.push(join(outDir, 'design.csv'));
  for (const runId of shape.networkRuns) files.push(networkPath(outDir, runId));
  return files;
}

const columnarPath = (csv: string, format: ColumnarFormat) =>
  csv.replace(/\.csv$/, format === 'arrow' ? '.arrow' : '.parquet');
const networkPath = (outDir: string, runId: string) =>
  join(outDir, 'networks', `${runId.replace(/\//g, '__')}.graphml`);

/**
 * Merge the outputs of successful runs into the run set's tables: CSV always, plus Arrow IPC and/or
 * Parquet copies when asked for (and networks, when the scenario asks for them).
 */
export function writeTables(
  outDir: string,
  results: RunOutput[],
  plan: RunPlan,
  formats: ColumnarFormat[] = [],
): string[] {
  const specs = new Map(plan.specs.map((s) => [s.runId, s]));
  const written: string[] = [];
  const shape = shapeOfResults(results);
  for (const [file, key] of TABLES) {
    if (!isWritten(key, shape)) continue;
    const path = join(outDir, file);
    const table = mergeRunTables(results, key, plan.parameters, specs);
    writeAtomic(path, toCsv(table));
    written.push(path);
    for (const format of formats) {
      const columnar = columnarPath(path, format);
      writeAtomic(columnar, format === 'arrow' ? toArrow(table, key) : toParquet(table, key));
      written.push(columnar);
    }
  }
  if (plan.points.length > 0) {
    const path = join(outDir, 'design.csv');
    writeAtomic(path, toCsv(designTable(plan)));
    written.push(path);
  }
  for (const r of results) {
    if (r.network === undefined) continue;
    const path = networkPath(outDir, r.runId);
    writeAtomic(path, r.network);
    written.push(path);
  }
  return written;
}
