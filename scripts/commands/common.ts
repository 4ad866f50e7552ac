/** Helpers shared by the commands: loading scenarios with clear errors, guards, evaluators, progress. */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { LoadedScenario } from '../../sim/config/load.js';
import type { Scenario } from '../../sim/config/scenario.js';
import type { RunPlan } from '../../sim/plan/plan.js';
import { type Evaluator, SequentialEvaluator } from '../../sim/run/evaluator.js';
import { OutputLockedError } from '../../sim/run/lock.js';
import { PoolEvaluator } from '../../sim/run/pool.js';
import {
  type ExecuteOptions,
  type ExecuteSummary,
  OutputConflictError,
  executePlan,
  shardSpecs,
} from '../../sim/run/execute.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError, executing, shellQuote } from './basics.js';
export { checkGuards } from './basics.js';

export { loadOrFail } from './loadScenario.js';

/**
 * What a run set was made from, for its manifest and report: the `--set` overrides, then the files (most
 * specific first).
 */
export function sources(loaded: LoadedScenario): string[] {
  return [...loaded.sets.map((s) => `--set ${s}`), ...loaded.files];
}

/** The `--set` arguments again, for a command line printed to resume or retry. */
export function setArgs(sets: string[] = []): string {
  return sets.map((s) => ` --set ${shellQuote(s)}`).join('');
}

/** The evaluator for a worker count (1 = this thread). */
export function makeEvaluator(workers: number | undefined): Evaluator {
  const n = workers ?? availableParallelism();
  return n <= 1 ? new SequentialEvaluator() : new PoolEvaluator(n);
}

/** Progress on stderr: a bar with count, rate and ETA on a terminal; nothing otherwise (a summary follows). */
export function progressReporter(total: number): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY || total === 0) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'runs {bar} {value}/{total} | {percentage}% | ETA {eta_formatted} | elapsed {duration_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/**
 * Execute a plan with a progress bar on a terminal; a foreign output directory becomes bad input
 * (exit 2) with the message that says how to proceed.
 */
export async function executeWithProgress(
  scenario: Scenario,
  plan: RunPlan,
  opts: Omit<ExecuteOptions, 'onProgress'>,
): Promise<ExecuteSummary> {
  const total = shardSpecs(plan.specs, opts.shard).length;
  const progress = progressReporter(total);
  Object.assign(executing, { outDir: opts.outDir, done: 0, total, stopProgress: progress.stop });
  try {
    return await executePlan(scenario, plan, {
      ...opts,
      onProgress: (done) => {
        executing.done = done;
        progress.update(done);
      },
    });
  } catch (err) {
    throw err instanceof OutputConflictError || err instanceof OutputLockedError
      ? new InputError(err.message)
      : err;
  } finally {
    progress.stop();
    executing.stopProgress = undefined;
  }
}

/** Write the run set's report.html; a report problem is a warning, never a failed run set. */
export async function tryReport(outDir: string): Promise<string | undefined> {
  try {
    const { writeReport } = await import('../../analysis/report/build.js');
    return writeReport(outDir);
  } catch (err) {
    executing.reportFailed = true;
    process.stderr.write(
      `error: could not write the report of ${outDir}: ${(err as Error).message}\n` +
        `The tables are complete. Fix the cause and rebuild the report with:\n  smesim report ${shellQuote(outDir)}\n`,
    );
    return undefined;
  }
}

/**
 * Print what an execution did (and `details`, e.g. the key numbers, before the report's path); returns the
 * exit code.
 */
export function reportSummary(
  name: string,
  summary: ExecuteSummary,
  retryCommand: string,
  json: boolean,
  report?: string,
  details?: string,
): number {
  const code = summary.failed.length > 0 || executing.reportFailed ? EXIT_RUNS_FAILED : EXIT_OK;
  if (json) {
    process.stdout.write(
      JSON.stringify({ scenario: name, ...summary, report: report ?? null, exitCode: code }) + '\n',
    );
    return code;
  }
  const resumed = summary.skipped > 0 ? ` (${summary.skipped} already done, resumed)` : '';
  process.stdout.write(
    `${name}: ${summary.ok}/${summary.planned} runs ok${resumed}; tables in ${summary.outDir}\n`,
  );
  if (details) process.stdout.write(details);
  if (report) process.stdout.write(`report: ${report}\n`);
  if (summary.failed.length > 0) {
    process.stderr.write(`${summary.failed.length} run(s) failed:\n`);
    for (const f of summary.failed.slice(0, 10))
      process.stderr.write(`  ${f.runId}: ${f.error.split('\n')[0]}\n`);
    if (summary.failed.length > 10)
      process.stderr.write(`  … and ${summary.failed.length - 10} more (see ledger.jsonl)\n`);
    process.stderr.write(`retry them with: ${retryCommand} --retry-failed\n`);
  }
  return code;
}
