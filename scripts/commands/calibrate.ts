/**
 * `smesim calibrate`: search parameter values that meet a
 * scenario's calibrate targets; resumable, on the worker pool.
 */
import { join } from 'node:path';
import type { Scenario } from '../../sim/config/scenario.js';
import type { Evaluator } from '../../sim/run/evaluator.js';
import { probeRun, runSetSeconds } from '../../sim/run/costProbe.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import {
  CalibrationConflictError,
  type CalibrationSetup,
  type CandidateRow,
  calibrate,
  calibrateShard,
  calibrationSetup,
} from '../../analysis/calibrate/search.js';
import { bestRow, bestYaml, calibrationCsv, meets } from '../../analysis/calibrate/outputs.js';
import { measure, targetText } from '../../analysis/calibrate/objectives.js';
import { rowsOfTable } from '../../analysis/io.js';
import type { RunOutput } from '../../sim/runOne.js';
import { formatNumber, reportBaseBytes } from '../../analysis/report/html.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError, executing } from './basics.js';
import type { Shard } from '../../sim/run/execute.js';
import { loadOrFail, makeEvaluator, progressReporter, sources } from './common.js';
import { formatBytes, formatSeconds } from './units.js';

/** Options of `smesim calibrate`. */
export interface CalibrateOptions {
  out?: string;
  workers?: number;
  population?: number;
  replicates?: number;
  budget?: number;
  seed?: number;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** false with --no-report. */
  report?: boolean;
  /** Run only this share of the last generation the budget allows (a cluster task). */
  shard?: Shard;
}

/** The scenario with the command line's overrides of its calibrate block. */
function withOverrides(file: string, s: Scenario, opts: CalibrateOptions): Scenario {
  if (!s.calibrate)
    throw new InputError(
      `${file} has no 'calibrate:' block; add one (see ` +
        'scenarios/calibration-example.yaml and docs/calibrate.md)',
    );
  const c = { ...s.calibrate };
  if (opts.population !== undefined) c.population = opts.population;
  if (opts.replicates !== undefined) c.replicates = opts.replicates;
  if (opts.budget !== undefined) c.budget = opts.budget;
  if (opts.seed !== undefined) c.seed = opts.seed;
  if (c.budget < c.generationSize)
    throw new InputError(
      `--budget ${c.budget} holds no whole generation of ` +
        `${c.generationSize} candidates; give at least ${c.generationSize}`,
    );
  return { ...s, calibrate: c };
}

/** Describe a calibration without running it: runs, time and disk, from a probe run. */
function dryRun(setup: CalibrationSetup, workers: number, report: boolean, json: boolean): number {
  const s = setup.runScenario;
  const c = setup.calibrate;
  const perGeneration = c.generationSize * s.replicates;
  const runs = setup.generations * perGeneration;
  const cost = probeRun(s);
  const generation = runSetSeconds(cost, perGeneration, workers) + measuringSeconds(setup, cost.probe);
  if (json) {
    const seconds = cost.fixedSeconds + generation * setup.generations;
    const bytes = cost.bytes * runs + (report ? reportBaseBytes() : 0);
    process.stdout.write(
      JSON.stringify({
        scenario: s.name,
        algorithm: c.algorithm,
        generations: setup.generations,
        generationSize: c.generationSize,
        replicates: s.replicates,
        runs,
        seconds,
        generationSeconds: generation,
        bytes,
      }) + '\n',
    );
    return EXIT_OK;
  }
  process.stdout.write(
    `${s.name}: ${c.algorithm}, ${setup.generations} generations × ` +
      `${c.generationSize} candidates × ${s.replicates} replicates = ${runs} ` +
      `runs of ${s.population} firms × ${s.ticks} quarters\n`,
  );
  process.stdout.write(
    `estimated wall time on ${workers} worker(s): ` +
      `${formatSeconds(cost.fixedSeconds + generation * setup.generations)} (` +
      `${formatSeconds(generation)} a generation, measuring the objectives ` +
      'included)\n',
  );
  if (Number.isFinite(cost.bytes))
    process.stdout.write(
      `disk: roughly ${formatBytes(cost.bytes * runs + (report ? reportBaseBytes() : 0))} in all ` +
        `(each generation's tables and per-run records${report ? ', report.html' : ''})\n`,
    );
  return EXIT_OK;
}

/**
 * Seconds a generation spends measuring its objectives (on the main thread), from timing them on the
 * probe run's survey (the second of two passes, the first compiling the code) scaled by the firms surveyed.
 */
