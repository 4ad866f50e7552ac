/**
 * Benchmarks of the analysis: estimating the validation targets on one survey (this thread) and on a run
 * set's surveys (worker threads), and reading the exits of T9's 20 quarters from a validation-sized exit log.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import { loadScenario } from '../sim/config/load.js';
import type { Scenario } from '../sim/config/scenario.js';
import { packageRoot } from '../sim/packageRoot.js';
import { ThreadPool } from '../sim/run/pool.js';
import { makeStream, randInt } from '../sim/rng.js';
import { formatCell, toCsv } from '../sim/run/csv.js';
import { surveyTargetsByMeasure } from '../analysis/validation/targets.js';
import type { EstimationTask } from '../analysis/validation/evaluate.js';
import { estimationWorker } from '../analysis/validation/parallel.js';
import { loadRowsBetween, loadTable, rowsOfTable } from '../analysis/io.js';
import { makeRunPlan } from '../sim/plan/plan.js';
import { runOne } from '../sim/runOne.js';
import { type BenchRow, alternately, now } from './benchTiming.js';

/**
 * The validation scenario, and the survey of one of its runs at `firms` firms as row objects (as
 * validate-model reads survey.csv).
 */
function validationSurvey(firms: number): {
  s: Scenario;
  rows: Record<string, unknown>[];
  csv: string;
  runId: string;
} {
  const s = loadScenario(join(packageRoot(), 'scenarios', 'validation.yaml'));
  const spec = makeRunPlan({ ...s, population: firms, replicates: 1 }).specs[0]!;
  const result = runOne(spec);
  if (!result.ok) throw new Error(`estimation benchmark: the run failed: ${result.error}`);
  return { s, rows: rowsOfTable(result.survey), csv: toCsv(result.survey), runId: spec.runId };
}

/**
 * Estimation: T1–T7 (both measures) on the survey of one run of `firms` firms, as validate-model
 * evaluates every replicate; the fastest of `repeats` timings.
 */
export function estimation(firms: number, repeats: number): BenchRow {
  const { s, rows } = validationSurvey(firms);
  const times: number[] = [];
  let targets = 0;
  for (let k = 0; k < repeats; k++) {
    const start = now();
    targets = Object.values(surveyTargetsByMeasure(rows)).flat().length;
    times.push(now() - start);
  }
  const seconds = Math.min(...times);
  return {
    benchmark: 'estimation',
    firms: rows.length,
    ticks: s.ticks,
    runs: 1,
    workers: 1,
    seconds,
    firmTicksPerSecond: null,
    bytesPerFirm: null,
    efficiency: null,
    note:
      `${targets} target evaluations (T1–T7, Likert and true measures) on one survey of ` +
      `${rows.length} firms; fastest of ${repeats}`,
  };
}

/**
 * Estimating validate-model's surveys on worker threads, as `estimateAll` does: `surveys` copies of one
 * run's survey of `firms` firms (each under its own run id, handed over as its lines of CSV text, which
 * the thread parses, as validate-model hands them), every target validate-model reads on a
 * survey (T1–T7 on both measures and the paper-scale sample, the two-lines diagnostic, clustered SEs).
 * A fresh pool of 1 thread against a fresh pool of `workers`, so that both pay the warm-up of a new
 * thread as validate-model does; timed alternately `repeats` times, the median of the pairwise ratios.
 */
export async function estimationParallel(
  firms: number,
  surveys: number,
  workers: number,
  repeats: number,
): Promise<BenchRow[]> {
  const { s, rows, csv, runId: own } = validationSurvey(firms);
  // each task carries its run's lines of survey.csv as text, as validate-model hands them over (csvByRun)
  const tasks = Array.from({ length: surveys }, (_, k): EstimationTask => {
    const runId = `validation/r${String(k + 1).padStart(3, '0')}`;
    return { kind: 'survey', runId, csv: csv.split(`\n${own},`).join(`\n${runId},`), seed: s.seed };
  });
  const time = async (threads: number) => {
    const pool = new ThreadPool(estimationWorker(), threads);
    const start = now();
    const results = (await Promise.all(tasks.map((t) => pool.run(t)))) as unknown[][];
    const seconds = now() - start;
    await pool.close();
    if (results.some((r) => r.length === 0))
      throw new Error('estimation benchmark: a survey gave no validation rows');
    return seconds;
  };
  const { one, many, efficiency, spread } = await alternately(time, workers, repeats);
  const note = `${surveys} surveys of ${rows.length.toLocaleString('en-US')} firms`;
  return [
    {
      benchmark: 'estimation-surveys',
      firms: rows.length,
      ticks: s.ticks,
      runs: surveys,
      workers: 1,
      seconds: one,
      firmTicksPerSecond: null,
      bytesPerFirm: null,
      efficiency: 1,
      note: `${note}, pool of 1 thread (median of ${repeats})`,
    },
    {
      benchmark: 'estimation-surveys',
      firms: rows.length,
      ticks: s.ticks,
      runs: surveys,
      workers,
      seconds: many,
      firmTicksPerSecond: null,
      bytesPerFirm: null,
      efficiency,
      note: `${note}; ${spread}`,
    },
  ];
}

/**
 * Reading the exits of a 20-quarter window from an exit log shaped like a validation run set's
 * (`runs` runs × `perRun` exits spread over 200 quarters; seeded): as T9 and the report read it
 * (lines out of range dropped as text, then parsed) and, for comparison, parsed whole and filtered.
 */
export function exitLog(runs: number, perRun: number): BenchRow {
  const dir = mkdtempSync(join(tmpdir(), 'smesim-bench-'));
  const rng = makeStream(1, 'bench-exit-log');
  const lines = ['run_id,tick,firm_id,sector,region,employees,age_quarters,lo,sli'];
  for (let r = 1; r <= runs; r++) {
    const ticks = Array.from({ length: perRun }, () => randInt(rng, 200)).sort((a, b) => a - b);
    for (const [k, t] of ticks.entries())
      lines.push(
        `validation/r${String(r).padStart(3, '0')},${t},${k},metal-products,${randInt(rng, 7)}` +
          `,${10 + randInt(rng, 240)},${randInt(rng, 200)},${formatCell(rng())},${formatCell(rng())}`,
      ); // LO and SLI written as the tables write them
  }
  writeFileSync(join(dir, 'exits.csv'), lines.join('\n') + '\n');
  const time = (f: () => number): [seconds: number, rows: number] => {
    const start = now();
    const rows = f();
    return [now() - start, rows];
  };
  const [filtered, kept] = time(() => loadRowsBetween(dir, 'exits.csv', 'tick', 170, 189).length);
  const inRange = aq.escape((d: Record<string, unknown>) => Number(d.tick) >= 170 && Number(d.tick) <= 189);
  const [whole, same] = time(() => loadTable(dir, 'exits.csv').filter(inRange).objects().length);
  rmSync(dir, { recursive: true, force: true });
  if (kept !== same)
    throw new Error(`exit-log benchmark: ${kept} rows filtered as text, ${same} parsed whole`);
  const note =
    `T9's window: ${kept.toLocaleString('en-US')} of ` +
    `${(runs * perRun).toLocaleString('en-US')} exits in a log as large as a 5,000-firm ` +
    `validation run set's; parsed whole and then filtered: ${whole.toFixed(2)} s`;
  return {
    benchmark: 'exit-log',
    firms: 5_000,
    ticks: 200,
    runs,
    workers: 1,
    seconds: filtered,
    firmTicksPerSecond: null,
    bytesPerFirm: null,
    efficiency: null,
    note,
  };
}
