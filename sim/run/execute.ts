/**
 * Executing a run plan into an output directory: refuse a foreign directory, resume what is done,
 * run the rest (or one shard of it), record every run, then merge the tables. Failures are data.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../config/scenario.js';
import type { RunPlan } from '../plan/plan.js';
import type { RunOutput, RunSpec } from '../runOne.js';
import type { Evaluator } from './evaluator.js';
import {
  type LedgerEntry,
  discardPartialFiles,
  latestEntries,
  readLedger,
  readResult,
  recordRun,
  storedResultFile,
} from './ledger.js';
import { LOCK_FILE, lockOutputDir } from './lock.js';
import { type Manifest, buildManifest, readManifest, scenarioDifferences } from './manifest.js';
import type { ColumnarFormat } from './columnar.js';
import { prepareOutputDir, shapeOfRuns, tableFiles, writeAtomic, writeTables } from './outputs.js';

/** A shard: this process runs the specs at positions k with k mod count = index − 1. */
export interface Shard {
  index: number;
  count: number;
}

/** Options of one execution. */
export interface ExecuteOptions {
  outDir: string;
  evaluator: Evaluator;
  scenarioFiles: string[];
  force?: boolean;
  retryFailed?: boolean;
  shard?: Shard;
  /** Columnar copies of the tables to write besides CSV. */
  formats?: ColumnarFormat[];
  /** Called once before any run starts (done = runs already finished) and after each run (with that run). */
  onProgress?: (done: number, total: number, last?: { runId: string; ok: boolean }) => void;
}

/** What happened. */
export interface ExecuteSummary {
  outDir: string;
  planned: number;
  skipped: number;
  ran: number;
  ok: number;
  failed: { runId: string; error: string }[];
  files: string[];
}

/** Raised when the output directory belongs to something else; the message says how to proceed. */
export class OutputConflictError extends Error {}

/** The specs of a shard (all specs when no shard is given). */
export function shardSpecs(specs: RunSpec[], shard?: Shard): RunSpec[] {
  return shard ? specs.filter((_, k) => k % shard.count === shard.index - 1) : specs;
}

/**
 * What makes a folder's run set another one, in words: the scenario fields that differ, and the version that
 * wrote it when its scenario lacks fields this one has.
 */
function whatDiffers(old: Manifest, now: Manifest): string {
  const fields = scenarioDifferences(old.scenario, now.scenario);
  const listed =
    fields.length === 0
      ? ''
      : `: its scenario differs in ${fields.slice(0, 4).join(', ')}` +
        `${fields.length > 4 ? ` and ${fields.length - 4} more field(s)` : ''}`;
  const shard =
    JSON.stringify(old.shard) === JSON.stringify(now.shard)
      ? ''
      : `${listed ? '; ' : ': '}its shard is ` +
        `${old.shard ? `${old.shard.index}/${old.shard.count}` : 'none'}, this one ` +
        `${now.shard ? `${now.shard.index}/${now.shard.count}` : 'none'}`;
  const older = fields.some((f) => f.includes('(absent there'))
    ? `; it was written by smesim ${old.version}${old.gitCommit ? ` (${old.gitCommit.slice(0, 8)})` : ''}, ` +
      `whose scenarios lack fields this version has`
    : '';
  return listed + shard + older;
}

/** The files and folders a run set writes, which --force replaces. */
const OWN_FILES = new RegExp(
  '^(manifest\\.json|ledger\\.jsonl|runs|networks|report\\.html|' +
    '(runs|timeseries|survey|exits|design|snapshots)\\.(csv|arrow|parquet)|validation\\.(csv|json))$',
);