function measuringSeconds(setup: CalibrationSetup, probe: RunOutput | undefined): number {
  if (!probe || probe.survey.rows.length === 0) return 0;
  const rows = rowsOfTable(probe.survey);
  let seconds = 0;
  for (let pass = 0; pass < 2; pass++) {
    const start = process.hrtime.bigint();
    for (const o of setup.objectives) measure(o.statistic, rows);
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const s = setup.runScenario;
  const surveyed = s.survey.sampleSize > 0 ? Math.min(s.survey.sampleSize, s.population) : s.population;
  return (seconds / rows.length) * surveyed * s.replicates * setup.calibrate.generationSize;
}

/** What the terminal shows at the end: the best candidate, its objectives met and missed, the files. */
function summaryText(setup: CalibrationSetup, rows: CandidateRow[], outDir: string): string {
  const best = bestRow(rows);
  if (!best) return `no candidate was evaluated; see ${outDir}\n`;
  const values = Object.entries(best.values)
    .map(([p, v]) => `${p} = ${formatNumber(v)}`)
    .join(', ');
  const lines = setup.objectives.map((o, j) => {
    const m = best.measured[j]!;
    return (
      `  ${meets(o, m) ? 'met   ' : 'missed'} ${o.name}: ` +
      `${formatNumber(m.value)} ± ${formatNumber(m.se)} (target ` +
      `${targetText(o)})`
    );
  });
  return [
    `${setup.runScenario.name}: ${rows.length} candidates in ` +
      `${setup.generations} generations; best: generation ${best.generation}, ` +
      `candidate ${best.candidate}: ${values} (loss ${formatNumber(best.loss)})`,
    ...lines,
    `tables in ${outDir}: calibration.csv, best.yaml`,
    '',
  ].join('\n');
}

/** Run (or resume) a calibration; returns the exit code. */
export async function calibrateCommand(file: string, opts: CalibrateOptions): Promise<number> {
  const loaded = loadOrFail(file);
  const scenario = withOverrides(file, loaded.scenario, opts);
  const setup = calibrationSetup(scenario);
  const evaluator = makeEvaluator(opts.workers);
  if (opts.dryRun) {
    await evaluator.close();
    return dryRun(setup, evaluator.workers, opts.report !== false, opts.json ?? false);
  }
  const outDir = opts.out ?? join('out', `calibrate-${scenario.name}`);
  if (opts.shard) return shardCommand(setup, outDir, sources(loaded), evaluator, opts.shard, file);
  const perGeneration = setup.calibrate.generationSize * setup.runScenario.replicates;
  const total = setup.generations * perGeneration;
  const progress = progressReporter(total);
  Object.assign(executing, { outDir, done: 0, total, stopProgress: progress.stop });
  const writeCsv = (rows: CandidateRow[]) =>
    writeAtomic(join(outDir, 'calibration.csv'), calibrationCsv(setup, rows));
  try {
    const result = await calibrate(setup, {
      outDir,
      evaluator,
      scenarioFiles: sources(loaded),
      force: opts.force,
      onProgress: (done) => {
        executing.done = done;
        progress.update(done);
      },
      onGeneration: writeCsv,
    }).catch((err: unknown) => {
      throw err instanceof CalibrationConflictError ? new InputError(err.message) : err;
    });
    progress.stop();
    writeCsv(result.rows);
    const bestPath = join(outDir, 'best.yaml');
    writeAtomic(bestPath, bestYaml(setup, result.rows, bestPath, file, scenario.name));
    const report = opts.report === false ? undefined : await tryCalibrationReport(outDir, setup, result.rows);
    const code = result.runs.failed.length > 0 ? EXIT_RUNS_FAILED : EXIT_OK;
    if (opts.json) {
      const best = bestRow(result.rows);
      process.stdout.write(
        JSON.stringify({
          scenario: scenario.name,
          outDir,
          candidates: result.rows.length,
          best: best
            ? { generation: best.generation, candidate: best.candidate, values: best.values, loss: best.loss }
            : null,
          runs: result.runs,
          report: report ?? null,
          exitCode: code,
        }) + '\n',
      );
      return code;
    }
    process.stdout.write(summaryText(setup, result.rows, outDir));
    if (report) process.stdout.write(`report: ${report}\n`);
    if (result.runs.failed.length > 0)
      process.stderr.write(
        `${result.runs.failed.length} run(s) failed (their candidates were measured on ` +
          `the runs that succeeded; see the ledgers in ${outDir}/gen-*)\n`,
      );
    return code;
  } finally {
    progress.stop();
    executing.stopProgress = undefined;
    await evaluator.close();
  }
}

/**
 * `--shard i/n`: this task's share of the last generation the
 * budget allows; the calibration without --shard tells it.
 */
async function shardCommand(
  setup: CalibrationSetup,
  outDir: string,
  scenarioFiles: string[],
  evaluator: Evaluator,
  shard: Shard,
  file: string,
): Promise<number> {
  Object.assign(executing, { outDir, done: 0, total: 0 });
  try {
    const summary = await calibrateShard(setup, { outDir, evaluator, scenarioFiles }, shard).catch(
      (err: unknown) => {
        throw err instanceof CalibrationConflictError ? new InputError(err.message) : err;
      },
    );
    const g = setup.generations;
    const budget = g * setup.calibrate.generationSize;
    if (!summary) {
      process.stdout.write(
        `generation ${g} of ${outDir} is told already: shard ` +
          `${shard.index}/${shard.count} has nothing to run\n`,
      );
      return EXIT_OK;
    }
    process.stdout.write(
      `generation ${g}, shard ${shard.index}/${shard.count}: ${summary.ok}/${summary.planned} ` +
        `runs ok in ${summary.outDir}; when every shard is done, 'smesim calibrate ${file} --out ` +
        `${outDir} --budget ${budget}' takes them in and tells the generation\n`,
    );
    return summary.failed.length > 0 ? EXIT_RUNS_FAILED : EXIT_OK;
  } finally {
    await evaluator.close();
  }
}

/** Write report.html; a report problem is a warning, never a failed calibration. */
async function tryCalibrationReport(
  outDir: string,
  setup: CalibrationSetup,
  rows: CandidateRow[],
): Promise<string | undefined> {
  try {
    const { writeCalibrationReport } = await import('../../analysis/calibrate/report.js');
    return writeCalibrationReport(outDir, setup, rows);
  } catch (err) {
    process.stderr.write(
      `warning: could not write the report for ${outDir}: ` +
        `${(err as Error).message}\n(calibration.csv and best.yaml are ` +
        'complete)\n',
    );
    return undefined;
  }
}