/** Check the directory is ours (same plan) or empty; with force, clear what a previous plan left. */
function claimDirectory(outDir: string, manifest: Manifest, force: boolean): void {
  if (!existsSync(outDir) || readdirSync(outDir).every((name) => name === LOCK_FILE)) return;
  const old = readManifest(outDir);
  const same =
    old &&
    old.planHash === manifest.planHash &&
    old.scenarioHash === manifest.scenarioHash &&
    JSON.stringify(old.shard) === JSON.stringify(manifest.shard);
  if (same) return;
  if (!force) {
    const why = old
      ? `it holds a different run set (scenario '${old.scenario.name}', ${old.runs} runs, plan ` +
        `${old.planHash.slice(0, 8)})${whatDiffers(old, manifest)}`
      : 'it is not empty and was not written by smesim';
    throw new OutputConflictError(
      `output directory ${outDir}: ${why}; choose another --out, or add --force to replace its contents`,
    );
  }
  for (const name of readdirSync(outDir)) {
    if (OWN_FILES.test(name)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

/** Run a plan into outDir, resuming from its ledger; the folder is locked against other processes meanwhile. */
export async function executePlan(
  scenario: Scenario,
  plan: RunPlan,
  opts: ExecuteOptions,
): Promise<ExecuteSummary> {
  prepareOutputDir(opts.outDir);
  const release = lockOutputDir(opts.outDir);
  try {
    return await executeLocked(scenario, plan, opts);
  } finally {
    release();
  }
}

/** executePlan's work, once the folder is ours. */
async function executeLocked(
  scenario: Scenario,
  plan: RunPlan,
  opts: ExecuteOptions,
): Promise<ExecuteSummary> {
  const { outDir } = opts;
  const manifest = buildManifest(scenario, plan, opts.scenarioFiles, opts.shard ?? null);
  claimDirectory(outDir, manifest, opts.force ?? false);
  discardPartialFiles(outDir);
  const previous = readManifest(outDir);
  if (previous) manifest.started = previous.started;
  writeAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const mine = shardSpecs(plan.specs, opts.shard);
  const ledger = readLedger(outDir);
  const latest = latestEntries(ledger);
  const attempts = new Map<string, number>();
  for (const e of ledger) attempts.set(e.runId, Math.max(attempts.get(e.runId) ?? 0, e.attempt));
  const shardPlan = { ...plan, specs: mine };
  const isOk = (spec: RunSpec) => latest.get(spec.runId)?.status === 'ok';
  const failure = (runId: string, entry: LedgerEntry | undefined) => ({
    runId,
    error: entry?.error ?? 'no result recorded',
  });
  /** Mark the manifest finished (its tables hold these results) and say what happened. */
  const finish = (
    finished: string,
    ran: number,
    ok: number,
    failed: ExecuteSummary['failed'],
    files: string[],
  ): ExecuteSummary => {
    manifest.finished = finished;
    writeAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return { outDir, planned: mine.length, skipped: mine.length - ran, ran, ok, failed, files };
  };
  // Nothing to run (every run ok with its file there, or failed and not to be retried), and the last
  // invocation got as far as merging (its manifest says finished; this one's says so only after its
  // merge): the tables already hold exactly these results, unless one was removed. Then no result
  // file is read: parsing them all (about 50 ms each for 5,000 firms) is what a resumed complete
  // run set would otherwise spend its time on.
  /**
   * A run to (re)run: none recorded, a failure to retry, or an ok run whose result is not there (`has` says
   * whether it is).
   */
  const mustRun = (spec: RunSpec, has: (runId: string) => boolean) => {
    const entry = latest.get(spec.runId);
    if (!entry) return true;
    if (entry.status === 'error') return opts.retryFailed === true;
    return !has(spec.runId);
  };
  const settled = !mine.some((spec) =>
    mustRun(spec, (runId) => storedResultFile(outDir, runId) !== undefined),
  );
  const okIds = mine.filter(isOk).map((spec) => spec.runId);
  const expected =
    settled && previous?.finished
      ? tableFiles(outDir, shapeOfRuns(scenario.outputs, okIds), shardPlan, opts.formats)
      : undefined;
  if (expected?.every((f) => existsSync(f))) {
    opts.onProgress?.(mine.length, mine.length);
    const failed = mine
      .filter((spec) => !isOk(spec))
      .map((spec) => failure(spec.runId, latest.get(spec.runId)));
    return finish(previous!.finished!, 0, okIds.length, failed, expected);
  }

  const stored = new Map<string, RunOutput>(); // results of earlier invocations, parsed once
  const todo = mine.filter((spec) =>
    mustRun(spec, (runId) => {
      const result = readResult(outDir, runId); // a file that does not parse: that run is run again
      if (result) stored.set(runId, result);
      return result !== undefined;
    }),
  );

  let done = mine.length - todo.length;
  opts.onProgress?.(done, mine.length);
  await opts.evaluator.evaluate(todo, (record, durationMs) => {
    recordRun(outDir, record, (attempts.get(record.runId) ?? 0) + 1, durationMs);
    done++;
    opts.onProgress?.(done, mine.length, { runId: record.runId, ok: record.ok });
  });

  const finalLatest = latestEntries(readLedger(outDir));
  const results: RunOutput[] = [];
  const failed: ExecuteSummary['failed'] = [];
  for (const spec of mine) {
    const entry = finalLatest.get(spec.runId);
    const result =
      entry?.status === 'ok' ? (stored.get(spec.runId) ?? readResult(outDir, spec.runId)) : undefined;
    if (result) results.push(result);
    else failed.push(failure(spec.runId, entry));
  }
  const files = writeTables(outDir, results, shardPlan, opts.formats);
  return finish(new Date().toISOString(), todo.length, results.length, failed, files);
}
